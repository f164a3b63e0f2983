import type { Observable } from 'rxjs';
import type { LeanEvent } from './lean-event';

/**
 * The one port every event store adapter implements (SQLite, PostgreSQL, EventStoreDB).
 *
 * Revisions are per stream and start at 0. Positions are global, strictly increasing in commit
 * order as a subscriber sees them, and start above 0; "after: 0" (or no `after`) means "from the
 * beginning". Positions are plain numbers: every adapter's positions stay below 2^53.
 */

/** What the writer expects the stream to look like before its append. */
export type ExpectedRevision =
  | 'no_stream' // the stream must not exist yet
  | 'any' // no check
  | 'stream_exists' // the stream must have at least one event
  | number; // the stream's last event must have exactly this revision

/** JSON value as stored: adapters store `data` and `metadata` as JSON text and return it parsed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface NewEvent {
  /** UUID chosen by the writer; adapters that can (EventStoreDB) use it for idempotent appends. */
  readonly id: string;
  readonly type: string;
  readonly data: Json;
  readonly metadata: Json;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  /** When the store committed the event (ISO-8601, UTC). The domain's own time is in metadata. */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event appended: pass it as the next expectedRevision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended. */
  readonly position: number;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events whose position is strictly greater than this. Default 0 (from the start). */
  readonly after?: number;
  /** Page size. Default: adapter-defined, at least 1000. */
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events whose position is strictly greater than this (a checkpoint). Default 0. */
  readonly after?: number;
}

export interface EventStore {
  /**
   * Appends atomically: all events or none. Throws WrongExpectedRevisionError when the
   * expectation fails; the stream is then unchanged.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Events of one stream in revision order. Throws StreamNotFoundError for a stream with no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** One page of events across all streams in global order. An empty page means "caught up". */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * readAll for bulk replays: the same page, `(await readAll(options)).map(toLeanEvent)`, without
   * the cost of materialising each event's full metadata.
   */
  readAllLean(options?: ReadAllOptions): Promise<LeanEvent[]>;

  /**
   * The position of the last event committed (0 for an empty store), in one cheap query: a
   * subscriber that has delivered this position has seen every event committed before the call.
   */
  headPosition(): Promise<number>;

  /**
   * All events after `after`, in global order: first the history (catch-up), then live events as
   * they are committed, with no gap and no duplicate between the two phases. Cold: each
   * subscription starts on subscribe and stops on unsubscribe.
   */
  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent>;

  /** Releases connections and file handles. Idempotent. */
  close(): Promise<void>;
}
