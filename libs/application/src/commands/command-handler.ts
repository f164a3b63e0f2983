import { canonicalJson, foldWith, type DomainEvent, type StoredEvent } from '@shuangsui/domain';
import { createHash } from 'node:crypto';
import { hashOf, newEventId, sealEvents, WrongExpectedRevisionError, type EventStore, type Json, type RecordedEvent } from '@shuangsui/event-store';
import type { CommandContext } from '../command-context';
import { ConcurrencyConflictError, ForbiddenCommandError, IdempotencyKeyReusedError } from '../errors';
import { readStreamOrEmpty } from './read-stream';
import { toStoredEvent } from './stored-event';
import type { StreamKind } from './stream-kind';

/** What a handled command answers: built from stored events only, so a repeat answers the same. */
export interface Handled<State> {
  readonly streamId: string;
  /** The state right after the command's events. */
  readonly state: State;
  /** The stream's revision after the command's events (-1: the stream does not exist). */
  readonly revision: number;
  /** The command's events: appended now, or found in the stream from the first time it was sent. */
  readonly events: readonly RecordedEvent[];
  /** True when the command id was already in the stream and nothing was appended. */
  readonly repeated: boolean;
}

export interface HandleOptions {
  /**
   * What the caller asked for, when the command also carries facts looked up for it (a directory, a
   * population): a repeated Idempotency-Key is compared on the request, not on facts that moved since.
   */
  readonly request?: object;
}

/** Without If-Match a lost race is decided again on the new state, this many times at most. */
const ATTEMPTS = 3;

/**
 * The one write path of every stream kind: check the actor's role, read the stream → fold → decide → seal → append with the
 * loaded revision as expected revision. A command id (Idempotency-Key) already in the stream answers
 * from the stored events and appends nothing; the same id with a different command is refused. With
 * an explicit expected revision (If-Match) a stale state is a conflict; without one a lost race is
 * decided again on the winner's state, so every rule still holds and nothing interleaves.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle<Command extends { readonly type: string }, Event extends DomainEvent, State, Rejection>(
    kind: StreamKind<Command, Event, State, Rejection>,
    streamId: string,
    command: Command,
    context: CommandContext,
    options: HandleOptions = {},
  ): Promise<Handled<State>> {
    const roles = (kind.commandRoles as Record<string, readonly string[] | undefined>)[command.type] ?? [];
    // Checked before anything is read: a refused actor learns nothing about the stream.
    if (!roles.includes(context.actor.role)) throw new ForbiddenCommandError(command.type, context.actor.role, roles);
    const commandHash = hashOfCommand(options.request ?? command);
    for (let attempt = 1; ; attempt += 1) {
      const recorded = await readStreamOrEmpty(this.store, streamId);
      const earlier = earlierResult(kind, streamId, recorded, command.type, commandHash, context.commandId);
      if (earlier) return earlier;
      const state = foldWith(kind.decider, recorded.map((event) => toStoredEvent<Event>(event)));
      const revision = recorded.length - 1;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new ConcurrencyConflictError(streamId, context.expectedRevision, revision);
      }
      const occurredAt = this.clock().toISOString();
      const decision = kind.decider.decide(command, state, occurredAt);
      if (decision.kind === 'rejected') throw kind.rejectionError(decision.error, state, streamId);
      if (decision.events.length === 0) return { streamId, state, revision, events: [], repeated: false };
      try {
        const appended = await this.append(streamId, recorded[recorded.length - 1], decision.events, {
          occurredAt,
          actor: { id: context.actor.id, role: context.actor.role },
          correlationId: context.correlationId,
          causationId: context.causationId,
          commandId: context.commandId,
          command: command.type,
          commandHash,
        });
        const after = appended.map((event) => toStoredEvent<Event>(event)).reduce(kind.decider.evolve, state);
        return { streamId, state: after, revision: revision + appended.length, events: appended, repeated: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // The winner may have been a retry of this very command: the next read answers as it was answered.
        if (context.expectedRevision !== undefined || attempt >= ATTEMPTS) {
          const again = earlierResult(kind, streamId, await readStreamOrEmpty(this.store, streamId), command.type, commandHash, context.commandId);
          if (again) return again;
          throw new ConcurrencyConflictError(streamId, String(error.expected), String(error.actual));
        }
      }
    }
  }

  /** The state of a stream, optionally as of a revision (history views, "state as of"). */
  async load<Command extends { readonly type: string }, Event extends DomainEvent, State, Rejection>(
    kind: StreamKind<Command, Event, State, Rejection>,
    streamId: string,
    options: { readonly revision?: number } = {},
  ): Promise<{ readonly state: State; readonly revision: number; readonly events: readonly RecordedEvent[] }> {
    const all = await readStreamOrEmpty(this.store, streamId);
    const events = options.revision === undefined ? all : all.slice(0, options.revision + 1);
    return { state: foldWith(kind.decider, events.map((event) => toStoredEvent<Event>(event))), revision: events.length - 1, events };
  }

  private async append(streamId: string, last: RecordedEvent | undefined, events: readonly DomainEvent[], metadata: Record<string, Json>): Promise<RecordedEvent[]> {
    const sealed = sealEvents(
      streamId,
      last ? { revision: last.revision, hash: hashOf(last) } : null,
      events.map((event) => ({ id: newEventId(), type: event.type, data: event.data as Json, metadata })),
    );
    const appended = await this.store.appendToStream(streamId, sealed, { expectedRevision: last ? last.revision : 'no_stream' });
    const first = appended.nextExpectedRevision - sealed.length + 1;
    return sealed.map((event, index) => ({
      ...event,
      streamId,
      revision: first + index,
      position: index === sealed.length - 1 ? appended.position : 0,
      recordedAt: metadata['occurredAt'] as string,
    }));
  }
}

/** SHA-256 of the command's canonical JSON: the same Idempotency-Key must come with the same command. */
function hashOfCommand(command: object): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

interface CommandMetadata {
  readonly commandId?: string;
  readonly command?: string;
  readonly commandHash?: string;
}

function earlierResult<Command extends { readonly type: string }, Event extends DomainEvent, State, Rejection>(
  kind: StreamKind<Command, Event, State, Rejection>,
  streamId: string,
  recorded: readonly RecordedEvent[],
  commandType: string,
  commandHash: string,
  commandId: string,
): Handled<State> | null {
  const mine = recorded.filter((event) => (event.metadata as CommandMetadata | null)?.commandId === commandId);
  const last = mine[mine.length - 1];
  if (!last) return null;
  const first = last.metadata as CommandMetadata;
  const firstCommand = first.command ?? 'unknown';
  // Events written before commands were hashed carry no hash: the command name is all there is to compare.
  if (firstCommand !== commandType || (first.commandHash !== undefined && first.commandHash !== commandHash)) {
    throw new IdempotencyKeyReusedError(commandId, firstCommand, commandType);
  }
  const upToIt = recorded.slice(0, last.revision + 1).map((event) => toStoredEvent<Event>(event as RecordedEvent));
  return { streamId, state: foldWith(kind.decider, upToIt as StoredEvent<Event>[]), revision: last.revision, events: mine, repeated: true };
}
