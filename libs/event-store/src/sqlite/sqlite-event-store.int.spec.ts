import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { firstValueFrom, take, toArray } from 'rxjs';
import { createEventStore } from '../create-event-store';
import { WrongExpectedRevisionError } from '../errors';
import type { NewEvent } from '../event-store.port';
import { toLeanEvent } from '../lean-event';
import { testEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { INSERT_EVENT } from './sqlite-statements';

function tempDir(): { dir: string; remove: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-sqlite-'));
  return { dir, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

const event = (n: number): NewEvent => ({ id: randomUUID(), type: 'Tested.v1', data: { n }, metadata: {} });

testEventStoreContract('SQLite (file, WAL, synchronous FULL)', async () => {
  const { dir, remove } = tempDir();
  const store = await SqliteEventStore.open({ path: join(dir, 'events.db') });
  return { store, teardown: remove };
});

testEventStoreContract('SQLite (:memory:)', async () => ({ store: await SqliteEventStore.open({ path: ':memory:' }) }));

describe('SqliteEventStore', () => {
  it('headPosition is 0 on an empty store, then the last position', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    expect(await store.headPosition()).toBe(0);
    const result = await store.appendToStream('s-1', [event(1)], { expectedRevision: 'no_stream' });
    expect(await store.headPosition()).toBe(result.position);
    await store.close();
  });

  let dir: string;
  let remove: () => Promise<void>;
  const opened: SqliteEventStore[] = [];
  const open = async (path: string): Promise<SqliteEventStore> => {
    const store = await SqliteEventStore.open({ path, pollIntervalMs: 50 });
    opened.push(store);
    return store;
  };

  beforeEach(() => ({ dir, remove } = tempDir()));
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await remove();
  });

  describe('group commit', () => {
    it('commits concurrent appends in one transaction, each with its own result', async () => {
      const store = await open(join(dir, 'events.db'));
      const before = store.commitCount;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.appendToStream(`s-${i}`, [event(i)], { expectedRevision: 'no_stream' })),
      );
      expect(store.commitCount - before).toBe(1);
      expect(new Set(results.map((r) => r.position)).size).toBe(50);
      expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
    });

    it('keeps a failing request from failing the others in its batch', async () => {
      const store = await open(join(dir, 'events.db'));
      await store.appendToStream('taken', [event(0)], { expectedRevision: 'no_stream' });
      const before = store.commitCount;
      const outcomes = await Promise.allSettled([
        store.appendToStream('a', [event(1)], { expectedRevision: 'no_stream' }),
        store.appendToStream('taken', [event(2), event(3)], { expectedRevision: 'no_stream' }),
        store.appendToStream('b', [event(4)], { expectedRevision: 'no_stream' }),
      ]);
      expect(store.commitCount - before).toBe(1);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream('taken')).toHaveLength(1);
      expect(await store.readStream('a')).toHaveLength(1);
      expect(await store.readStream('b')).toHaveLength(1);
    });

    it('rolls back only the request whose event id is already stored', async () => {
      const store = await open(join(dir, 'events.db'));
      const taken = event(0);
      await store.appendToStream('first', [taken], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        store.appendToStream('other', [event(1), taken], { expectedRevision: 'no_stream' }),
        store.appendToStream('fine', [event(2)], { expectedRevision: 'no_stream' }),
        store.appendToStream('single', [taken], { expectedRevision: 'any' }),
        store.appendToStream('fine', [event(3)], { expectedRevision: 0 }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ message: expect.stringContaining('already stored') });
      await expect(store.readStream('other')).rejects.toThrow('not found');
      await expect(store.readStream('single')).rejects.toThrow('not found');
      expect(await store.readStream('fine')).toHaveLength(2);
    });

    it('applies two requests to the same stream in one batch in arrival order', async () => {
      const store = await open(join(dir, 'events.db'));
      const [first, second, third] = await Promise.allSettled([
        store.appendToStream('same', [event(0)], { expectedRevision: 'no_stream' }),
        store.appendToStream('same', [event(1)], { expectedRevision: 0 }),
        store.appendToStream('same', [event(2)], { expectedRevision: 0 }),
      ]);
      expect(first).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0 } });
      expect(second).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1 } });
      expect(third).toMatchObject({ status: 'rejected', reason: { expected: 0, actual: 1 } });
    });

    it('commits sequential appends one by one without waiting for a timer', async () => {
      const store = await open(join(dir, 'events.db'));
      const before = store.commitCount;
      let expectedRevision: number | 'no_stream' = 'no_stream';
      const started = performance.now();
      for (let i = 0; i < 20; i += 1) {
        ({ nextExpectedRevision: expectedRevision } = await store.appendToStream('seq', [event(i)], { expectedRevision }));
      }
      expect(store.commitCount - before).toBe(20);
      // 20 fsyncs take well under a second; a timer-based flush (say 10 ms each) would not.
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  });

  describe('subscribeToAll', () => {
    it('hands over from a multi-page catch-up to live without gap or duplicate', async () => {
      const store = await open(join(dir, 'events.db'));
      const pages = Array.from({ length: 12 }, (_, page) => Array.from({ length: 100 }, (_, i) => event(page * 100 + i)));
      let revision: number | 'no_stream' = 'no_stream';
      for (const events of pages) {
        ({ nextExpectedRevision: revision } = await store.appendToStream('history', events, { expectedRevision: revision }));
      }
      const total = 1_200 + 8 * 25;
      const received = firstValueFrom(store.subscribeToAll().pipe(take(total), toArray()));
      // Live appends start while the subscription is still paging through the history.
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          let expectedRevision: number | 'no_stream' = 'no_stream';
          for (let i = 0; i < 25; i += 1) {
            ({ nextExpectedRevision: expectedRevision } = await store.appendToStream(`live-${w}`, [event(i)], { expectedRevision }));
          }
        }),
      );
      const events = await received;
      // One writer process, positions from AUTOINCREMENT: they are exactly 1..total.
      expect(events.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    });
  });

  describe('on a file', () => {
    it('opens in WAL mode with synchronous FULL and a versioned schema', async () => {
      const path = join(dir, 'events.db');
      await (await open(path)).close();
      const db = new Database(path, { readonly: true });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('user_version', { simple: true })).toBe(1);
      } finally {
        db.close();
      }
      const store = await SqliteEventStore.open({ path });
      opened.push(store);
      // synchronous is per connection: read it through the store's own connection.
      const synchronous = (store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
      expect(synchronous).toBe(2); // FULL
    });

    it('keeps the events across close and reopen, and continues the positions', async () => {
      const path = join(dir, 'nested', 'events.db');
      const first = await open(path);
      const written = await first.appendToStream('kept', [event(0), event(1)], { expectedRevision: 'no_stream' });
      await first.close();

      const reopened = await open(path);
      const stored = await reopened.readStream('kept');
      expect(stored.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
      const next = await reopened.appendToStream('kept', [event(2)], { expectedRevision: 1 });
      expect(next.position).toBeGreaterThan(written.position);
    });

    it('lets a second instance on the same file (another process) see new events live', async () => {
      const path = join(dir, 'events.db');
      const writer = await open(path);
      const reader = await open(path);
      await writer.appendToStream('shared', [event(0)], { expectedRevision: 'no_stream' });

      const received = firstValueFrom(reader.subscribeToAll().pipe(take(4), toArray()));
      // Appended after the reader subscribed: only polling can tell the reader about these.
      await new Promise((resolve) => setTimeout(resolve, 120));
      await writer.appendToStream('shared', [event(1), event(2)], { expectedRevision: 0 });
      await writer.appendToStream('shared', [event(3)], { expectedRevision: 2 });

      const events = await received;
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(events.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    });

    it('checks expected revisions against writes made by another instance on the same file', async () => {
      const path = join(dir, 'events.db');
      const one = await open(path);
      const other = await open(path);
      await one.appendToStream('contended', [event(0)], { expectedRevision: 'no_stream' });
      await other.appendToStream('contended', [event(1)], { expectedRevision: 0 });

      await expect(one.appendToStream('contended', [event(2)], { expectedRevision: 0 })).rejects.toMatchObject({
        expected: 0,
        actual: 1,
      });
      await expect(one.appendToStream('contended', [event(2)], { expectedRevision: 1 })).resolves.toMatchObject({
        nextExpectedRevision: 2,
      });
    });

    it('commits appends queued before close()', async () => {
      const path = join(dir, 'events.db');
      const store = await SqliteEventStore.open({ path });
      const pending = store.appendToStream('late', [event(0)], { expectedRevision: 'no_stream' });
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
      await expect(store.appendToStream('late', [event(1)], { expectedRevision: 0 })).rejects.toThrow('closed');
      expect(await (await open(path)).readStream('late')).toHaveLength(1);
    });

    it('completes live subscriptions on close()', async () => {
      const store = await SqliteEventStore.open({ path: join(dir, 'events.db') });
      const done = firstValueFrom(store.subscribeToAll().pipe(toArray()));
      await store.appendToStream('x', [event(0)], { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.close();
      expect(await done).toHaveLength(1);
    });
  });

  describe('readAllLean', () => {
    it('reads occurredAt right from metadata text this adapter did not write (spacing, escapes)', async () => {
      const path = join(dir, 'events.db');
      await (await open(path)).close();
      const db = new Database(path);
      const metadata = [
        '{ "occurredAt": "T1" }',
        '{"occurredAt":"T\\u0032"}',
        '{"occurredAt":"T\\"3\\"","x":"\\""}',
        '{"occurredAt":7}',
        '{"occurredAt"  :  "T4"}',
      ];
      const insert = db.prepare(INSERT_EVENT);
      metadata.forEach((text, revision) => insert.run('foreign', revision, randomUUID(), 'T.v1', '{}', text, 'R'));
      db.close();

      const store = await open(path);
      const lean = await store.readAllLean();
      expect(lean.map((e) => e.occurredAt)).toEqual(['T1', 'T2', 'T"3"', 'R', 'T4']);
      expect(lean).toEqual((await store.readAll()).map(toLeanEvent));
    });

    const appendMany = async (store: SqliteEventStore, stream: string, count: number, expectedRevision: 'no_stream' | number) =>
      store.appendToStream(stream, Array.from({ length: count }, (_, i) => event(i)), { expectedRevision });

    /** Reads the whole log page by page, the way a replay does. */
    const readSequentially = async (store: SqliteEventStore, maxCount: number) => {
      const all = [];
      for (let after = 0; ; ) {
        const page = await store.readAllLean({ after, maxCount });
        all.push(...page);
        if (page.length < maxCount) return all;
        after = page[page.length - 1]!.position;
      }
    };

    it('page after page (read ahead on its thread) gives exactly the log, also when the caller jumps', async () => {
      const store = await open(join(dir, 'events.db'));
      await appendMany(store, 'a', 95, 'no_stream');
      const expected = (await store.readAll({ maxCount: 1_000 })).map(toLeanEvent);
      expect(await readSequentially(store, 10)).toEqual(expected);
      expect(await readSequentially(store, 7)).toEqual(expected); // another page size: nothing read ahead is reused
      const jump = expected[41]!.position;
      expect(await store.readAllLean({ after: jump, maxCount: 10 })).toEqual(expected.slice(42, 52));
      expect(await store.readAllLean({ after: 0, maxCount: 10 })).toEqual(expected.slice(0, 10));
    });

    it('sees events committed after the page before was read (a short page read ahead is read again)', async () => {
      const store = await open(join(dir, 'events.db'));
      await appendMany(store, 'a', 10, 'no_stream');
      const first = await store.readAllLean({ after: 0, maxCount: 10 }); // full: the next page is read ahead (empty now)
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the read-ahead land
      await appendMany(store, 'a', 3, 9);
      const next = await store.readAllLean({ after: first[9]!.position, maxCount: 10 });
      expect(next.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    });
  });

  describe('createEventStore', () => {
    it('opens sqlite:<path> and sqlite::memory:', async () => {
      const file = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
      const memory = await createEventStore('sqlite::memory:');
      try {
        expect(file).toBeInstanceOf(SqliteEventStore);
        expect(memory).toBeInstanceOf(SqliteEventStore);
        await memory.appendToStream('m', [event(0)], { expectedRevision: 'no_stream' });
        expect(await file.readAll()).toEqual([]);
      } finally {
        await file.close();
        await memory.close();
      }
    });

    it.each(['mysql://localhost/db', 'sqlite:', 'events.db', ''])('rejects %p naming the setting', async (url) => {
      await expect(createEventStore(url)).rejects.toThrow(/SHUANGSUI_EVENT_STORE="/);
    });
  });
});
