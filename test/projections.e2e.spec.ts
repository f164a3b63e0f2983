import { completeResult, history, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { as, get, givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/** 2026-03-31 09:00 in China: the March cases' month is not over yet. */
const clock = () => new Date('2026-03-31T01:00:00.000Z');

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('read models and automated hazard referral over real HTTP', () => {
  let dataDir: string;
  let server: TestServer;

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, clock, true);
  });
  afterEach(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('approving a result with hazards opens the referral automatically, and the read models follow', async () => {
    await givenCase(server.store, 'hz-1', history.inspected(resultWithHazard(), 'hz-1'));
    await givenCase(server.store, 'ok-1', history.published(completeResult(), 'ok-1'));

    const approval = await post(server, '/inspections/hz-1/reviews', { decision: 'approve' }, { ...as.reviewer, 'X-Correlation-Id': 'corr-e2e' });
    expect(approval.status).toBe(200);
    const approvalId = approval.body.events[0].id as string;

    const history1 = await eventually(
      async () => (await get(server, '/inspections/hz-1/history')).body as { type: string; metadata: Record<string, unknown> }[],
      (events) => events.some((event) => event.type === 'HazardReferralOpened.v1'),
    );
    const referral = history1.find((event) => event.type === 'HazardReferralOpened.v1')!;
    expect(referral.metadata).toMatchObject({ actor: { id: 'referral-manager', role: 'system' }, causationId: approvalId, correlationId: 'corr-e2e' });
    expect(history1.filter((event) => event.type === 'HazardReferralOpened.v1')).toHaveLength(1);

    const referrals = await eventually(
      async () => (await get(server, '/referrals')).body,
      (body) => body.referrals?.length === 1,
    );
    expect(referrals.referrals[0]).toMatchObject({
      caseId: 'hz-1', status: 'referred', unitName: '示例市星河商贸有限公司', hazardCount: 1, approvalEventId: approvalId,
      deadlines: { orderDue: '2026-04-03' },
    });

    const status = await eventually(
      async () => (await get(server, '/admin/projections')).body,
      (body) => body.projections.every((p: { lag: number; state: string }) => p.state === 'running' && p.lag === 0),
    );
    expect(status.projections.map((p: { name: string }) => p.name)).toEqual(['progress', 'disclosure', 'referrals', 'plan', 'directory', 'unit-history', 'case-list', 'reminders', 'accounts']);
    expect(status.processManagers[0]).toMatchObject({ name: 'hazard-referral', state: 'running', referralsOpened: 1 });

    const progress = await get(server, '/progress?month=2026-03');
    expect(progress.body).toMatchObject({ total: 2, byState: { reviewed: 1, published: 1 } });
    expect(progress.body.byInspector).toEqual(expect.arrayContaining([{ inspectorId: 'insp-a', counts: expect.objectContaining({ reviewed: 1, published: 1 }) }]));

    const plan = await get(server, '/plans/plan-2026/progress');
    expect(plan.body).toMatchObject({ yearlyMinimum: 77, months: [{ month: '2026-03', drawn: 2, lateQuota: false }] });
    expect(plan.body.inspectors).toEqual(expect.arrayContaining([{ inspectorId: 'insp-a', assigned: 2, completed: 2, minimum: 77, remaining: 75 }]));

    expect((await get(server, '/progress?month=March')).status).toBe(400);
    expect((await get(server, '/plans/nope/progress')).status).toBe(404);
  });

  it('lists overdue work against the injected clock', async () => {
    await givenCase(server.store, 'late-1', history.assigned('late-1'));
    await givenCase(server.store, 'rev-late', history.inspected(completeResult(), 'rev-late')); // inspected 03-01
    const overdue = await eventually(
      async () => (await get(server, '/progress/overdue')).body,
      (body) => body.reviewPending?.length === 1,
    );
    expect(overdue.asOf).toBe('2026-03-31');
    expect(overdue.notInspectedByMonthEnd).toEqual([]); // March is not over on 03-31
    expect(overdue.reviewPending[0]).toMatchObject({ caseId: 'rev-late', dueOn: '2026-03-06' });
  });
});
