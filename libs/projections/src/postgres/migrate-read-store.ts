import type { Pool } from 'pg';
import { applyMigrations, type Migration } from '@shuangsui/event-store';
import { READ_STORE_MIGRATIONS } from './migrations';

/**
 * Brings the read store's schema up to the latest version, the same way the event store migrates
 * its own (one transaction under an advisory lock, versions recorded with a checksum, an applied
 * version never re-run or changed). The bookkeeping table has its own name, so the read store may
 * share a schema with the event store.
 */
export function migrateReadStore(pool: Pool, schema: string, migrations: readonly Migration[] = READ_STORE_MIGRATIONS): Promise<readonly number[]> {
  return applyMigrations(pool, schema, migrations, { table: 'read_store_migrations', lockKey: `migrate-read:${schema}`, label: 'Read-store migration' });
}
