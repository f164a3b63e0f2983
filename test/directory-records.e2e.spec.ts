import { get, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';
import { givenDirectories } from './support/public-draw';

interface UnitPage {
  items: { id: string; name: string; creditCode: string; riskGrade: string; contactPhone: string }[];
  total: number;
  page: number;
  pageSize: number;
}

/** The directories as people browse them (issue 16's 单位/人员 pages): search, paging, one record with its history. */
describe('GET /directories/units, /directories/units/:id, /directories/inspectors', () => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    await givenDirectories(server);
    await waitForProjections(server);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDir(dataDir);
  });

  const units = async (query: string): Promise<UnitPage> => {
    const response = await get(server, `/directories/units${query}`, server.as.planner);
    expect(response.status).toBe(200);
    return response.body as UnitPage;
  };

  it('pages the units by name, and finds them by a part of the name or the credit code and by grade', async () => {
    const first = await units('?pageSize=50');
    expect(first).toMatchObject({ total: 120, page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    const names = first.items.map((unit) => unit.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const third = await units('?pageSize=50&page=3');
    expect(third.items).toHaveLength(20);

    const target = first.items[7]!;
    const byName = await units(`?q=${encodeURIComponent(target.name.slice(2, 8))}`);
    expect(byName.items.map((unit) => unit.id)).toContain(target.id);
    const byCode = await units(`?q=${target.creditCode.slice(-8)}`);
    expect(byCode.items.map((unit) => unit.id)).toEqual([target.id]);
    const graded = await units(`?grade=${target.riskGrade}&pageSize=100`);
    expect(graded.total).toBeGreaterThan(0);
    expect(graded.items.every((unit) => unit.riskGrade === target.riskGrade)).toBe(true);
  });

  it('shows one unit with its record and every change, and says 404 for an unknown one', async () => {
    const [unit] = (await units('?pageSize=1')).items;
    const response = await get(server, `/directories/units/${unit!.id}`, server.as.supervisor);
    expect(response.status).toBe(200);
    expect(response.body.unit).toMatchObject({ id: unit!.id, name: unit!.name });
    expect(response.body.history).toEqual([expect.objectContaining({ revision: 0, type: 'UnitRegistered.v1', actor: expect.objectContaining({ id: 'planner-1' }) })]);
    expect(response.body.inspections).toEqual([]);
    expect(await get(server, '/directories/units/no-such-unit', server.as.supervisor)).toMatchObject({ status: 404, body: { error: 'UnitNotFound' } });
  });

  it('lists the inspectors; the export route still answers beside the unit route', async () => {
    const inspectors = await get(server, '/directories/inspectors', server.as.auditor);
    expect(inspectors.status).toBe(200);
    expect(inspectors.body.items).toHaveLength(8);
    const csv = await fetch(`${server.baseUrl}/directories/units/export?format=csv`, { headers: server.as.planner });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });

  it('keeps personal data to the roles that may read it, and names a bad parameter', async () => {
    expect((await get(server, '/directories/units', {})).status).toBe(401);
    for (const headers of [server.as.inspector, server.as.reviewer]) {
      expect((await get(server, '/directories/units', headers)).status).toBe(403);
      expect((await get(server, '/directories/inspectors', headers)).status).toBe(403);
    }
    for (const [query, field] of [['?pageSize=101', 'pageSize'], ['?grade=E', 'grade'], ['?status=gone', 'status'], ['?page=0', 'page']]) {
      const refused = await get(server, `/directories/units${query}`, server.as.planner);
      expect(refused.status).toBe(400);
      expect((refused.body.violations as { field: string }[]).map((v) => v.field)).toEqual([field]);
    }
  });
});
