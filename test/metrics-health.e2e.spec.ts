import { SETTING } from '@shuangsui/application';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import type { ProjectionRunner } from '@shuangsui/projections';
import { PROJECTION_RUNNER } from '../apps/server/src/projections/read-store.tokens';
import { get, givenCase, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';

const TOKEN = 'scrape-token-for-the-test-0001';

/** Operators' view (issue 15): Prometheus metrics for the scrape credential only; liveness and readiness. */
describe('GET /metrics and /health/{live,ready}', () => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, undefined, false, {}, {}, { [SETTING.metricsToken]: TOKEN, [SETTING.readyMaxLag]: '0' });
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('serves Prometheus metrics to the scrape credential only: latency by route pattern, event-loop delay, projection lag, SSE clients', async () => {
    expect(await get(server, '/metrics', {})).toMatchObject({ status: 401, body: { error: 'Unauthenticated' } });
    expect((await get(server, '/metrics', { authorization: 'Bearer wrong-token-of-the-same-len' })).status).toBe(401);
    // A signed-in administrator is not the scrape credential either.
    expect((await get(server, '/metrics', server.as.admin)).status).toBe(401);

    await get(server, '/inspections/no-such-case');
    await givenCase(server.store, 'metrics-1', history.assigned('metrics-1'));
    const feed = new AbortController();
    const stream = await fetch(`${server.baseUrl}/inspections/stream`, { headers: server.as.supervisor, signal: feed.signal });
    await stream.body!.getReader().read();
    const response = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/shuangsui_http_request_duration_seconds_bucket\{[^}]*route="\/inspections\/:id"[^}]*status="404"/);
    expect(text).not.toContain('no-such-case');
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds \d/);
    expect(text).toMatch(/shuangsui_projection_lag_events\{projection="disclosure"\} \d+/);
    expect(text).toMatch(/shuangsui_sse_clients 1/);
    expect(text).toMatch(/shuangsui_event_store_head_position \d+/);
    // The SQLite store's group commits: each append's latency, each commit's time and how many shared it.
    expect(text).toMatch(/shuangsui_event_store_append_seconds_count [1-9]\d*/);
    expect(text).toMatch(/shuangsui_event_store_commit_seconds_bucket\{le="0.25"\} [1-9]\d*/);
    expect(text).toMatch(/shuangsui_event_store_commit_appends_bucket\{le="1"\} [1-9]\d*/);
    feed.abort();
  });

  it('is live while it answers, and ready only while every projection keeps up', async () => {
    expect(await get(server, '/health/live', {})).toMatchObject({ status: 200, body: { status: 'ok' } });
    await waitForProjections(server);
    expect(await get(server, '/health/ready', {})).toMatchObject({ status: 200, body: { status: 'ready', eventStore: 'reachable', readStore: 'reachable', behind: [] } });

    const runner = server.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    await runner.stop();
    await givenCase(server.store, 'ready-1', history.assigned('ready-1'));
    const notReady = await get(server, '/health/ready', {});
    expect(notReady).toMatchObject({ status: 503, body: { error: 'NotReady', status: 'not-ready', behind: expect.arrayContaining([expect.objectContaining({ projection: 'disclosure' })]) } });
    await runner.start();
    await waitForProjections(server);
    expect((await get(server, '/health/ready', {})).status).toBe(200);
  });

  it('has no metrics endpoint at all when no scrape credential is configured', async () => {
    const other = await startServer(tempDataDir());
    try {
      expect(await get(other, '/metrics', { authorization: `Bearer ${TOKEN}` })).toMatchObject({ status: 404 });
    } finally {
      await other.close();
      removeDir(other.dataDir);
    }
  });
});
