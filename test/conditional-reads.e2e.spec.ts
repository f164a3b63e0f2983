import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { rawRequest } from './support/raw-http';
import { get, givenCase, post, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';

/**
 * Reads answer with an ETag, and a client that sends it back as If-None-Match gets a bodiless 304
 * while nothing changed: a dashboard polling /progress, or a phone re-reading its case, costs the
 * server no JSON and the network no body. A change makes a new tag. Sent over plain node:http: fetch
 * adds `Cache-Control: no-cache` to a request that carries If-None-Match, which rightly forbids a 304.
 */
describe('conditional reads (ETag, If-None-Match)', () => {
  let dataDir: string;
  let server: TestServer;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('GET /inspections/:id: its revision is the tag; 304 until the case changes', async () => {
    await givenCase(server.store, 'etag-1', history.drawn('etag-1'));
    const first = await get(server, '/inspections/etag-1');
    expect(first.headers.get('etag')).toBe('"0"');
    const again = await rawRequest(server.baseUrl, 'GET', '/inspections/etag-1', { ...server.as.supervisor, 'If-None-Match': '"0"' });
    expect(again).toMatchObject({ status: 304, text: '' });
    await post(server, '/inspections/etag-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, server.as.planner);
    const changed = await rawRequest(server.baseUrl, 'GET', '/inspections/etag-1', { ...server.as.supervisor, 'If-None-Match': '"0"' });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).toBe('"1"');
  });

  it('GET /progress and GET /public/disclosures: a tag of the body; 304 while it is the same, 200 after a change', async () => {
    await givenCase(server.store, 'etag-2', history.drawn('etag-2'));
    await waitForProjections(server);
    for (const [path, headers] of [['/progress', server.as.supervisor], ['/public/disclosures', {}]] as const) {
      const first = await get(server, path, headers);
      const tag = first.headers.get('etag');
      expect(tag).toMatch(/^W\/"/);
      expect(await rawRequest(server.baseUrl, 'GET', path, { ...headers, 'If-None-Match': tag! })).toMatchObject({ status: 304, text: '' });
    }
    const before = (await get(server, '/progress')).headers.get('etag')!;
    await givenCase(server.store, 'etag-3', history.drawn('etag-3'));
    await waitForProjections(server);
    const after = await rawRequest(server.baseUrl, 'GET', '/progress', { ...server.as.supervisor, 'If-None-Match': before });
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(before);
  });
});
