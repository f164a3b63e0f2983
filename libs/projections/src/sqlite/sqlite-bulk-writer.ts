import { SqliteThread } from '@shuangsui/event-store';

/** One statement of a bulk commit: its SQL and one JSON text parameter (every row of the statement). */
export interface BulkStatement {
  readonly sql: string;
  readonly json: string;
}

/** A transaction for the writer thread: a guard, the statements, then the checkpoint update. */
export interface BulkCommit {
  /** A query returning one row with one column; the commit goes ahead only if it equals `expected`. */
  readonly guard: { readonly sql: string; readonly params: readonly (string | number)[]; readonly expected: number | string };
  readonly statements: readonly BulkStatement[];
  readonly finish: { readonly sql: string; readonly params: readonly (string | number)[] };
}

/** The writer thread found a different guard value: nothing was written. */
export class BulkGuardFailed extends Error {
  constructor(readonly actual: unknown) {
    super(`bulk commit guard failed: found ${String(actual)}`);
  }
}

/**
 * Writes large read-model commits on a second thread with its own connection to the same SQLite
 * file, so a rebuild applies its next batch of events while SQLite inserts the previous one (a
 * rebuild spends about as long in SQLite as in JavaScript). Commits run one at a time, in order.
 * Rows travel as one JSON text per statement, which SQLite unpacks itself (jsonb_each): no
 * JavaScript work per row on the writer thread and one cheap string copy between the threads.
 */
export class SqliteBulkWriter {
  private readonly thread: SqliteThread<BulkCommit, { readonly guard: unknown } | null>;

  constructor(path: string) {
    this.thread = new SqliteThread(writer, { path });
  }

  async commit(request: BulkCommit): Promise<void> {
    const refused = await this.thread.call(request);
    if (refused) throw new BulkGuardFailed(refused.guard);
  }

  /** Resolves when every queued commit has finished (successfully or not). */
  idle(): Promise<void> {
    return this.thread.idle();
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** Runs on the writer thread: one transaction per commit; answers null, or the guard value found. */
function writer({ path, sqlite }: { readonly path: string; readonly sqlite: string }): (request: BulkCommit) => { readonly guard: unknown } | null {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Sqlite = require(sqlite) as typeof import('better-sqlite3');
  const db = new Sqlite(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const statements = new Map<string, import('better-sqlite3').Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const run = db.transaction((request: BulkCommit) => {
    const found: unknown = prepare(request.guard.sql).pluck().get(...request.guard.params);
    if (found !== request.guard.expected) return { guard: found ?? null };
    for (const { sql, json } of request.statements) prepare(sql).run(json);
    prepare(request.finish.sql).run(...request.finish.params);
    return null;
  });
  return (request) => run.immediate(request);
}
