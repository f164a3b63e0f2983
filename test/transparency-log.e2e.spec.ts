import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadSettings, SETTING, TreeHeadSigner } from '@shuangsui/application';
import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { eventLeafHash, fromHex, publicKeyFromPem, verifyConsistency, verifyInclusion, verifyTreeHeadSignature, type SignedTreeHead } from '@shuangsui/domain/transparency';
import { eventHash, sealEvents, type EventStore, type Json } from '@shuangsui/event-store';
import { inspectionStreamId, type StoredInspectionEvent } from '@shuangsui/domain';
import { randomUUID } from 'node:crypto';
import { TransparencyTreeFollower } from '@shuangsui/projections';
import { createApp } from '../apps/server/src/app.factory';
import { EVENT_STORE } from '../apps/server/src/common/tokens';
import { emptyState, monitorLog, type MonitorReport, type MonitorState } from '../apps/cli/src/monitor/log-monitor';
import { registerVerifyChain } from '../apps/cli/src/commands/verify-chain.command';
import { registerMigrateStoreCommand } from '../apps/cli/src/commands/migrate-store.command';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { removeDir, tempDataDir } from './support/test-server';
import { runCli } from './support/run-cli';
import { TEST_AUTH_ENV, TEST_AUTH_OPTIONS } from './support/test-accounts';

/**
 * A server with no test accounts and no sign-ins, so the only events are the ones a test writes: the
 * tree sizes below are exact.
 */
interface LogServer {
  readonly baseUrl: string;
  readonly app: INestApplication;
  readonly store: EventStore;
  /** Lets the tree catch up with the log, then signs a head (the interval timer does this in production). */
  signHead(): Promise<SignedTreeHead>;
  close(): Promise<void>;
}

async function startLogServer(dataDir: string, env: Record<string, string> = {}): Promise<LogServer> {
  const settings = loadSettings({ [SETTING.eventStore]: `sqlite:${join(dataDir, 'events.db')}`, [SETTING.logLevel]: 'silent', ...TEST_AUTH_ENV, ...env });
  const app = await createApp({ settings, automatedReferral: false, auth: TEST_AUTH_OPTIONS });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const store = app.get<EventStore>(EVENT_STORE);
  const follower = app.get(TransparencyTreeFollower);
  const signer = app.get(TreeHeadSigner);
  return {
    baseUrl,
    app,
    store,
    signHead: async () => {
      await follower.caughtUpTo(await store.headPosition());
      await signer.signNow();
      // The head's own event becomes a leaf too; wait for it so the head is served.
      await follower.caughtUpTo(await store.headPosition());
      return (await getJson(`${baseUrl}/public/log/head`)).body as SignedTreeHead;
    },
    close: () => app.close(),
  };
}

/** A case's events written straight into the store, sealed as the server seals them, with UUID ids (PostgreSQL takes nothing else). */
async function givenCase(store: EventStore, caseId: string, events: readonly StoredInspectionEvent[]): Promise<void> {
  const streamId = inspectionStreamId(caseId);
  const sealed = sealEvents(
    streamId,
    null,
    events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data as unknown as Json, metadata: { occurredAt: event.occurredAt, actor: { id: 'test', role: 'system' }, correlationId: 'given', causationId: null } })),
  );
  await store.appendToStream(streamId, sealed, { expectedRevision: 'no_stream' });
}

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

async function monitor(state: MonitorState, baseUrl: string): Promise<MonitorReport> {
  return monitorLog({ ...state, baseUrl }, getJson);
}

async function verifyChainJson(dataDir: string): Promise<{ exitCode: number; result: any }> {
  const { exitCode, json } = await runCli(registerVerifyChain, ['--store', `sqlite:${join(dataDir, 'events.db')}`, 'verify-chain', '--json']);
  return { exitCode, result: json };
}

/** A copy of the log as the operator holds it, without the read store: the tree is rebuilt from the events. */
function copyLog(from: string): string {
  const to = tempDataDir();
  for (const name of ['events.db', 'events.db-wal', 'events.db-shm', 'transparency-key.pem']) if (existsSync(join(from, name))) copyFileSync(join(from, name), join(to, name));
  return to;
}

function tamper(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'events.db'));
  try {
    edit(db);
  } finally {
    db.close();
  }
}

describe('transparency log (issue 13): signed heads, proofs, and a monitor that catches a rewritten history', () => {
  let base: string;
  let server: LogServer;
  let monitorState: MonitorState;
  let signed: SignedTreeHead;
  const scratch: string[] = [];

  beforeAll(async () => {
    base = tempDataDir();
    server = await startLogServer(base);
    for (let i = 0; i < 12; i += 1) await givenCase(server.store, `tl-${i}`, history.published(completeResult(), `tl-${i}`));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    removeDir(base);
    for (const dir of scratch) removeDir(dir);
  });

  it('publishes a signed head, its key, inclusion proofs for events and consistency proofs between sizes, with no sign-in', async () => {
    const first = await server.signHead();
    const key = (await getJson(`${server.baseUrl}/public/log/key`)).body;
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: first.keyId });
    expect(verifyTreeHeadSignature(first, publicKeyFromPem(key.publicKeyPem))).toBe(true);
    const events = await server.store.readAll({ maxCount: 10_000 });
    expect(first.treeSize).toBe(events.length - 1);
    expect(events[first.treeSize]!.type).toBe('TreeHeadSigned.v1');

    for (const index of [0, 5, first.treeSize - 1]) {
      const event = events[index]!;
      const inclusion = (await getJson(`${server.baseUrl}/public/log/inclusion/${event.id}`)).body;
      expect(inclusion).toMatchObject({ eventId: event.id, leafIndex: index, treeSize: first.treeSize, leafHash: eventLeafHash(event).toString('hex'), head: { treeSize: first.treeSize } });
      expect(verifyInclusion(index, first.treeSize, eventLeafHash(event), inclusion.proof.map(fromHex), fromHex(first.rootHash)!)).toBe(true);
      expect(JSON.stringify(inclusion)).not.toContain('"data"');
    }
    // The second head covers the first head's event and more cases.
    for (let i = 12; i < 15; i += 1) await givenCase(server.store, `tl-${i}`, history.assigned(`tl-${i}`));
    signed = await server.signHead();
    expect(signed.treeSize).toBeGreaterThan(first.treeSize);
    const consistency = (await getJson(`${server.baseUrl}/public/log/consistency?from=${first.treeSize}&to=${signed.treeSize}`)).body;
    expect(verifyConsistency(first.treeSize, signed.treeSize, fromHex(first.rootHash)!, fromHex(signed.rootHash)!, consistency.proof.map(fromHex))).toBe(true);
    expect((await getJson(`${server.baseUrl}/public/log/heads/${first.treeSize}`)).body).toMatchObject({ rootHash: first.rootHash });
    // The public 公示 page shows the latest head for anyone to write down.
    const page = await (await fetch(`${server.baseUrl}/public`)).text();
    expect(page).toContain(signed.rootHash);
    expect(page).toContain(`大小 ${signed.treeSize}`);

    expect(await getJson(`${server.baseUrl}/public/log/consistency?from=9&to=99999`)).toMatchObject({ status: 400, body: { violations: [{ field: 'to', rule: 'tree-size' }] } });
    expect(await getJson(`${server.baseUrl}/public/log/consistency?from=abc&to=3`)).toMatchObject({ status: 400, body: { violations: [{ field: 'from' }] } });
    expect(await getJson(`${server.baseUrl}/public/log/inclusion/no-such-event`)).toMatchObject({ status: 404, body: { error: 'LeafNotFound' } });
    expect(await getJson(`${server.baseUrl}/public/log/heads/3`)).toMatchObject({ status: 404, body: { error: 'TreeHeadNotFound' } });
  });

  it("each published disclosure record carries its publication event's inclusion proof against the latest signed head", async () => {
    const head = await server.signHead();
    const page = (await getJson(`${server.baseUrl}/public/disclosures`)).body;
    expect(page.logHead).toMatchObject({ treeSize: head.treeSize, rootHash: head.rootHash, signature: head.signature });
    expect(page.records.length).toBeGreaterThan(0);
    const events = await server.store.readAll({ maxCount: 10_000 });
    for (const record of page.records) {
      const published = events.find((event) => event.id === record.publicationEventId)!;
      expect(published.type).toBe('InspectionResultPublished.v1');
      expect(record.log.leafHash).toBe(eventLeafHash(published).toString('hex'));
      expect(verifyInclusion(record.log.leafIndex, head.treeSize, eventLeafHash(published), record.log.proof.map(fromHex), fromHex(head.rootHash)!)).toBe(true);
    }
  });

  it('a monitor pins the key, accepts a consistent growth, and a verify-chain of the untouched log finds every head borne out', async () => {
    let report = await monitor(emptyState(server.baseUrl), server.baseUrl);
    expect(report).toMatchObject({ ok: true, findings: [] });
    for (let i = 15; i < 18; i += 1) await givenCase(server.store, `tl-${i}`, history.assigned(`tl-${i}`));
    await server.signHead();
    report = await monitor(report.state, server.baseUrl);
    expect(report).toMatchObject({ ok: true, previous: { treeSize: signed.treeSize } });
    monitorState = report.state;
    await server.close();
    const verified = await verifyChainJson(base);
    expect(verified).toMatchObject({ exitCode: 0, result: { intact: true, tree: { intact: true, heads: 3 } } });
    server = await startLogServer(base);
    // A restart rebuilds nothing and forgets nothing: the same head, the same root.
    expect((await getJson(`${server.baseUrl}/public/log/head`)).body.rootHash).toBe(monitorState.heads.at(-1)!.rootHash);
  }, 60_000);

  /** The operator rewrites the stored history, drops the read store, restarts and keeps working; the monitor runs again. */
  async function afterTamper(edit: (db: Database.Database) => void, moreEvents: number): Promise<{ report: MonitorReport; dataDir: string }> {
    await server.close();
    const dataDir = copyLog(base);
    scratch.push(dataDir);
    tamper(dataDir, edit);
    const tampered = await startLogServer(dataDir);
    try {
      for (let i = 0; i < moreEvents; i += 1) await givenCase(tampered.store, `later-${i}`, history.assigned(`later-${i}`));
      await tampered.signHead();
      return { report: await monitor(monitorState, tampered.baseUrl), dataDir };
    } finally {
      await tampered.close();
      server = await startLogServer(base);
    }
  }

  const lastSigned = () => monitorState.heads.at(-1)!.treeSize;

  it('catches a log truncated by one event (and its heads removed): "truncated"', async () => {
    const { report } = await afterTamper((db) => {
      // Keep the first treeSize − 1 events: the last signed leaf and everything after it go.
      db.prepare('DELETE FROM events WHERE position >= (SELECT position FROM events ORDER BY position LIMIT 1 OFFSET ?)').run(lastSigned() - 1);
    }, 0);
    expect(report).toMatchObject({ ok: false, findings: [{ kind: 'truncated' }] });
    expect(report.findings[0]!.message).toContain(`${lastSigned()}`);
  }, 60_000);

  it.each([
    [
      'a whole stream deleted',
      (db: Database.Database) => db.prepare("DELETE FROM events WHERE stream_id = 'inspection-tl-3'").run(),
    ],
    [
      'an event edited and its stream re-sealed',
      (db: Database.Database) => {
        const rows = db.prepare("SELECT position, stream_id, revision, id, type, data, metadata FROM events WHERE stream_id = 'inspection-tl-2' ORDER BY revision").all() as any[];
        let prevHash: string | null = null;
        for (const row of rows) {
          const data = JSON.parse(row.data);
          if (row.revision === 0) data.unit = { ...data.unit, name: '被改名的单位' };
          const metadata = { ...JSON.parse(row.metadata), prevHash };
          const hash = eventHash(row.stream_id, row.revision, { id: row.id, type: row.type, data, metadata });
          db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
          prevHash = hash;
        }
      },
    ],
    [
      'two events of different streams swapped in the global order',
      (db: Database.Database) => {
        const [a, b] = db.prepare("SELECT position FROM events WHERE stream_id IN ('inspection-tl-4', 'inspection-tl-5') AND revision = 0 ORDER BY position").all() as { position: number }[];
        db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a!.position);
        db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a!.position, b!.position);
        db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b!.position);
      },
    ],
  ])('catches %s once the log grows again: the new head is not consistent with the one seen', async (_name, edit) => {
    const { report, dataDir } = await afterTamper(edit, 20);
    expect(report.ok).toBe(false);
    expect(['inconsistent', 'fork', 'truncated']).toContain(report.findings[0]!.kind);
    expect(report.findings[0]!.message).toMatch(/截短|分叉|一致性证明不成立/);
    // verify-chain, run by the operator's auditor on the tampered store, names the signed heads the events no longer bear out.
    const verified = await verifyChainJson(dataDir);
    expect(verified.exitCode).toBe(1);
    expect(verified.result.tree).toMatchObject({ intact: false, badHeads: expect.arrayContaining([expect.objectContaining({ reason: expect.stringMatching(/root-mismatch|beyond-log/) })]) });
  }, 60_000);

  it('migrate-store to PostgreSQL keeps the same tree: every head signed before still verifies against it', async () => {
    await server.close();
    const schema = uniqueTestSchema('tlog');
    const target = `${TEST_DATABASE_URL}?schema=${schema}`;
    const readModels = mkdtempSync(join(tmpdir(), 'shuangsui-tlog-pg-'));
    scratch.push(readModels);
    try {
      expect(await runCli(registerMigrateStoreCommand, ['migrate-store', '--from', `sqlite:${join(base, 'events.db')}`, '--to', target, '--json'])).toMatchObject({ exitCode: 0 });
      const moved = await startLogServer(readModels, {
        [SETTING.eventStore]: target,
        [SETTING.readStore]: `sqlite:${join(readModels, 'read-models.db')}`,
        [SETTING.logKeyFile]: join(base, 'transparency-key.pem'),
      });
      try {
        await givenCase(moved.store, 'after-move', history.assigned('after-move'));
        const head = await moved.signHead();
        expect(head.treeSize).toBeGreaterThan(lastSigned());
        expect(await monitor(monitorState, moved.baseUrl)).toMatchObject({ ok: true });
      } finally {
        await moved.close();
      }
    } finally {
      await dropSchema(schema);
      server = await startLogServer(base);
    }
  }, 60_000);
});
