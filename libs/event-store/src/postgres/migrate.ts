import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { EVENT_STORE_MIGRATIONS, type Migration } from './migrations';
import { quoteIdent } from './schema-name';

export interface MigrationReport {
  /** Versions applied by this run, in order; empty when the schema was already up to date. */
  readonly applied: readonly number[];
}

const checksum = (migration: Migration): string => createHash('sha256').update(migration.sql, 'utf8').digest('hex');

/** Where a set of migrations keeps its bookkeeping, so several sets can share one schema. */
export interface MigrationSet {
  /** Bookkeeping table: version, name, checksum, applied_at. */
  readonly table: string;
  /** Advisory-lock key text: runs of the same set on the same schema wait for each other. */
  readonly lockKey: string;
  /** How a refusal names a migration of this set ("Migration", "Read-store migration"). */
  readonly label: string;
}

/**
 * Brings `schema` up to the latest version of a set of migrations. Safe to run from several
 * processes at once: the run holds a transaction-scoped advisory lock, and everything (schema,
 * bookkeeping table, pending migrations) happens in one transaction, so a failed migration leaves
 * nothing behind. A migration already applied with different SQL is refused: versions are
 * immutable once shipped. Returns the versions applied by this run, in order.
 */
export async function applyMigrations(pool: Pool, schema: string, migrations: readonly Migration[], set: MigrationSet): Promise<number[]> {
  const client = await pool.connect();
  const s = quoteIdent(schema);
  const table = `${s}.${quoteIdent(set.table)}`;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(1936221043, hashtext($1))', [set.lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (
         version integer PRIMARY KEY,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number; checksum: string }>(`SELECT version, checksum FROM ${table}`);
    const done = new Map(rows.map((row) => [row.version, row.checksum]));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const sum = checksum(migration);
      const appliedSum = done.get(migration.version);
      if (appliedSum !== undefined) {
        if (appliedSum !== sum) throw new Error(`${set.label} ${migration.version} (${migration.name}) in schema ${schema} was applied with different SQL`);
        continue;
      }
      // Migrations are written without schema names; functions capture this path (SET search_path FROM CURRENT).
      await client.query(`SET LOCAL search_path TO ${s}`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${table} (version, name, checksum) VALUES ($1, $2, $3)`, [migration.version, migration.name, sum]);
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

/**
 * A pool on `connectionString` whose schema `migrate` has brought up to date. An idle client losing
 * its connection must not crash the process (the next query reconnects); if migrating fails
 * (server unreachable, a migration refused) the pool is closed again and the error thrown.
 */
export async function openMigratedPool(connectionString: string, max: number, migrate: (pool: Pool) => Promise<unknown>): Promise<Pool> {
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
}

/** The event store's own schema, in `schema_migrations`. */
export async function migrateEventStore(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = EVENT_STORE_MIGRATIONS,
): Promise<MigrationReport> {
  const applied = await applyMigrations(pool, schema, migrations, { table: 'schema_migrations', lockKey: `migrate:${schema}`, label: 'Migration' });
  return { applied };
}
