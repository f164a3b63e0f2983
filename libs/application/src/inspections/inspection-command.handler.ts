import { inspectionDecider, inspectionStreamId, type InspectionCommand, type InspectionCommandFrom, type InspectionEvent, type InspectionRejection, type InspectionState } from '@shuangsui/domain';
import { CommandHandler, type StreamKind } from '../commands';
import type { CommandContext } from '../command-context';
import { BusinessRuleError, CaseAccessDeniedError, CaseNotFoundError, InvalidTransitionError } from '../errors';
import { INSPECTION_COMMAND_ROLES } from '../permissions';
import type { EventStore } from '@shuangsui/event-store';
import { commandResult, type CommandResult } from './command-result';

/** The inspection case stream kind: its decider, and how its refusals read. */
export const INSPECTION_STREAM: StreamKind<InspectionCommandFrom, InspectionEvent, InspectionState, InspectionRejection> = {
  decider: inspectionDecider,
  commandRoles: INSPECTION_COMMAND_ROLES,
  rejectionError: (rejection, state, streamId) => {
    const caseId = streamId.slice(inspectionStreamId('').length);
    if (rejection.kind === 'ruleViolation') return new BusinessRuleError(rejection);
    if (rejection.kind === 'notPermitted') return new CaseAccessDeniedError(caseId, rejection);
    if (state.revision < 0) return new CaseNotFoundError(caseId);
    return new InvalidTransitionError(caseId, rejection.command, rejection.state, rejection.allowedCommands);
  },
};

/**
 * Case commands through the one command handler (role check (load → fold → decide → append,
 * idempotent by command id). A lost race is a ConcurrencyConflictError, never a partial write.
 */
export class InspectionCommandHandler {
  private readonly commands: CommandHandler;

  constructor(store: EventStore, clock: () => Date = () => new Date()) {
    this.commands = new CommandHandler(store, clock);
  }

  async execute(caseId: string, command: InspectionCommand, context: CommandContext): Promise<CommandResult> {
    // The actor travels in the command: the case-level rules (own cases, not one's own review) are the decider's.
    const handled = await this.commands.handle(INSPECTION_STREAM, inspectionStreamId(caseId), { ...command, actor: context.actor }, context);
    return commandResult(caseId, handled.events, handled.state);
  }
}
