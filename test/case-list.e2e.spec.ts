import { INSPECTION_EVENT_TYPES as T, type DrawnUnit, type StoredInspectionEvent } from '@shuangsui/domain';
import { completeResult, history, INSPECTORS } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { get, givenCase, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';

/** A case's history with its draw changed: another unit, month or plan, and its events at a given time. */
function variant(
  events: readonly StoredInspectionEvent[],
  change: { unit?: Partial<DrawnUnit>; month?: string; planId?: string; at?: string },
): StoredInspectionEvent[] {
  return events.map((event, index) => {
    const at = change.at ? { occurredAt: change.at.replace('T00', `T0${index}`) } : {};
    if (event.type !== T.InspectionDrawn) return { ...event, ...at } as StoredInspectionEvent;
    const data = event.data;
    return { ...event, ...at, data: { ...data, month: change.month ?? data.month, planId: change.planId ?? data.planId, unit: { ...data.unit, ...change.unit } } } as StoredInspectionEvent;
  });
}

const reassignment = (): StoredInspectionEvent =>
  ({
    type: T.InspectorsReassigned, id: 'evt-reassign', occurredAt: '2026-03-05T08:00:00.000Z',
    data: { inspectorIds: [INSPECTORS.b, INSPECTORS.c], previousInspectorIds: [INSPECTORS.a, INSPECTORS.b], reasonCode: 'illness', reason: '病假', drawId: null },
  }) as StoredInspectionEvent;

type Page = { items: { id: string; [field: string]: unknown }[]; total: number; page: number; pageSize: number };
const ids = (page: Page) => page.items.map((item) => item.id);

describe('GET /inspections: the case list from its read model', () => {
  let dataDir: string;
  let server: TestServer;
  const list = async (query: string, headers?: Record<string, string>) => get<Page>(server, `/inspections${query}`, headers ?? server.as.supervisor);

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, () => new Date('2026-04-10T02:00:00.000Z'));
    await givenCase(server.store, 'c-assigned', variant(history.assigned('c-assigned'), { at: '2026-03-01T00:00:00.000Z' }));
    await givenCase(server.store, 'c-inspected', variant(history.inspected(completeResult({ visitDate: '2026-04-03' }), 'c-inspected'), {
      unit: { id: 'unit-2', name: '东方大酒店', creditCode: '91330703MA2A000001', riskGrade: 'A', isKeyUnit: false }, month: '2026-04', at: '2026-04-02T00:00:00.000Z',
    }));
    await givenCase(server.store, 'c-ordered', variant(history.ordered('c-ordered'), { unit: { id: 'unit-3', name: '北山纺织厂', creditCode: '91330703MA2B000002', riskGrade: 'B' }, at: '2026-03-03T00:00:00.000Z' }));
    await givenCase(server.store, 'c-drawn', variant(history.drawn('c-drawn'), { unit: { id: 'unit-4', name: '南湖小学', creditCode: '12330703MB0000003X', riskGrade: 'D', isKeyUnit: false }, planId: 'plan-2027', at: '2026-03-04T00:00:00.000Z' }));
    await givenCase(server.store, 'c-reassigned', [...variant(history.assigned('c-reassigned'), { unit: { id: 'unit-5', name: '星河幼儿园' }, at: '2026-03-02T00:00:00.000Z' }), reassignment()]);
    await waitForProjections(server);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('answers the agreed shape, newest change first by default', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 20 });
    expect(ids(body)).toEqual(['c-inspected', 'c-reassigned', 'c-drawn', 'c-ordered', 'c-assigned']);
    expect(body.items.find((item) => item.id === 'c-ordered')).toEqual({
      id: 'c-ordered', state: 'reviewed', referralState: 'orderIssued', planId: 'plan-2026', month: '2026-03', unitId: 'unit-3', unitName: '北山纺织厂',
      creditCode: '91330703MA2B000002', grade: 'B', key: true, inspectorIds: [INSPECTORS.a, INSPECTORS.b], result: 'pending_follow_up',
      deadline: '2026-03-26', updatedAt: expect.stringMatching(/^2026-03-03T0\d:00:00.000Z$/),
    });
    expect(body.items.find((item) => item.id === 'c-assigned')).toMatchObject({ deadline: '2026-03-31', result: null, referralState: 'none' });
  });

  it.each([
    ['state=assigned', ['c-assigned', 'c-reassigned']],
    ['referralState=orderIssued', ['c-ordered']],
    ['month=2026-04', ['c-inspected']],
    ['planId=plan-2027', ['c-drawn']],
    ['grade=D', ['c-drawn']],
    ['key=false', ['c-drawn', 'c-inspected']],
    ['key=true', ['c-assigned', 'c-ordered', 'c-reassigned']],
    ['inspectorId=insp-c', ['c-reassigned']],
    ['inspectorId=insp-a', ['c-assigned', 'c-inspected', 'c-ordered']],
    ['result=no_problem', ['c-inspected']],
    ['q=星河', ['c-assigned', 'c-reassigned']],
    ['q=MA2B', ['c-ordered']],
    ['state=assigned&q=幼儿园', ['c-reassigned']],
  ])('filters by %s', async (query, expected) => {
    const { status, body } = await list(`?${query}&sort=id`);
    expect(status).toBe(200);
    expect({ ids: ids(body), total: body.total }).toEqual({ ids: expected, total: expected.length });
  });

  it('sorts by a column in either order, the case id breaking ties', async () => {
    expect(ids((await list('?sort=unitName&order=asc')).body)).toEqual(['c-inspected', 'c-ordered', 'c-drawn', 'c-reassigned', 'c-assigned'].sort((a, b) => {
      const names: Record<string, string> = { 'c-inspected': '东方大酒店', 'c-ordered': '北山纺织厂', 'c-drawn': '南湖小学', 'c-reassigned': '星河幼儿园', 'c-assigned': '示例市星河商贸有限公司' };
      return Buffer.compare(Buffer.from(names[a]!), Buffer.from(names[b]!));
    }));
    expect(ids((await list('?sort=grade&order=desc')).body)).toEqual(['c-drawn', 'c-assigned', 'c-reassigned', 'c-ordered', 'c-inspected']);
    // Three cases wait for the end of March; the one waiting for nothing (a review is no deadline here) comes last.
    expect(ids((await list('?sort=deadline&order=desc')).body)).toEqual(['c-assigned', 'c-drawn', 'c-reassigned', 'c-ordered', 'c-inspected']);
  });

  it('pages with the total of the whole filter', async () => {
    const first = (await list('?sort=id&pageSize=2')).body;
    const third = (await list('?sort=id&pageSize=2&page=3')).body;
    const beyond = (await list('?sort=id&pageSize=2&page=4')).body;
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(ids(first)).toEqual(['c-assigned', 'c-drawn']);
    expect(ids(third)).toEqual(['c-reassigned']);
    expect(beyond).toMatchObject({ items: [], total: 5, page: 4 });
  });

  it('shows an inspector only the cases they are or were assigned to, whatever they ask', async () => {
    const a = (await list('?sort=id', server.as.inspector)).body;
    expect(ids(a)).toEqual(['c-assigned', 'c-inspected', 'c-ordered', 'c-reassigned']);
    const c = (await list('?sort=id', server.as.inspectorC)).body;
    expect({ ids: ids(c), total: c.total }).toEqual({ ids: ['c-reassigned'], total: 1 });
    expect(ids((await list('?sort=id&inspectorId=insp-a', server.as.inspectorC)).body)).toEqual([]);
  });

  it.each([
    ['pageSize=101', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=abc', 'page'],
    ['state=flying', 'state'],
    ['month=2026-13', 'month'],
    ['key=yes', 'key'],
    ['sort=password', 'sort'],
    ['order=up', 'order'],
    ['grade=E', 'grade'],
    ['inspectorId=a%20b', 'inspectorId'],
    ['colour=red', 'colour'],
  ])('refuses ?%s with a 400 naming %s', async (query, field) => {
    const { status, body } = await list(`?${query}`);
    expect(status).toBe(400);
    expect((body as unknown as { violations: { field: string }[] }).violations.map((violation) => violation.field)).toContain(field);
  });

  it('needs a sign-in, and is not for roles that read no cases', async () => {
    expect((await list('', {})).status).toBe(401);
    expect((await list('', server.as.admin)).status).toBe(403);
  });

  it('leaves GET /inspections/:id alone', async () => {
    const { status, body } = await get(server, '/inspections/c-ordered');
    expect(status).toBe(200);
    expect(body.status).toMatchObject({ lifecycle: 'reviewed', referral: 'orderIssued' });
  });
});
