import { findChainBreak, type RecordedEvent } from '@shuangsui/event-store';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { CHECKLIST_ITEM_NUMBERS } from '@shuangsui/domain';
import { as, get, givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

const hazardResult = {
  visitDate: '2026-03-10',
  category: 'pending_follow_up',
  items: CHECKLIST_ITEM_NUMBERS.map((item) => (item === 5 ? { item, outcome: 'non_compliant', note: '安全出口被货物堵塞' } : { item, outcome: 'compliant' })),
  hazards: [{ id: 'h1', item: 5, description: '二层东侧安全出口被货物堵塞', severity: 'ordinary', correctedOnSite: false }],
};

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('inspections over HTTP on a real SQLite file', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    // The server's today is the end of the cases' month, so their March dates are in the past, not the future.
    server = await startServer(dataDir, () => new Date('2026-03-31T04:00:00.000Z'), true);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('takes a case through its whole life, hazard referral included', async () => {
    await givenCase(server.store, 'life-1', history.drawn('life-1'));

    let response = await post(server, '/inspections/life-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, as.planner);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ caseId: 'life-1', revision: 1, status: { lifecycle: 'assigned' } });

    response = await post(server, '/inspections/life-1/results', hazardResult, as.inspector);
    expect(response).toMatchObject({ status: 200, body: { status: { lifecycle: 'inspected' }, allowedCommands: ['review'] } });

    response = await post(server, '/inspections/life-1/reviews', { decision: 'approve' }, as.reviewer);
    expect(response.body.status).toEqual({ lifecycle: 'reviewed', referral: 'awaitingReferral' });
    const approvalId = response.body.events[0].id;

    // The hazard referral opens automatically, without waiting for publication.
    const referred = await waitFor(async () => (await get(server, '/inspections/life-1')).body.status.referral === 'referred');
    expect(referred).toBe(true);
    response = await post(server, '/inspections/life-1/referral', {}, as.planner);
    expect(response).toMatchObject({ status: 409, body: { error: 'InvalidTransition', state: { referral: 'referred' } } });

    response = await post(server, '/inspections/life-1/publication', { publishedOn: '2026-03-31' }, as.planner);
    expect(response.body.status).toEqual({ lifecycle: 'published', referral: 'referred' });

    await post(server, '/inspections/life-1/referral/order', { orderNo: '示消限字〔2026〕第001号', issuedOn: '2026-03-12', deadline: '2026-03-26' }, as.inspector);
    await post(server, '/inspections/life-1/referral/reinspection', { reinspectedOn: '2026-03-27', rectified: true }, as.inspector);
    response = await post(server, '/inspections/life-1/referral/closure', { note: '已整改' }, as.reviewer);
    expect(response).toMatchObject({ status: 200, body: { status: { lifecycle: 'published', referral: 'closed' }, revision: 8 } });

    const view = await get(server, '/inspections/life-1');
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toBe('"8"');
    expect(view.body.case).toMatchObject({ unit: { name: '示例市星河商贸有限公司' }, inspectorIds: ['insp-a', 'insp-b'], approval: { reviewerId: 'rev-1' } });
    expect(view.body.case.referral).toMatchObject({ approvalEventId: approvalId, hazardIds: ['h1'] });

    const events = await get<RecordedEvent[]>(server, '/inspections/life-1/history');
    expect(events.body.map((event) => event.type)).toEqual([
      'InspectionDrawn.v1',
      'InspectorsAssigned.v1',
      'InspectionResultRecorded.v1',
      'InspectionResultApproved.v1',
      'HazardReferralOpened.v1',
      'InspectionResultPublished.v1',
      'RectificationOrderIssued.v1',
      'ReinspectionRecorded.v1',
      'HazardReferralClosed.v1',
    ]);
    expect(events.body[3]!.metadata).toMatchObject({
      actor: { id: 'rev-1', role: 'reviewer' },
      commandId: expect.any(String),
      correlationId: expect.any(String),
      causationId: expect.any(String),
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(events.body[4]!.metadata).toMatchObject({ actor: { id: 'referral-manager', role: 'system' }, causationId: approvalId });
    expect(findChainBreak(events.body.map((event) => ({ ...event, streamId: 'inspection-life-1' })))).toBeNull();

    const past = await get(server, '/inspections/life-1?at=2');
    expect(past.body).toMatchObject({ revision: 2, status: { lifecycle: 'inspected', referral: 'none' }, asOf: { revision: 2 } });
  });

  describe('bad input gets a clear error and changes nothing', () => {
    beforeAll(() => givenCase(server.store, 'bad-1', history.assigned('bad-1')));
    const historyLength = async () => (await get(server, '/inspections/bad-1/history')).body.length;

    it('400 names an unknown field', async () => {
      const response = await post(server, '/inspections/bad-1/reassignments', { inspectorIds: ['insp-a', 'insp-c'], reasonCode: 'illness', reason: '病假', color: 'red' }, as.planner);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'ValidationFailed', violations: [{ field: 'color', rule: 'whitelistValidation' }] });
      expect(await historyLength()).toBe(2);
    });

    it('400 names a nested field and its rule', async () => {
      const items = hazardResult.items.map((item, i) => (i === 2 ? { ...item, outcome: 'fine' } : item));
      const response = await post(server, '/inspections/bad-1/results', { ...hazardResult, items, visitDate: '2026-02-30' }, as.inspector);
      expect(response.status).toBe(400);
      expect(response.body.violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'items.2.outcome', rule: 'isIn' }),
          expect.objectContaining({ field: 'visitDate', rule: 'isCalendarDate' }),
        ]),
      );
      expect(await historyLength()).toBe(2);
    });

    it('400 for a broken business rule, naming the field', async () => {
      const response = await post(server, '/inspections/bad-1/results', { ...hazardResult, category: 'no_problem' }, as.inspector);
      expect(response).toMatchObject({ status: 400, body: { error: 'BusinessRuleViolated', violations: [{ field: 'category', rule: 'hazardCategory' }] } });
      expect(response.body.message).toMatch(/发现问题/);
      expect(await historyLength()).toBe(2);
    });

    it('400 for malformed JSON and a malformed case id', async () => {
      expect((await post(server, '/inspections/bad-1/reviews', '{"decision":', as.reviewer)).body).toMatchObject({ statusCode: 400, error: 'MalformedJson' });
      expect((await get(server, '/inspections/bad%20id!')).status).toBe(400);
    });

    it('401 without sign-in (headers naming an actor count for nothing); 403 for a role that may not act', async () => {
      const missing = await post(server, '/inspections/bad-1/cancellation', { reasonCode: 'unit_closed', reason: '已停业' }, { 'X-Actor-Id': 'planner-1', 'X-Actor-Role': 'planner' });
      expect(missing).toMatchObject({ status: 401, body: { error: 'Unauthenticated' } });
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const forbidden = await post(server, '/inspections/bad-1/cancellation', { reasonCode: 'unit_closed', reason: '已停业' }, as.inspector);
      expect(forbidden).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
      expect(await historyLength()).toBe(2);
    });

    it('403 for an inspector acting on or reading a case not assigned to them', async () => {
      const notTheirs = await post(server, '/inspections/bad-1/results', hazardResult, as.inspectorC);
      expect(notTheirs).toMatchObject({ status: 403, body: { error: 'NotAssignedToCase' } });
      expect(await get(server, '/inspections/bad-1', as.inspectorC)).toMatchObject({ status: 403, body: { error: 'NotAssignedToCase' } });
      expect((await get(server, '/inspections/bad-1/history', as.inspectorC)).status).toBe(403);
      expect((await get(server, '/inspections/bad-1', as.inspector)).status).toBe(200);
      expect(await historyLength()).toBe(2);
    });

    it('404 for an unknown case', async () => {
      expect((await get(server, '/inspections/nope')).status).toBe(404);
      const response = await post(server, '/inspections/nope/assignments', { inspectorIds: ['a', 'b'] }, as.planner);
      expect(response).toMatchObject({ status: 404, body: { error: 'CaseNotFound' } });
    });

    it('409 for an invalid transition names the state and what it allows', async () => {
      const response = await post(server, '/inspections/bad-1/publication', {}, as.planner);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: 'InvalidTransition', state: { lifecycle: 'assigned' } });
      expect(response.body.allowedCommands).toEqual(expect.arrayContaining(['reassign', 'recordResult', 'cancel']));
      expect(response.body.message).toContain('assigned');
      expect(await historyLength()).toBe(2);
    });
  });

  describe('concurrency and idempotency', () => {
    it('a stale If-Match loses with 409', async () => {
      await givenCase(server.store, 'race-1', history.drawn('race-1'));
      const response = await post(server, '/inspections/race-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, { ...as.planner, 'If-Match': '"5"' });
      expect(response).toMatchObject({ status: 409, body: { error: 'ConcurrencyConflict' } });
    });

    it('of concurrent writes at one revision exactly one wins; the stream stays whole', async () => {
      await givenCase(server.store, 'race-2', history.assigned('race-2'));
      const attempts = await Promise.all(
        ['insp-c', 'insp-d', 'insp-e', 'insp-f'].map((other) =>
          post(server, '/inspections/race-2/reassignments', { inspectorIds: ['insp-a', other], reasonCode: 'illness', reason: '病假' }, { ...as.planner, 'If-Match': '1' }),
        ),
      );
      expect(attempts.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const events = (await get<RecordedEvent[]>(server, '/inspections/race-2/history')).body;
      expect(events.map((event) => event.revision)).toEqual([0, 1, 2]);
    });

    it('without If-Match racing writes can each win, one after another, on consecutive revisions (as the API docs say)', async () => {
      await givenCase(server.store, 'race-3', history.assigned('race-3'));
      const attempts = await Promise.all(
        ['insp-c', 'insp-d', 'insp-e'].map((other) =>
          post(server, '/inspections/race-3/reassignments', { inspectorIds: ['insp-a', other], reasonCode: 'illness', reason: '病假' }, as.planner),
        ),
      );
      const won = attempts.filter((a) => a.status === 200);
      expect(won.length).toBeGreaterThanOrEqual(2);
      expect(attempts.every((a) => a.status === 200 || a.status === 409)).toBe(true);
      const events = (await get<RecordedEvent[]>(server, '/inspections/race-3/history')).body;
      expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 2 + won.length }, (_, i) => i));
    });

    it('a repeated Idempotency-Key returns the first response and appends nothing', async () => {
      await givenCase(server.store, 'idem-1', history.drawn('idem-1'));
      const headers = { ...as.planner, 'Idempotency-Key': 'assign-idem-1' };
      const first = await post(server, '/inspections/idem-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, headers);
      const again = await post(server, '/inspections/idem-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, headers);
      expect(again).toMatchObject({ status: 200, body: first.body });
      expect((await get(server, '/inspections/idem-1/history')).body).toHaveLength(2);
      const reused = await post(server, '/inspections/idem-1/cancellation', { reasonCode: 'unit_closed', reason: '停业' }, headers);
      expect(reused).toMatchObject({ status: 422, body: { error: 'IdempotencyKeyReused' } });
    });

    it('concurrent retries of one idempotent command append once', async () => {
      await givenCase(server.store, 'idem-2', history.drawn('idem-2'));
      const headers = { ...as.planner, 'Idempotency-Key': 'assign-idem-2' };
      const responses = await Promise.all([1, 2, 3].map(() => post(server, '/inspections/idem-2/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, headers)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect((await get(server, '/inspections/idem-2/history')).body).toHaveLength(2);
    });
  });

  it('serves health and the OpenAPI document', async () => {
    expect((await get(server, '/health')).body).toMatchObject({ status: 'ok' });
    const openapi = await get(server, '/api/docs/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/inspections/{id}/assignments', '/inspections/{id}/reviews']));
    expect((await fetch(`${server.baseUrl}/api/docs`)).status).toBe(200);
  });
});

describe('durability across a server restart', () => {
  it('keeps every acknowledged event in the SQLite file', async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startServer(dataDir);
      await givenCase(first.store, 'restart-1', history.drawn('restart-1'));
      await post(first, '/inspections/restart-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, as.planner);
      const recorded = await post(first, '/inspections/restart-1/results', { ...hazardResult }, as.inspector);
      expect(recorded.status).toBe(200);
      const before = (await get(first, '/inspections/restart-1/history')).body;
      await first.close();

      const second = await startServer(dataDir);
      try {
        const after = await get(second, '/inspections/restart-1/history');
        expect(after.body).toEqual(before);
        expect((await get(second, '/inspections/restart-1')).body.status).toEqual({ lifecycle: 'inspected', referral: 'none' });
        const approved = await post(second, '/inspections/restart-1/reviews', { decision: 'approve' }, as.reviewer);
        expect(approved.body.revision).toBe(3);
      } finally {
        await second.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });
});

