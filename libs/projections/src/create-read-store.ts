import type { ReadStore } from './read-store.port';
import { SqliteReadStore } from './sqlite/sqlite-read-store';
import { openPostgresReadStoreFromUrl } from './postgres/postgres-read-store-url';

/** The setting that names the read-model store (its default is resolved in libs/application/src/config). */
export const READ_STORE_SETTING = 'SHUANGSUI_READ_STORE';

/**
 * Opens the read-model store a URL names:
 *   sqlite:<path>     a SQLite file (WAL), e.g. sqlite:./data/read-models.db
 *   sqlite::memory:   a private in-memory database (tests)
 *   postgres://…      PostgreSQL (also postgresql://), optional ?schema=name (default shuangsui_read)&poolSize=n
 */
export async function createReadStore(url: string): Promise<ReadStore> {
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return SqliteReadStore.open({ path: url.slice('sqlite:'.length) });
  if (url.startsWith('postgres:') || url.startsWith('postgresql:')) return openPostgresReadStoreFromUrl(url, READ_STORE_SETTING);
  throw new Error(`${READ_STORE_SETTING}="${url}" is not a supported read store URL (expected sqlite:<path>, sqlite::memory: or postgres://…)`);
}
