import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ReminderWebhooks, SETTING, webhookSignature } from '@shuangsui/application';
import { INSPECTION_EVENT_TYPES as T, type StoredInspectionEvent } from '@shuangsui/domain';
import { drawnData, INSPECTORS } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { givenCase, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';

const SECRET = 'webhook-secret-for-the-test-01';

/** A receiver like a messaging gateway: it fails the first `failFirst` requests, then keeps what it gets. */
function receiver(failFirst: number) {
  const received: { id: string; body: string; signature: string; timestamp: string }[] = [];
  let requests = 0;
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      requests += 1;
      if (requests <= failFirst) {
        response.writeHead(503).end('busy');
        return;
      }
      received.push({ id: String(request.headers['x-shuangsui-reminder-id']), body, signature: String(request.headers['x-shuangsui-signature']), timestamp: String(request.headers['x-shuangsui-timestamp']) });
      response.writeHead(204).end();
    });
  });
  return {
    received,
    requests: () => requests,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/hook`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Reminder webhooks (issue 14) to a local receiver that fails at first: signed, retried, delivered once. */
describe('reminder webhooks', () => {
  const now = new Date('2026-04-02T04:00:00.000Z');
  let dataDir: string;
  let server: TestServer;
  let url: string;
  const gateway = receiver(2);
  // A long interval: the test sends the rounds itself.
  const env = () => ({ [SETTING.webhookUrls]: url, [SETTING.webhookSecret]: SECRET, [SETTING.webhookIntervalSeconds]: '3600' });

  const openCase = (caseId: string): StoredInspectionEvent[] => {
    const drawn = drawnData(caseId);
    return [
      { type: T.InspectionDrawn, data: drawn, id: 'e1', occurredAt: '2026-03-09T02:00:00.000Z' },
      { type: T.InspectorsAssigned, data: { inspectorIds: [INSPECTORS.a, INSPECTORS.b], drawId: drawn.drawId }, id: 'e2', occurredAt: '2026-03-09T02:00:00.000Z' },
    ] as StoredInspectionEvent[];
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    url = await gateway.listen();
    server = await startServer(dataDir, () => now, false, {}, {}, env());
    await givenCase(server.store, 'hook-1', openCase('hook-1'));
    await waitForProjections(server);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await gateway.close();
    removeDir(dataDir);
  });

  it('retries a failing receiver with back-off and delivers each due reminder once, signed with HMAC-SHA256', async () => {
    const webhooks = server.app.get(ReminderWebhooks);
    // Two refusals, then an answer: 1 s and 2 s of back-off in between.
    await webhooks.deliverNow();
    expect(gateway.requests()).toBe(3);
    expect(gateway.received).toHaveLength(1);
    const [delivery] = gateway.received;
    expect(delivery!.signature).toBe(webhookSignature(SECRET, delivery!.timestamp, delivery!.body));
    const body = JSON.parse(delivery!.body);
    expect(body.reminder).toMatchObject({ id: delivery!.id, caseId: 'hook-1', severity: 'overdue', message: expect.stringMatching(/逾期/) });

    // Acknowledged once: the next rounds, and a restarted server on the same stores, send nothing again.
    await webhooks.deliverNow();
    await server.close();
    server = await startServer(dataDir, () => now, false, {}, {}, env());
    await server.app.get(ReminderWebhooks).deliverNow();
    expect(gateway.received).toHaveLength(1);
    expect(gateway.requests()).toBe(3);
  }, 30_000);
});
