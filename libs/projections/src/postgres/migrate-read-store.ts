import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Migration } from '@shuangsui/event-store';
import { quoteIdent } from './postgres-read-sql';
import { READ_STORE_MIGRATIONS } from './migrations';

const checksum = (migration: Migration): string => createHash('sha256').update(migration.sql, 'utf8').digest('hex');

/**
 * Brings the read store's schema up to the latest version, the same way the event store migrates
 * its own: one transaction under an advisory lock (several servers may start at once), versions
 * recorded with a checksum in `read_store_migrations`, an applied version never re-run or changed.
 * The bookkeeping table has its own name, so the read store may share a schema with the event store.
 */
export async function migrateReadStore(pool: Pool, schema: string, migrations: readonly Migration[] = READ_STORE_MIGRATIONS): Promise<readonly number[]> {
  const client = await pool.connect();
  const s = quoteIdent(schema);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(1936221043, hashtext($1))', [`migrate-read:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.read_store_migrations (
         version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number; checksum: string }>(`SELECT version, checksum FROM ${s}.read_store_migrations`);
    const done = new Map(rows.map((row) => [row.version, row.checksum]));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const sum = checksum(migration);
      const appliedSum = done.get(migration.version);
      if (appliedSum !== undefined) {
        if (appliedSum !== sum) throw new Error(`Read-store migration ${migration.version} (${migration.name}) in schema ${schema} was applied with different SQL`);
        continue;
      }
      await client.query(`SET LOCAL search_path TO ${s}`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${s}.read_store_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [migration.version, migration.name, sum]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
