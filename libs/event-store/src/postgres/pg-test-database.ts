import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { quoteIdent } from './schema-name';

/**
 * Test helpers for specs that need the real PostgreSQL server. Every run works in its own schema
 * (test_<pid>_<random>), so parallel runs and other spec files never see each other's rows.
 */
export const TEST_DATABASE_URL = process.env['PG_TEST_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueTestSchema(label = 'test'): string {
  return `${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string, connectionString = TEST_DATABASE_URL): Promise<void> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await pool.end();
  }
}
