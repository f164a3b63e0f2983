import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { openSse, type SseConnection, type SseMessage } from './support/sse-client';
import { as, get, givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

const isChange = (caseId: string) => (message: SseMessage) => message.data !== undefined && JSON.parse(message.data).caseId === caseId;

describe('live feed GET /inspections/stream over real HTTP', () => {
  let server: TestServer;
  let dataDir: string;
  const open: SseConnection[] = [];
  const connect = async (query = '', headers: Record<string, string> = {}): Promise<SseConnection> => {
    const connection = await openSse(`${server.baseUrl}/inspections/stream${query}`, { ...server.as.supervisor, ...headers });
    open.push(connection);
    return connection;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    await givenCase(server.store, 'feed-old', history.published(undefined, 'feed-old'));
    await givenCase(server.store, 'feed-1', history.drawn('feed-1'));
  });
  afterEach(() => open.splice(0).forEach((connection) => connection.close()));
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('is an event stream, not a case called "stream", and GET /inspections/:id still works', async () => {
    const feed = await connect();
    expect(feed.status).toBe(200);
    expect(feed.contentType).toMatch(/^text\/event-stream/);
    expect((await get(server, '/inspections/feed-1')).body).toMatchObject({ id: 'feed-1', status: { lifecycle: 'drawn' } });
  });

  it('sends a change made through the command API, from now, with the state after it', async () => {
    const feed = await connect();
    const ready = await feed.next((message) => message.comment?.startsWith('after ') ?? false);
    const startedAfter = Number(ready.comment!.slice('after '.length));

    const response = await post(server, '/inspections/feed-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, as.planner);
    expect(response.status).toBe(200);

    const message = await feed.next((m) => m.data !== undefined && m.event === undefined);
    const change = JSON.parse(message.data!);
    expect(change).toEqual({
      caseId: 'feed-1',
      type: 'InspectorsAssigned.v1',
      revision: 1,
      position: response.body.position ?? expect.any(Number),
      status: { lifecycle: 'assigned', referral: 'none' },
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // The SSE id is the global position, so EventSource resumes with Last-Event-ID.
    expect(message.id).toBe(String(change.position));
    expect(change.position).toBeGreaterThan(startedAfter);
    // History from before the connection (feed-old) is not replayed to a "from now" client.
    expect(JSON.stringify(message)).not.toContain('feed-old');
  });

  it('resumes after ?after= and after Last-Event-ID, which wins, with the state as it was then', async () => {
    const events = (await get(server, '/inspections/feed-old/history')).body as { position: number; type: string }[];
    const resumed = await connect(`?after=${events[1]!.position}`);
    const first = JSON.parse((await resumed.next(isChange('feed-old'))).data!);
    expect(first).toMatchObject({ caseId: 'feed-old', revision: 2, type: 'InspectionResultRecorded.v1', status: { lifecycle: 'inspected' } });

    const fromHeader = await connect('?after=0', { 'Last-Event-ID': String(events[3]!.position) });
    const next = JSON.parse((await fromHeader.next(isChange('feed-old'))).data!);
    expect(next).toMatchObject({ caseId: 'feed-old', revision: 4, type: 'InspectionResultPublished.v1', status: { lifecycle: 'published' } });
  });

  it('400 names a bad ?after= or Last-Event-ID', async () => {
    let response = await get(server, '/inspections/stream?after=abc');
    expect(response).toMatchObject({ status: 400, body: { error: 'ValidationFailed', violations: [expect.objectContaining({ field: 'after', rule: 'matches' })] } });
    response = await fetch(`${server.baseUrl}/inspections/stream`, { headers: { ...server.as.supervisor, 'Last-Event-ID': 'x1' } }).then(async (r) => ({ status: r.status, body: await r.json(), headers: r.headers }));
    expect(response).toMatchObject({ status: 400, body: { violations: [expect.objectContaining({ field: 'Last-Event-ID', rule: 'matches' })] } });
  });
});
