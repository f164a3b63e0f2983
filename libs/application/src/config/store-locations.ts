import { dirname, join, resolve } from 'node:path';

export const IN_MEMORY_SQLITE = 'sqlite::memory:';

/** The file a `sqlite:<path>` URL names, or null for another store or an in-memory database. */
export function sqliteFileOf(url: string): string | null {
  if (!url.startsWith('sqlite:') || url === IN_MEMORY_SQLITE) return null;
  return url.slice('sqlite:'.length);
}

/**
 * The read store when none is set: a file beside a SQLite event store, so read models never carry the
 * checkpoints of another event store (positions of one store mean nothing in another). An in-memory
 * event store gets an in-memory read store for the same reason; any other store ./data/read-models.db.
 */
export function defaultReadStoreUrl(eventStoreUrl: string): string {
  if (eventStoreUrl === IN_MEMORY_SQLITE) return IN_MEMORY_SQLITE;
  const file = sqliteFileOf(eventStoreUrl);
  return file === null ? 'sqlite:./data/read-models.db' : `sqlite:${join(dirname(file), 'read-models.db')}`;
}

/** Draw secrets when no directory is set: `secrets/` beside a SQLite event store, else ./data/secrets. */
export function defaultSecretsDirectory(eventStoreUrl: string, cwd: string): string {
  const file = sqliteFileOf(eventStoreUrl);
  return file === null ? join(cwd, 'data', 'secrets') : join(dirname(file), 'secrets');
}

/** True when two store URLs name one SQLite file (relative paths resolved against `cwd`). */
export function sameSqliteFile(a: string, b: string, cwd: string): boolean {
  const fileA = sqliteFileOf(a);
  const fileB = sqliteFileOf(b);
  return fileA !== null && fileB !== null && resolve(cwd, fileA) === resolve(cwd, fileB);
}
