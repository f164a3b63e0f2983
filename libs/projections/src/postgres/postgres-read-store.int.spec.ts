import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { createReadStore } from '../create-read-store';
import { testReadStoreContract } from '../testing/read-store.contract';
import { migrateReadStore } from './migrate-read-store';
import { PostgresReadStore } from './postgres-read-store';
import { Pool } from 'pg';

/** The read-store contract on the real PostgreSQL server, in a fresh schema for every test. */
let schema = '';
testReadStoreContract('PostgreSQL', {
  open: (options = {}) => PostgresReadStore.connect({ connectionString: TEST_DATABASE_URL, schema, ...options }),
  reset: async () => {
    schema = uniqueTestSchema('read');
  },
  cleanup: () => dropSchema(schema),
});

describe('PostgreSQL read store: setting and migrations', () => {
  it('createReadStore opens postgres:// URLs with ?schema=, and names the setting when the server cannot be reached', async () => {
    const own = uniqueTestSchema('readurl');
    const store = await createReadStore(`${TEST_DATABASE_URL}?schema=${own}`);
    expect(store).toBeInstanceOf(PostgresReadStore);
    expect((store as PostgresReadStore).schema).toBe(own);
    await store.close();
    await dropSchema(own);
    await expect(createReadStore('postgres://postgres:secret@127.0.0.1:1/test')).rejects.toThrow(
      /^SHUANGSUI_READ_STORE="postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test": cannot open the PostgreSQL read store/,
    );
    await expect(createReadStore('mysql://x')).rejects.toThrow(/SHUANGSUI_READ_STORE="mysql:\/\/x" is not a supported read store URL/);
  });

  it('migrations are versioned: applied once, recorded, and an edited applied migration is refused', async () => {
    const own = uniqueTestSchema('readmig');
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    try {
      expect(await migrateReadStore(pool, own)).toEqual([1]);
      expect(await migrateReadStore(pool, own)).toEqual([]);
      const { rows } = await pool.query(`SELECT version, name FROM "${own}".read_store_migrations`);
      expect(rows).toEqual([{ version: 1, name: 'create_read_store_bookkeeping' }]);
      await expect(migrateReadStore(pool, own, [{ version: 1, name: 'create_read_store_bookkeeping', sql: 'SELECT 1' }])).rejects.toThrow(/applied with different SQL/);
    } finally {
      await pool.end();
      await dropSchema(own);
    }
  });
});
