import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { WrongExpectedRevisionError } from '../errors';
import type { NewEvent } from '../event-store.port';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from './pg-test-database';
import { PostgresEventStore } from './postgres-event-store';
import { quoteIdent } from './schema-name';

const event = (id: string = randomUUID()): NewEvent => ({ id, type: 'Batched.v1', data: {}, metadata: {} });

describe('PostgresEventStore: group commit of concurrent appends', () => {
  const schema = uniqueTestSchema('test_batch');
  let store: PostgresEventStore;
  let raw: Pool;

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, maxAppendsInFlight: 2 });
    raw = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await store.close();
    await raw.end();
    await dropSchema(schema);
  });

  const transactionsOf = async (streamIds: readonly string[]): Promise<number> => {
    const { rows } = await raw.query<{ n: string }>(
      `SELECT count(DISTINCT transaction_id) AS n FROM ${quoteIdent(schema)}.events WHERE stream_id = ANY($1)`,
      [streamIds],
    );
    return Number(rows[0]!.n);
  };

  it('64 concurrent appends share a few transactions, each with its own result', async () => {
    const streamIds = Array.from({ length: 64 }, () => `batch-${randomUUID()}`);
    const results = await Promise.all(
      streamIds.map((id) => store.appendToStream(id, [event(), event()], { expectedRevision: 'no_stream' })),
    );
    expect(results.every((r) => r.nextExpectedRevision === 1)).toBe(true);
    expect(new Set(results.map((r) => r.position)).size).toBe(64);
    for (const [i, id] of streamIds.entries()) {
      const stored = await store.readStream(id);
      expect(stored.map((e) => e.position)[1]).toBe(results[i]!.position);
    }
    expect(await transactionsOf(streamIds)).toBeLessThan(64);
  });

  it('appends to one stream in one batch apply in arrival order; a stale expectation fails alone', async () => {
    const streamId = `same-${randomUUID()}`;
    const other = `other-${randomUUID()}`;
    const outcomes = await Promise.allSettled([
      store.appendToStream(`warm-${randomUUID()}`, [event()], { expectedRevision: 'any' }), // occupies the pipe
      store.appendToStream(`warm-${randomUUID()}`, [event()], { expectedRevision: 'any' }),
      store.appendToStream(streamId, [event()], { expectedRevision: 'no_stream' }),
      store.appendToStream(other, [event()], { expectedRevision: 'no_stream' }),
      store.appendToStream(streamId, [event()], { expectedRevision: 0 }),
      store.appendToStream(streamId, [event()], { expectedRevision: 0 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const lost = outcomes[5] as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(lost.reason).toMatchObject({ expected: 0, actual: 1 });
    expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('closing the store completes its live subscriptions', async () => {
    const other = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema });
    let completed = false;
    other.subscribeToAll().subscribe({ complete: () => (completed = true) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed).toBe(true);
  });

  it('a batch with a faulty append (event id already stored) still commits the others', async () => {
    const taken = randomUUID();
    await store.appendToStream(`owner-${randomUUID()}`, [event(taken)], { expectedRevision: 'no_stream' });
    const streamIds = Array.from({ length: 12 }, () => `mixed-${randomUUID()}`);
    const outcomes = await Promise.allSettled(
      streamIds.map((id, i) => store.appendToStream(id, [event(i === 5 ? taken : randomUUID())], { expectedRevision: 'no_stream' })),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect((outcomes[5] as PromiseRejectedResult).reason).toMatchObject({ message: expect.stringMatching(/already stored/) });
    for (const [i, id] of streamIds.entries()) {
      if (i !== 5) expect(await store.readStream(id)).toHaveLength(1);
    }
  });
});
