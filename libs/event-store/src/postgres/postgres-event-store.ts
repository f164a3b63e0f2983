import type { DatabaseError, Pool } from 'pg';
import { Observable } from 'rxjs';
import { WrongExpectedRevisionError, StreamNotFoundError } from '../errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  Json,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import type { LeanEvent } from '../lean-event';
import { AppendBatcher } from './append-batcher';
import { migrateEventStore, openMigratedPool } from './migrate';
import { PgWakeups } from './pg-wakeups';
import {
  postgresQueries,
  type AppendBatchRow,
  type AppendRow,
  type EventRow,
  type LeanEventRow,
  type PostgresQueries,
  type ReadAllRow,
  type ReadStreamRow,
  type SettledRow,
} from './postgres-queries';
import { assertSchemaName, DEFAULT_SCHEMA, eventsChannel } from './schema-name';
import { sleep, WakeSignal } from './wake-signal';

export interface PostgresEventStoreOptions {
  /** postgres://user@host:port/database */
  readonly connectionString: string;
  /** Schema holding every table and function of the store. Default 'shuangsui'. */
  readonly schema?: string;
  /** Connections in the pool. Default 20. */
  readonly poolSize?: number;
  /**
   * Append statements (single appends or group-commit batches) running at once; appends arriving
   * meanwhile are batched. Default 4 (capped by poolSize).
   */
  readonly maxAppendsInFlight?: number;
  /** How long a caught-up subscription waits for a wake-up before polling anyway (ms). Default 500. */
  readonly pollIntervalMs?: number;
}

const DEFAULT_PAGE_SIZE = 1000;
const SUBSCRIPTION_PAGE_SIZE = 500;
/** How long a global-order read waits for committed events held back by older running transactions. */
const READ_ALL_SETTLE_MS = 2000;

const EXPECTED_CODE = { no_stream: -1, any: -2, stream_exists: -3 } as const;

/** A global-order read: its statement, and how a row of it becomes what the caller gets. */
interface GlobalRead<R extends SettledRow, E> {
  readonly query: { readonly name: string; readonly text: string };
  readonly toEvent: (row: R) => E;
}

/** One append as the SQL functions take it: expected revision encoded, events as JSON text. */
interface AppendRequest {
  readonly streamId: string;
  readonly expected: number;
  readonly events: string;
}

/**
 * PostgreSQL adapter of the event store port.
 *
 * Appends: one SQL function call per append (`append_to_stream`), or per group-commit batch of
 * concurrent appends (`append_to_streams`, see AppendBatcher), checking the expected revision
 * against the locked `streams` row; nothing is written unless the expectation holds.
 *
 * Global order and positions. `position` is a bigint sequence value, allocated by
 * `allocate_positions` together with the writing transaction's id under a short lock, so position
 * order and transaction-id order agree (migration 002 explains why). Reads of the global order
 * return only events whose transaction id is below the reader's snapshot xmin: those whose writers,
 * and the writers of every smaller position, have all finished. So what a reader sees is always a
 * gap-free prefix of the position order: transactions committing out of order only delay the
 * later events until the earlier ones commit (or roll back), and never let a reader move its
 * checkpoint past an event that shows up afterwards. Positions are therefore strictly increasing in
 * the order every reader sees them, `after` is an exclusive position checkpoint, and numbers left by
 * rejected or rolled-back appends are simply never used. A bigint sequence starting at 1 stays
 * below 2^53 for any realistic history (9e15 events).
 *
 * The price, as in Marten and Emmett: a long-running transaction anywhere in the database that
 * holds a transaction id delays (never loses) delivery of events committed after it began.
 */
export class PostgresEventStore implements EventStore {
  private readonly queries: PostgresQueries;
  private readonly signal = new WakeSignal();
  private readonly wakeups: PgWakeups;
  private readonly subscriptions = new Set<AbortController>();
  private readonly batcher: AppendBatcher<AppendRequest, AppendRow>;
  private readonly fullRead: GlobalRead<ReadAllRow, RecordedEvent>;
  private readonly leanRead: GlobalRead<LeanEventRow, LeanEvent>;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string,
    connectionString: string,
    private readonly pollIntervalMs: number,
    maxAppendsInFlight: number,
  ) {
    this.queries = postgresQueries(schema);
    this.fullRead = { query: this.queries.readAll, toEvent: toRecordedEvent };
    this.leanRead = { query: this.queries.readAllLean, toEvent: toLeanEvent };
    this.wakeups = new PgWakeups(pool, connectionString, eventsChannel(schema), this.signal);
    this.batcher = new AppendBatcher<AppendRequest, AppendRow>(
      { one: (request) => this.appendOne(request), many: (requests) => this.appendMany(requests) },
      maxAppendsInFlight,
    );
  }

  /** Opens a pool and migrates the schema to the latest version. Fails if the server is unreachable. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = assertSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const poolSize = options.poolSize ?? 20;
    const pool = await openMigratedPool(options.connectionString, poolSize, (fresh) => migrateEventStore(fresh, schema));
    return new PostgresEventStore(
      pool,
      schema,
      options.connectionString,
      options.pollIntervalMs ?? 500,
      Math.max(1, Math.min(options.maxAppendsInFlight ?? 4, poolSize)),
    );
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    if (events.length === 0) return this.appendNothing(streamId, expected);
    const row = await this.batcher.submit({
      streamId,
      expected: typeof expected === 'number' ? expected : EXPECTED_CODE[expected],
      events: JSON.stringify(
        events.map((event) => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata })),
      ),
    });
    if (row.outcome === 2) {
      const actual = Number(row.actual_revision);
      throw new WrongExpectedRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual);
    }
    if (row.outcome === 0) this.wakeups.poke();
    return { nextExpectedRevision: Number(row.next_revision), position: Number(row.last_position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<ReadStreamRow>({
      ...this.queries.readStream,
      values: [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    });
    if (rows.length === 0) throw new StreamNotFoundError(streamId);
    return rows.filter((row): row is EventRow => row.position !== null).map(toRecordedEvent);
  }

  /**
   * One page of settled events. If the next events are committed but held back by an older
   * transaction still running, waits (briefly) for them rather than answer "caught up" at once, so
   * a caller reading right after its own append sees it.
   */
  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readSettledPage(this.fullRead, options);
  }

  /** readAll's page, visibility and wait included, with occurredAt picked out of the metadata in SQL. */
  readAllLean(options: ReadAllOptions = {}): Promise<LeanEvent[]> {
    return this.readSettledPage(this.leanRead, options);
  }

  /** MAX over the primary key: one index probe. */
  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(this.queries.headPosition);
    return Number(rows[0]!.position);
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      const stop = new AbortController();
      this.subscriptions.add(stop);
      this.wakeups.ensureListening();
      let checkpoint = options.after ?? 0;
      const follow = async (): Promise<void> => {
        let heldBackDelay = 2;
        while (!stop.signal.aborted) {
          const seen = this.signal.current;
          const page = await this.readPage(this.fullRead, checkpoint, SUBSCRIPTION_PAGE_SIZE);
          for (const event of page.events) {
            if (stop.signal.aborted) return;
            checkpoint = event.position;
            subscriber.next(event);
          }
          if (page.events.length === SUBSCRIPTION_PAGE_SIZE) continue; // still catching up
          if (page.heldBack) {
            // Committed events wait behind an older transaction; it ends without telling us.
            await sleep(heldBackDelay, stop.signal);
            heldBackDelay = Math.min(heldBackDelay * 2, 100);
            continue;
          }
          heldBackDelay = 2;
          await this.signal.wait(seen, this.pollIntervalMs, stop.signal);
        }
      };
      // Closing the store completes its subscriptions; unsubscribing just stops; anything else is an error.
      follow()
        .then(
          () => {
            if (this.closed) subscriber.complete();
          },
          (error: unknown) => {
            if (this.closed) subscriber.complete();
            else if (!stop.signal.aborted) subscriber.error(error);
          },
        )
        .finally(() => this.subscriptions.delete(stop));
      return () => stop.abort();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.subscriptions) stop.abort();
    await this.wakeups.close();
    await this.pool.end();
  }

  private async appendOne(request: AppendRequest): Promise<AppendRow> {
    try {
      const { rows } = await this.pool.query<AppendRow>({
        ...this.queries.append,
        values: [request.streamId, request.expected, request.events],
      });
      if (!rows[0]) throw new Error(`append_to_stream returned no row for stream ${request.streamId}`);
      return rows[0];
    } catch (error) {
      throw describeAppendError(request.streamId, error);
    }
  }

  /**
   * A group-commit batch in one statement. Items are sent ordered by stream id (a stable sort keeps
   * appends to one stream in arrival order), so concurrent batches lock stream rows in one global
   * order and cannot deadlock; the outcomes are mapped back to the callers' order.
   */
  private async appendMany(requests: readonly AppendRequest[]): Promise<AppendRow[]> {
    const order = requests
      .map((request, index) => ({ request, index }))
      .sort((a, b) => (a.request.streamId < b.request.streamId ? -1 : a.request.streamId > b.request.streamId ? 1 : 0));
    // Events are already JSON text: splice them in rather than parse and re-serialise.
    const payload = `[${order
      .map(({ request }) => `{"streamId":${JSON.stringify(request.streamId)},"expected":${request.expected},"events":${request.events}}`)
      .join(',')}]`;
    const { rows } = await this.pool.query<AppendBatchRow>({ ...this.queries.appendBatch, values: [payload] });
    const outcomes: AppendRow[] = new Array<AppendRow>(requests.length);
    for (const row of rows) {
      const slot = order[row.item];
      if (!slot) throw new Error(`append_to_streams returned an unknown item ${row.item}`);
      outcomes[slot.index] = row;
    }
    if (rows.length !== requests.length) throw new Error('append_to_streams returned too few rows');
    return outcomes;
  }

  private async readSettledPage<R extends SettledRow, E>(read: GlobalRead<R, E>, options: ReadAllOptions): Promise<E[]> {
    const deadline = Date.now() + READ_ALL_SETTLE_MS;
    let delay = 1;
    for (;;) {
      const page = await this.readPage(read, options.after ?? 0, options.maxCount ?? DEFAULT_PAGE_SIZE);
      if (page.events.length > 0 || !page.heldBack || Date.now() >= deadline) return page.events;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 50);
    }
  }

  private async readPage<R extends SettledRow, E>(
    read: GlobalRead<R, E>,
    after: number,
    maxCount: number,
  ): Promise<{ events: E[]; heldBack: boolean }> {
    const { rows } = await this.pool.query<R>({ ...read.query, values: [after, maxCount] });
    // Settled rows form a prefix: position order equals transaction-id order (see the class comment).
    const settled = rows.findIndex((row) => !row.settled);
    if (settled === -1) return { events: rows.map(read.toEvent), heldBack: false };
    return { events: rows.slice(0, settled).map(read.toEvent), heldBack: true };
  }

  /** An empty append writes nothing but still answers (and checks) the expectation. */
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await this.readLastEvent(streamId);
    const actual = last ? last.revision : 'no_stream';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      expected === actual;
    if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return { nextExpectedRevision: last ? last.revision : -1, position: last ? last.position : 0 };
  }

  private async readLastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    const { rows } = await this.pool.query<EventRow>({ ...this.queries.lastEvent, values: [streamId] });
    return rows[0] ? toRecordedEvent(rows[0]) : undefined;
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data as Json,
    metadata: row.metadata as Json,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    recordedAt: row.recorded_at.toISOString(),
  };
}

function toLeanEvent(row: LeanEventRow): LeanEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    position: Number(row.position),
    type: row.type,
    data: row.data as Json,
    // The query leaves recorded_at out exactly when occurred_at is there.
    occurredAt: row.occurred_at ?? row.recorded_at!.toISOString(),
  };
}

function describeAppendError(streamId: string, error: unknown): unknown {
  const pgError = error as Partial<DatabaseError>;
  if (pgError.code === '23505' && pgError.constraint === 'events_event_id_key') {
    return new Error(`Stream ${streamId}: an event id of this append is already stored elsewhere`, { cause: error });
  }
  if (pgError.code === '22P02') {
    return new Error(`Stream ${streamId}: event ids must be UUIDs`, { cause: error });
  }
  return error;
}
