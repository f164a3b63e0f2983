import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore, type EventStore } from '@shuangsui/event-store';

/** The benchmark's server; PG_BENCH_URL overrides it. */
const BENCH_DATABASE_URL = process.env['PG_BENCH_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A PostgresEventStore in a fresh schema (dropped afterwards), server defaults for durability
 * (synchronous_commit on: every resolved append is flushed to the WAL). The store's defaults
 * otherwise: concurrent writers' appends are group-committed (up to 4 statements in flight, the
 * rest batched), so many appends share one transaction and one WAL flush.
 */
export async function openPostgresBenchStore(): Promise<{
  store: EventStore;
  description: string;
  dispose: () => Promise<void>;
}> {
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const store = await PostgresEventStore.connect({ connectionString: BENCH_DATABASE_URL, schema, poolSize: 16 });
  const host = new URL(BENCH_DATABASE_URL).host;
  return {
    store,
    description: `PostgreSQL ${host}, schema ${schema} (synchronous_commit on, pool 16, group commit)`,
    dispose: async () => {
      await store.close();
      const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 1 });
      try {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
