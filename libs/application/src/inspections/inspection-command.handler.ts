import { decide, evolve, foldInspection, inspectionStreamId, type InspectionCommand } from '@shuangsui/domain';
import {
  hashOf,
  newEventId,
  sealEvents,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type Json,
  type RecordedEvent,
} from '@shuangsui/event-store';
import type { CommandContext } from '../command-context';
import {
  BusinessRuleError,
  CaseNotFoundError,
  ConcurrencyConflictError,
  ForbiddenCommandError,
  IdempotencyKeyReusedError,
  InvalidTransitionError,
} from '../errors';
import { COMMAND_ROLES } from '../permissions';
import { commandResult, type CommandResult } from './command-result';
import { toStoredInspectionEvent } from './stored-events';

/**
 * Load the case's stream → fold → decide → append with the loaded revision as expectation.
 * A command whose id (Idempotency-Key) is already in the stream is answered from the stored events
 * and appends nothing; a lost race is a ConcurrencyConflictError, never a partial write.
 */
export class InspectionCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(caseId: string, command: InspectionCommand, context: CommandContext): Promise<CommandResult> {
    const roles = COMMAND_ROLES[command.type];
    if (!roles.includes(context.actor.role)) throw new ForbiddenCommandError(command.type, context.actor.role, roles);
    try {
      return await this.attempt(caseId, command, context);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // The writer that beat us may have been a retry of this very command: answer as it was answered.
      const earlier = earlierResult(caseId, await this.readCase(caseId), command, context.commandId);
      if (earlier) return earlier;
      throw new ConcurrencyConflictError(error.streamId, String(error.expected), String(error.actual));
    }
  }

  private async attempt(caseId: string, command: InspectionCommand, context: CommandContext): Promise<CommandResult> {
    const recorded = await this.readCase(caseId);
    const earlier = earlierResult(caseId, recorded, command, context.commandId);
    if (earlier) return earlier;
    if (recorded.length === 0 && command.type !== 'draw') throw new CaseNotFoundError(caseId);

    const state = foldInspection(recorded.map(toStoredInspectionEvent));
    if (context.expectedRevision !== undefined && context.expectedRevision !== state.revision) {
      throw new ConcurrencyConflictError(inspectionStreamId(caseId), context.expectedRevision, state.revision);
    }
    const occurredAt = this.clock().toISOString();
    const decision = decide(command, state, occurredAt);
    if (decision.kind === 'rejected') {
      const { error } = decision;
      if (error.kind === 'invalidTransition') throw new InvalidTransitionError(caseId, command.type, error.state, error.allowedCommands);
      throw new BusinessRuleError(error);
    }

    const metadata = {
      occurredAt,
      actor: { id: context.actor.id, role: context.actor.role },
      correlationId: context.correlationId,
      causationId: context.causationId,
      commandId: context.commandId,
      command: command.type,
    };
    const streamId = inspectionStreamId(caseId);
    const last = recorded[recorded.length - 1];
    const sealed = sealEvents(
      streamId,
      last ? { revision: last.revision, hash: hashOf(last) } : null,
      decision.events.map((event) => ({ id: newEventId(), type: event.type, data: event.data as unknown as Json, metadata })),
    );
    const appended = await this.store.appendToStream(streamId, sealed, {
      expectedRevision: state.revision < 0 ? 'no_stream' : state.revision,
    });
    const firstRevision = appended.nextExpectedRevision - sealed.length + 1;
    const recordedNow: RecordedEvent[] = sealed.map((event, index) => ({
      ...event,
      streamId,
      revision: firstRevision + index,
      position: index === sealed.length - 1 ? appended.position : 0,
      recordedAt: occurredAt,
    }));
    return commandResult(caseId, recordedNow, recordedNow.map(toStoredInspectionEvent).reduce(evolve, state));
  }

  private async readCase(caseId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(inspectionStreamId(caseId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}

function earlierResult(caseId: string, recorded: readonly RecordedEvent[], command: InspectionCommand, commandId: string): CommandResult | null {
  const mine = recorded.filter((event) => (event.metadata as { commandId?: string } | null)?.commandId === commandId);
  const last = mine[mine.length - 1];
  if (!last) return null;
  const firstCommand = (last.metadata as { command?: string }).command ?? 'unknown';
  if (firstCommand !== command.type) throw new IdempotencyKeyReusedError(commandId, firstCommand, command.type);
  return commandResult(caseId, mine, foldInspection(recorded.slice(0, last.revision + 1).map(toStoredInspectionEvent)));
}
