import { inspectionDecider, inspectionStreamId, type InspectionCommand, type InspectionEvent, type InspectionRejection, type InspectionState } from '@shuangsui/domain';
import { CommandHandler, type StreamKind } from '../commands';
import type { CommandContext } from '../command-context';
import { BusinessRuleError, CaseNotFoundError, ForbiddenCommandError, InvalidTransitionError } from '../errors';
import { COMMAND_ROLES } from '../permissions';
import type { EventStore } from '@shuangsui/event-store';
import { commandResult, type CommandResult } from './command-result';

/** The inspection case stream kind: its decider, and how its refusals read. */
export const INSPECTION_STREAM: StreamKind<InspectionCommand, InspectionEvent, InspectionState, InspectionRejection> = {
  decider: inspectionDecider,
  rejectionError: (rejection, state, streamId) => {
    const caseId = streamId.slice(inspectionStreamId('').length);
    if (rejection.kind === 'ruleViolation') return new BusinessRuleError(rejection);
    if (state.revision < 0) return new CaseNotFoundError(caseId);
    return new InvalidTransitionError(caseId, rejection.command, rejection.state, rejection.allowedCommands);
  },
};

/**
 * Case commands: the role check, then the one command handler (load → fold → decide → append,
 * idempotent by command id). A lost race is a ConcurrencyConflictError, never a partial write.
 */
export class InspectionCommandHandler {
  private readonly commands: CommandHandler;

  constructor(store: EventStore, clock: () => Date = () => new Date()) {
    this.commands = new CommandHandler(store, clock);
  }

  async execute(caseId: string, command: InspectionCommand, context: CommandContext): Promise<CommandResult> {
    const roles = COMMAND_ROLES[command.type];
    if (!roles.includes(context.actor.role)) throw new ForbiddenCommandError(command.type, context.actor.role, roles);
    const handled = await this.commands.handle(INSPECTION_STREAM, inspectionStreamId(caseId), command, context);
    return commandResult(caseId, handled.events, handled.state);
  }
}
