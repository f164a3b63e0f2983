/**
 * Translations between the port's types and @eventstore/db-client's, kept pure so each rule is
 * unit-tested on its own.
 *
 * Positions. The port uses one number; EventStoreDB has a (commit, prepare) pair. Every event
 * written through gRPC is an implicitly committed prepare record, and the server reports such an
 * event in $all with commit = prepare = the record's own log position. So the commit position
 * alone is unique per event and increases in $all order, and a stored commit position C is
 * resumed exactly with { commit: C, prepare: C }. (Only explicit transactions of the legacy TCP
 * API, which this adapter never writes, share one commit position across several events.)
 * Commit positions are byte offsets in the transaction log: below 2^53 for any real database.
 */
import {
  ErrorType,
  jsonEvent,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { StreamNotFoundError, WrongExpectedRevisionError, type ActualRevision } from '../errors';
import type { ExpectedRevision, Json, NewEvent, RecordedEvent } from '../event-store.port';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
    case 'any':
    case 'stream_exists':
      return expected; // the client's NO_STREAM / ANY / STREAM_EXISTS constants are these strings
    default:
      return BigInt(expected);
  }
}

export function fromEsdbExpectedRevision(expected: unknown, fallback: ExpectedRevision): ExpectedRevision {
  if (typeof expected === 'bigint') return Number(expected);
  if (expected === 'no_stream' || expected === 'any' || expected === 'stream_exists') return expected;
  return fallback;
}

export function fromEsdbActualRevision(actual: unknown): ActualRevision {
  return typeof actual === 'bigint' ? Number(actual) : 'no_stream';
}

/** The event id becomes the EventStoreDB event id, which is what makes a retried append idempotent. */
export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client types JSON data as object | array | string; null, numbers and booleans serialise
    // the same way through its JSON.stringify.
    data: event.data as JSONType,
    // Metadata goes as its own JSON bytes: the client would silently drop falsy metadata
    // (null, 0, false, '') if given as a value.
    metadata: Buffer.from(JSON.stringify(event.metadata), 'utf8'),
  });
}

export function isSystemEvent(event: { readonly type: string }): boolean {
  return event.type.startsWith('$');
}

export function toPortPosition(position: Position | bigint | undefined): number | undefined {
  if (position === undefined) return undefined;
  const commit = typeof position === 'bigint' ? position : position.commit;
  const value = Number(commit);
  if (!Number.isSafeInteger(value)) throw new RangeError(`EventStoreDB commit position ${commit} exceeds 2^53`);
  return value;
}

export function toEsdbPosition(position: number): Position {
  const commit = BigInt(position);
  return { commit, prepare: commit };
}

export function toRecordedEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  const position = toPortPosition(event.position);
  if (position === undefined) throw new Error(`EventStoreDB returned event ${event.id} without a position`);
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created.toISOString(),
    data: fromStoredJson(event.data),
    metadata: fromStoredJson(event.metadata ?? null),
  };
}

/** The client has already parsed JSON; bytes only come back for content the adapter did not write. */
function fromStoredJson(value: unknown): Json {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return value as Json;
}

/** Turns the client's typed errors into the port's; anything else passes through unchanged. */
export function toPortError(error: unknown, streamId: string, expected?: ExpectedRevision): unknown {
  if (typeof error !== 'object' || error === null || !('type' in error)) return error;
  const typed = error as { type: unknown; expectedVersion?: unknown; actualVersion?: unknown };
  if (typed.type === ErrorType.WRONG_EXPECTED_VERSION) {
    return new WrongExpectedRevisionError(
      streamId,
      fromEsdbExpectedRevision(typed.expectedVersion, expected ?? 'any'),
      fromEsdbActualRevision(typed.actualVersion),
    );
  }
  if (typed.type === ErrorType.STREAM_NOT_FOUND) return new StreamNotFoundError(streamId);
  return error;
}
