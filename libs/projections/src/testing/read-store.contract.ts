import { history, completeResult } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import type { EventHandlers, Projection } from '../projection';
import { CheckpointConflictError, rowKey, type CommitRequest, type ProjectionSchema, type ReadStore, type TableSpec } from '../read-store.port';
import { ProjectionRunner } from '../runner/projection-runner';
import { appendCase } from './given-events';
import { TempStores } from './temp-stores';

/**
 * The read-store contract: what the runner, the readers and the replay rely on, run by every read
 * store (SQLite, PostgreSQL). `open` returns a fresh, empty store each call (the same database each
 * time within one test, so a test can "restart" by opening again); `cleanup` runs after each test.
 */
export interface ReadStoreFactory {
  open(options?: { readonly beforeCheckpoint?: (request: CommitRequest) => void }): Promise<ReadStore>;
  reset(): Promise<void>;
  cleanup(): Promise<void>;
}

const ITEMS: TableSpec = {
  name: 'contract_items',
  key: 'id',
  columns: { id: 'text', name: 'text', amount: 'integer', ratio: 'real', tags: 'json', note: 'text' },
  indexes: [['name']],
};
const SCHEMA: ProjectionSchema = { name: 'contract', version: 1, tables: [ITEMS] };
const ref = { projection: 'contract', table: ITEMS } as const;

const row = (id: string, name: string, amount: number, extra: { ratio?: number; tags?: unknown; note?: string | null } = {}) => ({
  id, name, amount, ratio: extra.ratio ?? 0.5, tags: extra.tags ?? { list: [id] }, note: extra.note ?? null,
});

export function testReadStoreContract(label: string, factory: ReadStoreFactory): void {
  describe(`read-store contract: ${label}`, () => {
    let store: ReadStore;
    beforeEach(async () => {
      await factory.reset();
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    const commit = (generation: number, from: number, to: number, upserts: Record<string, unknown>[], deletes: string[] = [], extra: Partial<CommitRequest> = {}) =>
      store.commit({
        projection: 'contract', generation, fromPosition: from, toPosition: to,
        upserts: upserts.map((r) => ({ table: ITEMS.name, row: r })), deletes: deletes.map((key) => ({ table: ITEMS.name, key })), ...extra,
      });

    it('registers a projection at position 0, keeps it for the same version and starts a fresh generation for a new one', async () => {
      const first = await store.register(SCHEMA);
      expect(first).toEqual({ name: 'contract', version: 1, generation: 1, position: 0 });
      await commit(1, 0, 5, [row('a', '甲', 1)]);
      expect(await store.register(SCHEMA)).toEqual({ ...first, position: 5 });
      const bumped = await store.register({ ...SCHEMA, version: 2 });
      expect(bumped).toEqual({ name: 'contract', version: 2, generation: 2, position: 0 });
      expect(await store.query(ref)).toEqual([]);
      expect(await store.checkpoint('nothing')).toBeNull();
    });

    it('commits rows and the checkpoint together; values round-trip by column type', async () => {
      await store.register(SCHEMA);
      await commit(1, 0, 3, [row('a', '甲', 1, { ratio: 1.25, tags: { nested: [1, 'x'] } }), { ...row('b', '乙', 0), amount: true }, row('c', '丙', 7)]);
      await commit(1, 3, 4, [row('a', '甲改', 2)], ['c']);
      expect(await store.checkpoint('contract')).toMatchObject({ generation: 1, position: 4 });
      expect(await store.generationPosition('contract', 1)).toBe(4);
      const loaded = await store.load('contract', 1, [{ table: ITEMS.name, key: 'a' }, { table: ITEMS.name, key: 'b' }, { table: ITEMS.name, key: 'c' }]);
      expect([...loaded.keys()].sort()).toEqual([rowKey(ITEMS.name, 'a'), rowKey(ITEMS.name, 'b')]);
      expect(loaded.get(rowKey(ITEMS.name, 'a'))).toEqual(row('a', '甲改', 2));
      expect(loaded.get(rowKey(ITEMS.name, 'b'))).toMatchObject({ amount: 1, note: null });
      expect(await store.query(ref, { where: [{ column: 'id', op: 'eq', value: 'a' }] })).toEqual([row('a', '甲改', 2)]);
    });

    it('refuses a commit from a stale checkpoint with CheckpointConflictError and changes nothing', async () => {
      await store.register(SCHEMA);
      await commit(1, 0, 2, [row('a', '甲', 1)]);
      await expect(commit(1, 0, 3, [row('z', '错', 9)])).rejects.toBeInstanceOf(CheckpointConflictError);
      expect(await store.count(ref)).toBe(1);
      expect((await store.checkpoint('contract'))!.position).toBe(2);
    });

    it('a crash between the rows and the checkpoint rolls the rows back with it', async () => {
      await store.close();
      store = await factory.open({ beforeCheckpoint: (request) => { if (request.toPosition > 2) throw new Error('simulated crash'); } });
      await store.register(SCHEMA);
      await commit(1, 0, 2, [row('a', '甲', 1)]);
      await expect(commit(1, 2, 3, [row('b', '乙', 2)], ['a'])).rejects.toThrow('simulated crash');
      expect(await store.query(ref)).toEqual([row('a', '甲', 1)]);
      expect((await store.checkpoint('contract'))!.position).toBe(2);
    });

    it('blue-green: a new generation fills unseen, activation switches readers at once, the old one is dropped on request', async () => {
      await store.register(SCHEMA);
      await commit(1, 0, 1, [row('old', '旧', 1)]);
      const next = await store.createGeneration(SCHEMA);
      expect(next).toBe(2);
      await commit(next, 0, 9, [row('new', '新', 2)]);
      await store.finishGeneration(SCHEMA, next);
      expect((await store.query(ref)).map((r) => r['id'])).toEqual(['old']);
      expect((await store.query({ ...ref, generation: next })).map((r) => r['id'])).toEqual(['new']);
      await store.activateGeneration('contract', next);
      expect(await store.checkpoint('contract')).toMatchObject({ generation: 2, position: 9 });
      expect((await store.query(ref)).map((r) => r['id'])).toEqual(['new']);
      // The live runner of the swapped-out generation must not write any more.
      await expect(commit(1, 1, 2, [row('late', '迟', 3)], [], { requireActive: true })).rejects.toBeInstanceOf(CheckpointConflictError);
      await store.dropInactiveGenerations('contract');
      expect(await store.generationPosition('contract', 1)).toBeNull();
      await expect(store.activateGeneration('contract', 1)).rejects.toThrow(/no generation 1/);
    });

    it('answers the query language the same way: filters, order with nulls, paging, counts, grouping, iteration', async () => {
      await store.register(SCHEMA);
      await commit(1, 0, 1, [
        row('k1', '星河商贸', 10, { note: 'x' }), row('k2', '星河物流', 20), row('k3', '东方酒店', 30, { note: 'y' }),
        row('k4', 'Alpha', 20, { note: 'x' }), row('k5', 'alpha', 5),
      ]);
      const ids = async (spec: Parameters<ReadStore['query']>[1]) => (await store.query(ref, spec)).map((r) => r['id']);
      expect(await ids({ where: [{ column: 'name', op: 'contains', value: '星河' }] })).toEqual(['k1', 'k2']);
      expect(await ids({ where: [{ column: 'name', op: 'contains', value: 'alp' }] })).toEqual(['k5']);
      expect(await ids({ where: [{ column: 'amount', op: 'gte', value: 20 }, { column: 'amount', op: 'lt', value: 30 }] })).toEqual(['k2', 'k4']);
      expect(await ids({ where: [{ column: 'amount', op: 'ne', value: 20 }] })).toEqual(['k1', 'k3', 'k5']);
      expect(await ids({ where: [{ column: 'id', op: 'in', value: ['k3', 'k5', 'nope'] }] })).toEqual(['k3', 'k5']);
      expect(await ids({ where: [{ column: 'id', op: 'in', value: [] }] })).toEqual([]);
      expect(await ids({ where: [{ column: 'note', op: 'isNull' }] })).toEqual(['k2', 'k5']);
      expect(await ids({ where: [{ column: 'note', op: 'notNull' }, { column: 'amount', op: 'lte', value: 10 }] })).toEqual(['k1']);
      // Byte order for text (upper case before lower case), NULLs first ascending and last descending, key as tie-breaker.
      expect(await ids({ orderBy: [{ column: 'name' }] })).toEqual(['k4', 'k5', 'k3', 'k1', 'k2']);
      expect(await ids({ orderBy: [{ column: 'note' }] })).toEqual(['k2', 'k5', 'k1', 'k4', 'k3']);
      expect(await ids({ orderBy: [{ column: 'note', direction: 'desc' }] })).toEqual(['k3', 'k1', 'k4', 'k2', 'k5']);
      expect(await ids({ orderBy: [{ column: 'amount', direction: 'desc' }], limit: 2, offset: 1 })).toEqual(['k2', 'k4']);
      expect(await store.count(ref)).toBe(5);
      expect(await store.count(ref, [{ column: 'amount', op: 'eq', value: 20 }])).toBe(2);
      expect(await store.countBy(ref, ['amount'], [{ column: 'amount', op: 'gt', value: 5 }])).toEqual([
        { values: { amount: 10 }, count: 1 }, { values: { amount: 20 }, count: 2 }, { values: { amount: 30 }, count: 1 },
      ]);
      expect(await store.countBy(ref, ['note'])).toEqual([{ values: { note: null }, count: 2 }, { values: { note: 'x' }, count: 2 }, { values: { note: 'y' }, count: 1 }]);
      const iterated: unknown[] = [];
      for await (const r of store.iterate(ref, { orderBy: [{ column: 'amount' }], offset: 1, limit: 3 }, 2)) iterated.push(r['id']);
      expect(iterated).toEqual(['k1', 'k2', 'k4']);
      await expect(store.query({ projection: 'missing', table: ITEMS })).rejects.toThrow(/does not exist yet/);
    });

    it('keeps plain checkpoints for process managers', async () => {
      expect(await store.loadCheckpoint('process:x')).toBe(0);
      await store.saveCheckpoint('process:x', 41);
      await store.saveCheckpoint('process:x', 42);
      expect(await store.loadCheckpoint('process:x')).toBe(42);
    });

    it('with the projection runner, counts each event exactly once across a crash before the checkpoint and a restart', async () => {
      const temp = new TempStores();
      const events = await temp.openEvents();
      try {
        for (let i = 0; i < 4; i += 1) await appendCase(events, `c${i}`, history.published(completeResult(), `c${i}`)); // 20 events
        await store.close();
        store = await factory.open({ beforeCheckpoint: (request) => { if (request.toPosition > 10) throw new Error('simulated crash'); } });
        let runner = new ProjectionRunner(events, store, [COUNTER], { maxBatch: 10 });
        await runner.start();
        await waitFor(async () => (await runner.status())[0]?.state === 'failed');
        expect(await countOf(store)).toBe(10);
        await runner.stop();
        await store.close();

        store = await factory.open();
        runner = new ProjectionRunner(events, store, [COUNTER], { maxBatch: 10 });
        await runner.start();
        await runner.waitUntil(20);
        expect(await countOf(store)).toBe(20);
        await runner.stop();
      } finally {
        await events.close();
        temp.remove();
      }
    });
  });
}

const COUNTS: TableSpec = { name: 'contract_counts', key: 'name', columns: { name: 'text', events: 'integer' } };
const countAll: EventHandlers = Object.fromEntries(
  ['InspectionDrawn.v1', 'InspectorsAssigned.v1', 'InspectionResultRecorded.v1', 'InspectionResultApproved.v1', 'InspectionResultPublished.v1'].map((type) => [
    type,
    {
      rows: () => [{ table: COUNTS.name, key: 'all' }],
      apply: (_event, rows) => rows.put(COUNTS.name, { name: 'all', events: (rows.get<{ name: string; events: number }>(COUNTS.name, 'all')?.events ?? 0) + 1 }),
    },
  ]),
);
const COUNTER: Projection = { name: 'contract_counter', version: 1, tables: [COUNTS], handlers: countAll };

async function countOf(store: ReadStore): Promise<number> {
  const rows = await store.query({ projection: COUNTER.name, table: COUNTS });
  return (rows[0]?.['events'] as number | undefined) ?? 0;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
