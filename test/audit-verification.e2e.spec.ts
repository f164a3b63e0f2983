import Database from 'better-sqlite3';
import { join } from 'node:path';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { get, givenCase, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/** GET /audit/verification: the auditors' page checks the whole log over HTTP, as `verify-chain` does. */
describe('GET /audit/verification', () => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    await givenCase(server.store, 'audit-1', history.published(undefined, 'audit-1'));
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDir(dataDir);
  });

  it('reports every chain and the transparency tree intact, to auditors only', async () => {
    const report = await get(server, '/audit/verification', server.as.auditor);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ chain: { intact: true }, tree: { intact: true, badHeads: [] } });
    expect(report.body.chain.events).toBeGreaterThan(5);
    expect(report.body.tree.leaves).toBe(report.body.chain.events);
    expect((await get(server, '/audit/verification', server.as.supervisor)).status).toBe(403);
    expect((await get(server, '/audit/verification', {})).status).toBe(401);
  });

  it('names the first broken link once an event is edited in the file', async () => {
    const db = new Database(join(dataDir, 'events.db'));
    try {
      const edited = db.prepare(`UPDATE events SET data = json_set(data, '$.publishedOn', '2026-01-01') WHERE stream_id = 'inspection-audit-1' AND type = 'InspectionResultPublished.v1'`).run();
      expect(edited.changes).toBe(1);
    } finally {
      db.close();
    }
    const report = await get(server, '/audit/verification', server.as.auditor);
    expect(report.body).toMatchObject({ chain: { intact: false, break: { streamId: 'inspection-audit-1', reason: 'hash_mismatch' } } });
  });
});
