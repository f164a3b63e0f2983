import { INSPECTION_EVENT_TYPES as T, type Reminder, type StoredInspectionEvent } from '@shuangsui/domain';
import { completeResult, drawnData, INSPECTORS } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { givenCase, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';
import { openSse } from './support/sse-client';

/** GET /me/reminders over real HTTP: each signed-in user's inbox holds what concerns them, worked out for today. */
describe('GET /me/reminders', () => {
  let server: TestServer;
  let dataDir: string;
  // 2 April 2026, noon in China: March's cases not inspected are past their month end.
  const now = new Date('2026-04-02T04:00:00.000Z');

  const events = (caseId: string, recorded: boolean): StoredInspectionEvent[] => {
    const drawn = drawnData(caseId);
    let n = 0;
    const at = (type: string, data: unknown): StoredInspectionEvent => ({ type, data, id: `e${(n += 1)}`, occurredAt: '2026-03-09T02:00:00.000Z' }) as StoredInspectionEvent;
    const list = [at(T.InspectionDrawn, drawn), at(T.InspectorsAssigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.b], drawId: drawn.drawId })];
    if (recorded) list.push(at(T.InspectionResultRecorded, { ...completeResult(), visitDate: '2026-03-10' }));
    return list;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, () => now);
    await givenCase(server.store, 'rem-open', events('rem-open', false));
    await givenCase(server.store, 'rem-review', events('rem-review', true));
    await waitForProjections(server);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDir(dataDir);
  });

  async function inbox(headers: Record<string, string>): Promise<{ asOf: string; reminders: Reminder[] }> {
    const response = await fetch(`${server.baseUrl}/me/reminders`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as { asOf: string; reminders: Reminder[] };
  }

  it('gives an inspector the overdue visit of their own case, in Chinese, as of today in China', async () => {
    const { asOf, reminders } = await inbox(server.as.inspector);
    expect(asOf).toBe('2026-04-02');
    const visit = reminders.find((reminder) => reminder.caseId === 'rem-open');
    expect(visit).toMatchObject({ severity: 'overdue', dueDate: '2026-03-31' });
    expect(visit!.message).toMatch(/逾期/);
    expect(typeof visit!.id).toBe('string');
  });

  it('gives an inspector not on the cases nothing, a reviewer the pending review, a supervisor everything', async () => {
    expect((await inbox(server.as.inspectorC)).reminders).toEqual([]);
    const reviewer = (await inbox(server.as.reviewer)).reminders;
    expect(reviewer.some((reminder) => reminder.caseId === 'rem-review')).toBe(true);
    expect(reviewer.some((reminder) => reminder.caseId === 'rem-open')).toBe(false);
    const supervisor = (await inbox(server.as.supervisor)).reminders.map((reminder) => reminder.caseId);
    expect(supervisor).toEqual(expect.arrayContaining(['rem-open', 'rem-review']));
  });

  it('gives the same ids on every read (a receiver de-duplicates on them) and refuses an anonymous caller', async () => {
    const first = (await inbox(server.as.supervisor)).reminders.map((reminder) => reminder.id);
    const second = (await inbox(server.as.supervisor)).reminders.map((reminder) => reminder.id);
    expect(second).toEqual(first);
    expect((await fetch(`${server.baseUrl}/me/reminders`)).status).toBe(401);
  });

  it('lists the most urgent first and at most `limit` of them, with the total; a bad limit is a 400 naming it', async () => {
    const all = (await (await fetch(`${server.baseUrl}/me/reminders`, { headers: server.as.supervisor })).json()) as { total: number; reminders: Reminder[] };
    expect(all.total).toBe(all.reminders.length);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const urgency = (r: Reminder) => `${r.severity === 'overdue' ? 0 : 1} ${r.dueDate} ${r.id}`;
    expect(all.reminders.map(urgency)).toEqual(all.reminders.map(urgency).sort());
    const first = (await (await fetch(`${server.baseUrl}/me/reminders?limit=1`, { headers: server.as.supervisor })).json()) as { total: number; reminders: Reminder[] };
    expect(first).toMatchObject({ total: all.total, reminders: [all.reminders[0]] });
    expect(first.reminders[0]).toMatchObject({ caseId: 'rem-review', severity: 'overdue' });
    for (const limit of ['0', '1001', 'x']) {
      const refused = await fetch(`${server.baseUrl}/me/reminders?limit=${limit}`, { headers: server.as.supervisor });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { violations: { field: string }[] }).violations.map((v) => v.field)).toEqual(['limit']);
    }
  });

  it('sends the viewer\'s reminders on the live feed at once, as an `event: reminders` whose id is the feed\'s resume point', async () => {
    const feed = await openSse(`${server.baseUrl}/inspections/stream`, server.as.reviewer);
    try {
      const ready = await feed.next((m) => m.comment?.startsWith('after ') ?? false);
      const message = await feed.next((m) => m.event === 'reminders');
      // No change was sent yet: a reconnect with this Last-Event-ID resumes where the feed started.
      expect(message.id).toBe(ready.comment!.slice('after '.length));
      const inbox = JSON.parse(message.data!) as { asOf: string; total: number; reminders: Reminder[] };
      expect(inbox.asOf).toBe('2026-04-02');
      expect(inbox.total).toBe(inbox.reminders.length);
      expect(inbox.reminders.map((reminder) => reminder.caseId)).toContain('rem-review');
    } finally {
      feed.close();
    }
  });
});
