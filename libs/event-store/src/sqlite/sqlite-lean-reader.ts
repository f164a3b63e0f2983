import type { LeanEventTuple } from './sqlite-statements';
import { SqliteThread } from './sqlite-thread';

interface PageRequest {
  readonly after: number;
  readonly maxCount: number;
}

/**
 * Reads readAllLean pages on a second thread with its own read-only connection. Stepping SQLite
 * through a million rows and turning their text into strings took a replay's main thread as long as
 * applying the events; here it overlaps with that work (the caller asks for the next page before
 * applying the current one). A page's rows cross threads as plain arrays of strings and numbers.
 */
export class SqliteLeanReader {
  private readonly thread: SqliteThread<PageRequest, LeanEventTuple[]>;

  constructor(path: string, sql: string) {
    this.thread = new SqliteThread(reader, { path, sql });
  }

  read(after: number, maxCount: number): Promise<LeanEventTuple[]> {
    return this.thread.call({ after, maxCount });
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** Runs on the reader thread. */
function reader({ path, sql, sqlite }: { readonly path: string; readonly sql: string; readonly sqlite: string }): (request: PageRequest) => LeanEventTuple[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Sqlite = require(sqlite) as typeof import('better-sqlite3');
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const page = db.prepare(sql).raw();
  return ({ after, maxCount }) => page.all(after, maxCount) as LeanEventTuple[];
}
