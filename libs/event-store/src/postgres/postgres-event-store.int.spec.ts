import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { Subscription } from 'rxjs';
import type { RecordedEvent } from '../event-store.port';
import { testEventStoreContract } from '../testing/event-store.contract';
import { migrateEventStore } from './migrate';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from './pg-test-database';
import { PostgresEventStore } from './postgres-event-store';
import { quoteIdent } from './schema-name';

const schemasToDrop: string[] = [];
const freshSchema = (label: string): string => {
  const schema = uniqueTestSchema(label);
  schemasToDrop.push(schema);
  return schema;
};

afterAll(async () => {
  for (const schema of schemasToDrop) await dropSchema(schema);
});

// One schema for the whole contract run; each test gets its own store (pool) on it.
const contractSchema = freshSchema('test_contract');
testEventStoreContract('PostgreSQL', async () => ({
  store: await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema: contractSchema }),
}));

describe('PostgresEventStore: global order with out-of-order commits', () => {
  const schema = freshSchema('test_order');
  let store: PostgresEventStore;
  let raw: Pool;

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4 });
    raw = new Pool({ connectionString: TEST_DATABASE_URL, max: 40 });
  });

  afterAll(async () => {
    await store.close();
    await raw.end();
  });

  /** Appends through the store's SQL function inside an explicit transaction the test controls. */
  async function appendInOpenTransaction(client: PoolClient, streamId: string, ids: readonly string[]): Promise<number> {
    await client.query('BEGIN');
    const events = ids.map((id, n) => ({ id, type: 'OutOfOrder.v1', data: { n }, metadata: {} }));
    const { rows } = await client.query<{ outcome: number; last_position: string }>(
      `SELECT outcome, last_position FROM ${quoteIdent(schema)}.append_to_stream($1, -1, $2)`,
      [streamId, JSON.stringify(events)],
    );
    expect(rows[0]!.outcome).toBe(0);
    return Number(rows[0]!.last_position);
  }

  function collect(after: number): { events: RecordedEvent[]; subscription: Subscription; failure: () => unknown } {
    const events: RecordedEvent[] = [];
    let failure: unknown;
    const subscription = store.subscribeToAll({ after }).subscribe({
      next: (event) => events.push(event),
      error: (error: unknown) => (failure = error),
    });
    return { events, subscription, failure: () => failure };
  }

  async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('holds back a committed event while an earlier position is still uncommitted, then delivers both in order', async () => {
    const start = await store.appendToStream(`start-${randomUUID()}`, [{ id: randomUUID(), type: 'Start.v1', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
    const subscriber = collect(start.position);
    const slow = await raw.connect();
    let failed = true;
    try {
      const slowId = randomUUID();
      const slowPosition = await appendInOpenTransaction(slow, `slow-${randomUUID()}`, [slowId]);
      const fast = await store.appendToStream(`fast-${randomUUID()}`, [{ id: randomUUID(), type: 'Fast.v1', data: {}, metadata: {} }], {
        expectedRevision: 'no_stream',
      });
      expect(fast.position).toBeGreaterThan(slowPosition);

      // The later event is committed, but nobody may see it before the earlier one settles.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(subscriber.events).toEqual([]);

      await slow.query('COMMIT');
      await waitFor(() => subscriber.events.length >= 2);
      expect(subscriber.events.map((e) => e.position)).toEqual([slowPosition, fast.position]);
      expect(subscriber.events[0]!.id).toBe(slowId);
      failed = false;
    } finally {
      subscriber.subscription.unsubscribe();
      slow.release(failed); // a failed test may leave its transaction open: drop that connection
    }
  });

  it('readAllLean holds back like readAll: it waits for the earlier position to commit, then returns both in order', async () => {
    const start = await store.appendToStream(`start-${randomUUID()}`, [{ id: randomUUID(), type: 'Start.v1', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
    const slow = await raw.connect();
    let failed = true;
    try {
      const slowPosition = await appendInOpenTransaction(slow, `slow-${randomUUID()}`, [randomUUID()]);
      const fast = await store.appendToStream(`fast-${randomUUID()}`, [{ id: randomUUID(), type: 'Fast.v1', data: {}, metadata: {} }], {
        expectedRevision: 'no_stream',
      });
      let answered = false;
      const read = store.readAllLean({ after: start.position, maxCount: 10 }).finally(() => (answered = true));

      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      await slow.query('COMMIT');
      expect((await read).map((e) => e.position)).toEqual([slowPosition, fast.position]);
      failed = false;
    } finally {
      slow.release(failed); // a failed test may leave its transaction open: drop that connection
    }
  });

  it('many concurrent writers with random delays before commit: the subscriber gets every committed event exactly once, in position order', async () => {
    const start = await store.appendToStream(`start-${randomUUID()}`, [{ id: randomUUID(), type: 'Start.v1', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
    const subscriber = collect(start.position);
    const writers = 32;
    const transactionsPerWriter = 6;
    const committed: string[] = [];
    const commitLog: { position: number; committedAt: number }[] = [];
    let rolledBack = 0;

    const writer = async (w: number): Promise<void> => {
      const client = await raw.connect();
      let failed = true;
      try {
        for (let t = 0; t < transactionsPerWriter; t += 1) {
          const ids = Array.from({ length: 1 + ((w + t) % 3) }, () => randomUUID());
          const position = await appendInOpenTransaction(client, `writer-${w}-${t}-${randomUUID()}`, ids);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
          if ((w * transactionsPerWriter + t) % 11 === 0) {
            await client.query('ROLLBACK'); // leaves a permanent hole in the positions
            rolledBack += 1;
          } else {
            await client.query('COMMIT');
            commitLog.push({ position, committedAt: commitLog.length });
            committed.push(...ids);
          }
        }
        failed = false;
      } finally {
        client.release(failed);
      }
    };

    try {
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      await waitFor(() => subscriber.events.length >= committed.length);
      await new Promise((resolve) => setTimeout(resolve, 700)); // nothing extra may arrive

      expect(subscriber.failure()).toBeUndefined();
      expect(rolledBack).toBeGreaterThan(0);
      // The scenario really did commit out of position order (otherwise it proves nothing).
      const outOfOrder = commitLog.some((entry, i) => i > 0 && entry.position < commitLog[i - 1]!.position);
      expect(outOfOrder).toBe(true);

      const received = subscriber.events.map((e) => e.id);
      expect(received).toHaveLength(committed.length);
      expect(new Set(received)).toEqual(new Set(committed));
      const positions = subscriber.events.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);

      // A reader paging with readAll sees the very same sequence.
      const paged: RecordedEvent[] = [];
      for (let after = start.position; ; ) {
        const page = await store.readAll({ after, maxCount: 7 });
        if (page.length === 0) break;
        paged.push(...page);
        after = page[page.length - 1]!.position;
      }
      expect(paged.map((e) => e.id)).toEqual(received);
    } finally {
      subscriber.subscription.unsubscribe();
    }
  });

  it("an idempotent retry with 'any' returns the first result and writes nothing", async () => {
    const streamId = `any-${randomUUID()}`;
    await store.appendToStream(streamId, [{ id: randomUUID(), type: 'First.v1', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
    const events = [1, 2].map((n) => ({ id: randomUUID(), type: 'Retried.v1', data: { n }, metadata: {} }));
    const first = await store.appendToStream(streamId, events, { expectedRevision: 'any' });
    await store.appendToStream(streamId, [{ id: randomUUID(), type: 'Later.v1', data: {}, metadata: {} }], {
      expectedRevision: 'any',
    });
    const before = await store.readStream(streamId);
    expect(await store.appendToStream(streamId, events, { expectedRevision: 'any' })).toEqual(first);
    expect(await store.readStream(streamId)).toEqual(before);
  });

  it('append_to_stream refuses to run after the transaction already wrote (its xid would be out of order)', async () => {
    const client = await raw.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      await expect(
        client.query(`SELECT * FROM ${quoteIdent(schema)}.append_to_stream($1, -2, $2)`, [
          `late-${randomUUID()}`,
          JSON.stringify([{ id: randomUUID(), type: 'Late.v1', data: {}, metadata: {} }]),
        ]),
      ).rejects.toThrow(/first write of their transaction/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('PostgresEventStore: versioned migrations', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 8 });
  });
  afterAll(async () => {
    await pool.end();
  });

  it('applies every version once; running them again is a no-op', async () => {
    const schema = freshSchema('test_migrate');
    const first = await migrateEventStore(pool, schema);
    expect(first.applied).toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.version));
    const again = await migrateEventStore(pool, schema);
    expect(again.applied).toEqual([]);

    const { rows } = await pool.query<{ version: number; name: string }>(
      `SELECT version, name FROM ${quoteIdent(schema)}.schema_migrations ORDER BY version`,
    );
    expect(rows).toEqual(EVENT_STORE_MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('several processes migrating one fresh schema at once apply each version exactly once', async () => {
    const schema = freshSchema('test_migrate');
    const pools = Array.from({ length: 4 }, () => new Pool({ connectionString: TEST_DATABASE_URL, max: 1 }));
    try {
      const reports = await Promise.all(pools.map((p) => migrateEventStore(p, schema)));
      expect(reports.flatMap((r) => r.applied).sort()).toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('refuses a schema where an applied migration has since been edited', async () => {
    const schema = freshSchema('test_migrate');
    await migrateEventStore(pool, schema);
    const edited = EVENT_STORE_MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrateEventStore(pool, schema, edited)).rejects.toThrow(/applied with different SQL/);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema: 'x"; DROP SCHEMA public; --' }),
    ).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});
