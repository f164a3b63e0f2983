import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Observable } from 'rxjs';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
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
import { occurredAtOf, type LeanEvent } from '../lean-event';
import { GroupCommit, type GroupCommitStats, type Outcome } from './group-commit';
import { SqliteLeanReader } from './sqlite-lean-reader';
import { migrate } from './sqlite-migrate';
import * as sql from './sqlite-statements';
import { subscribeToAll } from './sqlite-subscription';
import { SqliteTailCache } from './sqlite-tail-cache';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' (tests; one private database per store). */
  readonly path: string;
  /**
   * FULL (default): a resolved append has been fsynced. NORMAL: WAL commits are not fsynced, so
   * the last commits may be lost on power failure (never corrupted).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long to wait for another process's write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** How often live subscriptions look for commits by other processes. Default 250 ms. */
  readonly pollIntervalMs?: number;
}

interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

interface StreamHead {
  readonly revision: number;
  readonly position: number;
}

const DEFAULT_READ_ALL_PAGE = 1_000;
const MAX_CACHED_HEADS = 100_000;
const SUBSCRIPTION_PAGE = 500;
/** Ten subscription pages: subscribers catching up side by side still share their reads. */
const TAIL_CACHE_EVENTS = 5_000;
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly groupCommit = new GroupCommit<AppendRequest, AppendResult>((batch) => this.commitBatch(batch));
  private readonly commitListeners = new Set<() => void>();
  /** What live subscriptions read, shared between them (read once, parsed once per commit). */
  private readonly tail = new SqliteTailCache((after, maxCount) => this.readAllPage(after, maxCount), TAIL_CACHE_EVENTS);
  private closed = false;
  private commits = 0;
  /**
   * Last revision and position of recently written streams, so an append need not look its
   * stream's head up in the index. Valid only while no other connection has written: checked
   * with PRAGMA data_version at the start of every batch (under the write lock).
   */
  private readonly heads = new Map<string, StreamHead>();
  private dataVersion: number | undefined;
  /** Applies one request inside the batch transaction, under its own SAVEPOINT. */
  private readonly applyInSavepoint: (request: AppendRequest, recordedAt: string) => AppendResult;
  private readonly applyBatch: Database.Transaction<
    (batch: readonly AppendRequest[], recordedAt: string) => Outcome<AppendResult>[]
  >;

  /** readAllLean's thread, started on first use (file databases only). */
  private leanReader: SqliteLeanReader | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly path: string,
  ) {
    this.statements = prepareStatements(db);
    this.applyBatch = db.transaction((batch: readonly AppendRequest[], recordedAt: string) => {
      this.forgetHeadsIfOthersWrote();
      return batch.map((request) => this.applyOne(request, recordedAt));
    });
    // better-sqlite3 runs a transaction function called inside another one as a SAVEPOINT that
    // is rolled back if it throws: exactly the per-request isolation group commit needs.
    this.applyInSavepoint = db.transaction((request: AppendRequest, recordedAt: string) =>
      this.apply(request, recordedAt),
    );
  }

  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const inMemory = options.path === ':memory:';
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    const db = new Database(options.path);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
      if (!inMemory) {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
        // A batch of appends to distinct streams dirties many index pages; checkpointing the WAL
        // back into the database every 10,000 pages (~40 MB) rather than SQLite's 1,000 runs
        // checkpoints (and their fsyncs) ten times less often and writes each hot page back once
        // per checkpoint instead of once per few batches.
        db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      }
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteEventStore(db, options.pollIntervalMs ?? 250, options.path);
  }

  /** Number of write transactions committed by this instance (diagnostics and tests). */
  get commitCount(): number {
    return this.commits;
  }

  /** Reports every group commit (appends sharing it, commit time, each append's latency) to `listener`. */
  observeCommits(listener: (stats: GroupCommitStats) => void): void {
    this.groupCommit.onFlush = listener;
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    return this.groupCommit.submit({ streamId, events, expectedRevision: options.expectedRevision });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.statements.streamPage.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1);
    if (rows.length === 0 && !this.statements.streamHead.get(streamId)) throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readAllPage(options.after ?? 0, options.maxCount ?? DEFAULT_READ_ALL_PAGE);
  }

  /**
   * On a file database the page is read on a second thread (sqlite-lean-reader), so a replay that
   * asks for its next page before applying the current one reads and applies at the same time.
   */
  async readAllLean(options: ReadAllOptions = {}): Promise<LeanEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_PAGE;
    if (this.path === ':memory:') return this.statements.allLeanPage.all(after, maxCount).map((row) => this.toLeanEvent(...row));
    this.leanReader ??= new SqliteLeanReader(this.path, sql.SELECT_ALL_LEAN_PAGE);
    const [positions, streamIds, ids, types, data, occurredAt] = await this.leanReader.read(after, maxCount);
    this.assertOpen();
    const events = new Array<LeanEvent>(positions.length);
    for (let i = 0; i < positions.length; i += 1) {
      events[i] = this.toLeanEvent(positions[i]!, streamIds[i]!, ids[i]!, types[i]!, data[i]!, occurredAt[i]!);
    }
    return events;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.statements.headPosition.get()!;
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    return subscribeToAll(
      {
        readPage: (after, maxCount) => this.tail.read(after, maxCount),
        onCommit: (listener) => {
          this.commitListeners.add(listener);
          return () => this.commitListeners.delete(listener);
        },
        isClosed: () => this.closed,
      },
      { after: options.after ?? 0, pageSize: SUBSCRIPTION_PAGE, pollIntervalMs: this.pollIntervalMs },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed, not dropped.
    this.groupCommit.drain();
    this.closed = true;
    this.notifyCommit(); // live subscriptions see `closed` and complete
    this.tail.clear();
    await this.leanReader?.close();
    this.db.close();
  }

  private readAllPage(after: number, maxCount: number): RecordedEvent[] {
    return this.statements.allPage.all(after, maxCount).map(toRecordedEvent);
  }

  /** One SELECT_ALL_LEAN_PAGE row, its values one by one (a page from the reader thread comes as columns). */
  private toLeanEvent(position: number, streamId: string, id: string, type: string, data: string, occurredAt: string | null): LeanEvent {
    return { id, streamId, position, type, data: JSON.parse(data) as Json, occurredAt: this.leanOccurredAt(position, occurredAt) };
  }

  /** The value SQL cut out when it is exact; otherwise the rule applied to the event's parsed metadata. */
  private leanOccurredAt(position: number, occurredAt: string | null): string {
    if (occurredAt !== null && !/["\\]/.test(occurredAt)) return occurredAt;
    // Another metadata shape; a shorter value (the cut then holds its closing quote and more); or an
    // escape sequence (not decoded, and the cut may end inside it).
    // Rare enough for a statement of its own; events are never changed, so it reads the same row.
    const [metadata, recordedAt] = this.statements.metadataAt.get(position)!;
    return occurredAtOf(JSON.parse(metadata) as Json, recordedAt);
  }

  /** One transaction, one commit (one fsync) for the whole batch; one outcome per request. */
  private commitBatch(batch: readonly AppendRequest[]): Outcome<AppendResult>[] {
    if (this.closed) throw closedError();
    const recordedAt = new Date().toISOString();
    let outcomes: Outcome<AppendResult>[];
    try {
      // IMMEDIATE takes the write lock up front, so another process cannot interleave a write
      // between our revision checks and our inserts.
      outcomes = this.applyBatch.immediate(batch, recordedAt);
    } catch (error) {
      this.heads.clear(); // the whole batch was rolled back
      throw error;
    }
    this.commits += 1;
    if (this.heads.size > MAX_CACHED_HEADS) this.heads.clear();
    if (outcomes.some((outcome) => outcome.ok)) this.notifyCommit();
    return outcomes;
  }

  private applyOne(request: AppendRequest, recordedAt: string): Outcome<AppendResult> {
    try {
      // A failing INSERT statement undoes only itself, so a single-event append needs no
      // savepoint; a multi-event one does, to be all-or-nothing within the batch.
      const value =
        request.events.length > 1 ? this.applyInSavepoint(request, recordedAt) : this.apply(request, recordedAt);
      if (request.events.length > 0) {
        this.heads.set(request.streamId, { revision: value.nextExpectedRevision, position: value.position });
      }
      return { ok: true, value };
    } catch (error) {
      // Some errors (disk full, I/O) make SQLite roll the whole transaction back: then fail the
      // batch at once rather than let later requests run outside any transaction.
      if (!this.db.inTransaction) throw error;
      // The savepoint is rolled back by now. A retry of an append that already succeeded fails
      // its revision check or hits the unique event id: answer it with the original result.
      if (error instanceof WrongExpectedRevisionError || isDuplicateEventId(error)) {
        const original = this.findOriginalAppend(request);
        if (original) return { ok: true, value: original };
      }
      if (isDuplicateEventId(error)) {
        return { ok: false, error: new Error(`Stream ${request.streamId}: an event id of this append is already stored`) };
      }
      return { ok: false, error };
    }
  }

  private apply(request: AppendRequest, recordedAt: string): AppendResult {
    const { streamId, events, expectedRevision } = request;
    const head = this.heads.get(streamId) ?? this.statements.streamHead.get(streamId);
    if (!satisfies(expectedRevision, head?.revision)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, head?.revision ?? 'no_stream');
    }
    let revision = head?.revision ?? -1;
    let position = head?.position ?? 0;
    for (const event of events) {
      revision += 1;
      const inserted = this.statements.insert.run(
        streamId,
        revision,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(inserted.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  /**
   * The result of an earlier append of exactly these event ids, to this stream, with this
   * expectation — or null when the request is not such a retry.
   */
  private findOriginalAppend(request: AppendRequest): AppendResult | null {
    const { streamId, events, expectedRevision } = request;
    const firstEvent = events[0];
    if (!firstEvent) return null;
    const first = this.statements.eventById.get(firstEvent.id);
    if (!first || first.stream_id !== streamId) return null;
    const revisionBefore = first.revision === 0 ? undefined : first.revision - 1;
    if (!satisfies(expectedRevision, revisionBefore)) return null;
    let position = first.position;
    for (let i = 1; i < events.length; i += 1) {
      const stored = this.statements.eventIdAt.get(streamId, first.revision + i);
      if (stored?.id !== events[i]!.id) return null;
      position = stored.position;
    }
    return { nextExpectedRevision: first.revision + events.length - 1, position };
  }

  private forgetHeadsIfOthersWrote(): void {
    const version = this.statements.dataVersion.get();
    if (version !== this.dataVersion) this.heads.clear();
    this.dataVersion = version;
  }

  private notifyCommit(): void {
    for (const listener of this.commitListeners) listener();
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
    streamHead: db.prepare<[string], StreamHead>(sql.SELECT_STREAM_HEAD),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    eventById: db.prepare<[string], { stream_id: string; revision: number; position: number }>(sql.SELECT_EVENT_BY_ID),
    eventIdAt: db.prepare<[string, number], { id: string; position: number }>(sql.SELECT_EVENT_ID_AT),
    insert: db.prepare<[string, number, string, string, string, string, string]>(sql.INSERT_EVENT),
    streamPage: db.prepare<[string, number, number], sql.EventTuple>(sql.SELECT_STREAM_PAGE).raw(),
    allPage: db.prepare<[number, number], sql.EventTuple>(sql.SELECT_ALL_PAGE).raw(),
    allLeanPage: db.prepare<[number, number], sql.LeanEventTuple>(sql.SELECT_ALL_LEAN_PAGE).raw(),
    headPosition: db.prepare<[], number>(sql.SELECT_HEAD_POSITION).pluck(),
    metadataAt: db.prepare<[number], [metadata: string, recordedAt: string]>(sql.SELECT_METADATA_AT).raw(),
  };
}

/** Does a stream whose last revision is `current` (undefined: no stream) meet the expectation? */
function satisfies(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

/**
 * Duck-typed on purpose: better-sqlite3's native addon keeps the first SqliteError class it was given
 * per process, so `instanceof` fails whenever the JS module is loaded twice (as jest does per file).
 */
function isDuplicateEventId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
}

function closedError(): Error {
  return new Error('SqliteEventStore is closed');
}

function toRecordedEvent(row: sql.EventTuple): RecordedEvent {
  return {
    streamId: row[1],
    revision: row[2],
    position: row[0],
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as Json,
    metadata: JSON.parse(row[6]) as Json,
    recordedAt: row[7],
  };
}
