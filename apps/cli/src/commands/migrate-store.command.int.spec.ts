import Database from 'better-sqlite3';
import { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectionStreamId } from '@shuangsui/domain';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { verifyChain } from '@shuangsui/application';
import { createEventStore, sealEvents, type EventStore, type Json, type RecordedEvent } from '@shuangsui/event-store';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { startEsdbDouble, type EsdbDouble } from '@shuangsui/event-store/esdb/testing/esdb-double';
import { verifyCopy } from '../store-migration/verify-copy';
import { registerMigrateStoreCommand, type MigrationOutcome } from './migrate-store.command';

jest.setTimeout(120_000);

/** The command as an operator runs it, in-process, with --json so the outcome can be inspected. */
async function migrate(from: string, to: string, ...args: string[]): Promise<{ outcome: MigrationOutcome; exitCode: number }> {
  const program = new Command('shuangsui').option('--store <url>').option('--read-store <url>').exitOverride();
  registerMigrateStoreCommand(program);
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'shuangsui', 'migrate-store', '--from', from, '--to', to, '--json', '--page-size', '7', ...args]);
    return { outcome: JSON.parse(lines.join('\n')) as MigrationOutcome, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    process.exitCode = before;
  }
}

const CASES = ['m1', 'm2', 'm3', 'm4'];

/**
 * A source whose global order interleaves streams: each case's first two events in one append, then
 * the rest one event per append, round-robin over the cases. Ids are random UUIDs, as the server's.
 */
async function seedSource(store: EventStore): Promise<void> {
  const heads = new Map<string, { revision: number; hash: string | null }>();
  const all = new Map(CASES.map((caseId) => [caseId, history.published(undefined, caseId)]));
  const appendNext = async (caseId: string, count: number): Promise<void> => {
    const streamId = inspectionStreamId(caseId);
    const head = heads.get(streamId) ?? null;
    const from = head ? head.revision + 1 : 0;
    const events = all.get(caseId)!.slice(from, from + count);
    if (events.length === 0) return;
    const sealed = sealEvents(
      streamId,
      head,
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as Json,
        metadata: { occurredAt: event.occurredAt, actor: { id: 'migrate-test', role: 'system' }, correlationId: `corr-${caseId}`, causationId: null },
      })),
    );
    await store.appendToStream(streamId, sealed, { expectedRevision: head ? head.revision : 'no_stream' });
    heads.set(streamId, { revision: from + sealed.length - 1, hash: (sealed[sealed.length - 1]!.metadata as { hash: string }).hash });
  };
  for (const caseId of CASES) await appendNext(caseId, 2);
  for (let round = 0; round < 3; round += 1) for (const caseId of CASES) await appendNext(caseId, 1);
}

async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events[events.length - 1]?.position ?? 0, maxCount: 100 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** What must survive a migration: everything but the store's own positions and recording times. */
const portable = (event: RecordedEvent) => ({ id: event.id, streamId: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata: event.metadata });

async function withStore<T>(url: string, use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await createEventStore(url);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe('CLI migrate-store', () => {
  let dir: string;
  let sourceUrl: string;
  let sourceEvents: RecordedEvent[];
  const schemas: string[] = [];
  const pgUrl = () => {
    const schema = uniqueTestSchema('migrate');
    schemas.push(schema);
    return `${TEST_DATABASE_URL}?schema=${schema}`;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-cli-migrate-'));
    sourceUrl = `sqlite:${join(dir, 'events.db')}`;
    sourceEvents = await withStore(sourceUrl, async (store) => {
      await seedSource(store);
      return readEverything(store);
    });
    expect(sourceEvents).toHaveLength(CASES.length * 5);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const schema of schemas) await dropSchema(schema);
  });

  describe('SQLite → PostgreSQL', () => {
    it('copies every event in global order with ids, types, data and metadata, verifies, and exits 0', async () => {
      const target = pgUrl();
      const { outcome, exitCode } = await migrate(sourceUrl, target);
      expect(exitCode).toBe(0);
      expect(outcome.copy).toEqual({ resumedAfter: 0, copied: 20 });
      expect(outcome.verification).toEqual({ sourceEvents: 20, targetEvents: 20, streams: 4, mismatch: null });

      await withStore(target, async (store) => {
        const copied = await readEverything(store);
        expect(copied.map(portable)).toEqual(sourceEvents.map(portable));
        // The chain lives in the metadata, so verify-chain on the new store passes on its own.
        expect(await verifyChain(store)).toMatchObject({ intact: true, events: 20, streams: 4 });
      });
    });

    it('refuses a non-empty target without --resume and leaves it untouched', async () => {
      const target = pgUrl();
      await migrate(sourceUrl, target);
      await expect(migrate(sourceUrl, target)).rejects.toThrow(/目标事件库不是空的.*--resume/);
      await withStore(target, async (store) => expect(await readEverything(store)).toHaveLength(20));
    });

    it('with --resume continues after the last copied event, verified by id', async () => {
      const target = pgUrl();
      // An interrupted run: the first 9 source events (whole appends) made it into the target.
      await withStore(target, async (store) => {
        for (const event of sourceEvents.slice(0, 9)) {
          await store.appendToStream(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], {
            expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1,
          });
        }
      });
      const { outcome, exitCode } = await migrate(sourceUrl, target, '--resume');
      expect(exitCode).toBe(0);
      expect(outcome.copy).toEqual({ resumedAfter: sourceEvents[8]!.position, copied: 11 });
      expect(outcome.verification.mismatch).toBeNull();
      await withStore(target, async (store) => expect((await readEverything(store)).map(portable)).toEqual(sourceEvents.map(portable)));
    });

    it('refuses to resume onto a target whose last event the source does not hold', async () => {
      const target = pgUrl();
      await withStore(target, (store) =>
        store.appendToStream(inspectionStreamId('m1'), [{ id: randomUUID(), type: 'SomethingElse', data: {}, metadata: {} }], { expectedRevision: 'no_stream' }),
      );
      await expect(migrate(sourceUrl, target, '--resume')).rejects.toThrow(/在源事件库中不存在或 id 不同/);
    });

    it('verification reports a count mismatch when the target holds an extra event', async () => {
      const target = pgUrl();
      await migrate(sourceUrl, target);
      await withStore(target, (store) =>
        store.appendToStream('stray-stream', [{ id: randomUUID(), type: 'Stray', data: {}, metadata: {} }], { expectedRevision: 'no_stream' }),
      );
      const verification = await withStore(sourceUrl, (source) => withStore(target, (copy) => verifyCopy(source, copy, { pageSize: 7 })));
      expect(verification.mismatch).toEqual({ kind: 'count', sourceEvents: 20, targetEvents: 21 });
    });

    it('exits 1 when the copied history has a broken hash chain (a tampered source), naming the link', async () => {
      const tamperedPath = join(dir, 'tampered.db');
      await withStore(`sqlite:${tamperedPath}`, seedSource);
      const db = new Database(tamperedPath);
      const victim = db.prepare("SELECT id FROM events WHERE stream_id = 'inspection-m3' AND revision = 3").get() as { id: string };
      db.prepare("UPDATE events SET data = json_set(data, '$.reviewerId', 'someone-else') WHERE id = ?").run(victim.id);
      db.close();

      const { outcome, exitCode } = await migrate(`sqlite:${tamperedPath}`, pgUrl());
      expect(exitCode).toBe(1);
      expect(outcome.verification.mismatch).toMatchObject({ kind: 'chain', store: 'source', break: { streamId: 'inspection-m3', revision: 3, eventId: victim.id, reason: 'hash_mismatch' } });
    });
  });

  describe('SQLite → EventStoreDB (in-process gRPC double)', () => {
    let double: EsdbDouble;
    beforeAll(async () => {
      double = await startEsdbDouble({ nodes: 3 });
    });
    afterAll(async () => {
      await double.stop();
    });

    it('copies and verifies against a 3-node connection string; the copy keeps order, ids and metadata', async () => {
      const { outcome, exitCode } = await migrate(sourceUrl, double.clusterConnectionString);
      expect(exitCode).toBe(0);
      expect(outcome.verification).toEqual({ sourceEvents: 20, targetEvents: 20, streams: 4, mismatch: null });
      await withStore(double.connectionString, async (store) => {
        expect((await readEverything(store)).map(portable)).toEqual(sourceEvents.map(portable));
        expect(await verifyChain(store)).toMatchObject({ intact: true, events: 20 });
      });
    });
  });
});
