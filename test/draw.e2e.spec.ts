import Database from 'better-sqlite3';
import { join } from 'node:path';
import { inspectorTable, syntheticInspectors, syntheticUnits, unitTable, writeTable } from '@shuangsui/application';
import { as, get, post, removeDir, signInAgain, startServer, tempDataDir, type TestServer } from './support/test-server';
import { drawWitnesses } from './support/draw-witnesses';

/** The quota for March 2026 is set on 20 February (China time): before the 25th, so not late. */
let now = new Date('2026-02-20T02:00:00Z');
const clock = () => now;
/** March's beacon: the 福彩3D result of 24 February, public from 21:30 China time. */
const beacon = { source: '中国福利彩票3D', round: '2026045期', availableAt: '2026-02-24T13:30:00Z' };
const march = drawWitnesses();

async function upload(server: TestServer, path: string, fileName: string, content: Buffer): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: as.planner, body: form });
  return { status: response.status, body: await response.json() };
}

describe('import → plan → quota → draw → cases, over HTTP on a real SQLite file', () => {
  let server: TestServer;
  let dataDir: string;
  let drawnCases: { caseId: string; unitId: string; inspectorIds: string[] }[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    // The draw secrets go to dataDir/secrets: startServer's settings put them beside its event store.
    server = await startServer(dataDir, clock);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('imports the directories, refusing a file with bad rows and naming each', async () => {
    const units = unitTable(syntheticUnits(300));
    const bad = units.rows.slice(0, 3).map((row) => [...row]);
    bad[1]![5] = 'E';
    let response = await upload(server, '/directories/units/import', 'units.csv', await writeTable(units.headers, bad, 'csv'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'ImportRejected', imported: false, invalidRows: 1, errors: [{ row: 3, column: '风险等级', reason: expect.stringContaining('风险等级') }] });

    response = await upload(server, '/directories/units/import', 'units.csv', await writeTable(units.headers, units.rows, 'csv'));
    expect(response).toMatchObject({ status: 200, body: { imported: true, registered: 300 } });
    response = await upload(server, '/directories/units/import', 'units.csv', await writeTable(units.headers, units.rows, 'csv'));
    expect(response).toMatchObject({ status: 200, body: { registered: 0, updated: 0, unchanged: 300 } });

    const inspectors = inspectorTable(syntheticInspectors(8, 2026));
    response = await upload(server, '/directories/inspectors/import', 'inspectors.xlsx', await writeTable(inspectors.headers, inspectors.rows, 'xlsx'));
    expect(response).toMatchObject({ status: 200, body: { registered: 8 } });

    const exported = await fetch(`${server.baseUrl}/directories/units/export?format=csv`, { headers: as.supervisor });
    expect(exported.status).toBe(200);
    const text = await exported.text();
    expect(text.split('\n')[0]).toContain('单位名称,统一社会信用代码');
    expect(text.trim().split('\n')).toHaveLength(301);
  });

  it('adopts the plan with the derived minimum and sets the quota within capacity', async () => {
    let response = await post(server, '/plans', { planId: 'yx-2026', year: 2026, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' }, as.planner);
    expect(response).toMatchObject({ status: 201, body: { plan: { yearlyMinimumPerInspector: 77, workload: { workingDays: 220, inspectionShare: 0.7, inspectorsPerUnit: 2 } } } });
    response = await post(server, '/plans', { planId: 'yx-2026', year: 2026, authority: 'x', jurisdiction: 'y', bogus: 1 }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'bogus', rule: 'whitelistValidation' }] } });

    response = await post(server, '/plans/yx-2026/quotas', { month: '2026-03', quota: 30 }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'beacon', message: expect.stringContaining('beacon') }] } });
    response = await post(server, '/plans/yx-2026/quotas', { month: '2026-03', quota: 5000, beacon, witnesses: march.commitments }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'quota', rule: 'above-capacity' }] } });
    response = await post(server, '/plans/yx-2026/quotas', { month: '2026-03', quota: 30, beacon, witnesses: march.commitments }, as.planner);
    expect(response).toMatchObject({ status: 201, body: { month: '2026-03', quota: 30, late: false, eligibleUnits: 300, populationHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    response = await post(server, '/plans/yx-2026/quotas', { month: '2026-03', quota: 30, beacon, witnesses: march.commitments }, as.planner);
    expect(response).toMatchObject({ status: 409, body: { error: 'QuotaAlreadySet' } });
  });

  it('a quota with a beacon and witness commitments records DrawSeedCommitted.v2 and serves its event id and position', async () => {
    const beacon = { source: '中国福利彩票3D', round: '2026084期', availableAt: '2026-03-25T13:30:00Z' };
    const witnesses = [{ kind: 'observer', source: '区人大代表观察员', commitment: 'ab'.repeat(32) }];
    let response = await post(server, '/plans/yx-2026/quotas', { month: '2026-04', quota: 20, beacon: { ...beacon, availableAt: '2026-03-25' }, witnesses }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'beacon.availableAt' }] } });
    response = await post(server, '/plans/yx-2026/quotas', { month: '2026-04', quota: 20, beacon, witnesses }, as.planner);
    expect(response).toMatchObject({ status: 201, body: { month: '2026-04', commitmentEventId: expect.any(String), commitmentPosition: expect.any(Number), commitmentEventHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const events = await server.store.readStream('quota-yx-2026.2026-04');
    const committed = events.find((e) => e.id === response.body.commitmentEventId)!;
    expect((committed.metadata as { hash: string }).hash).toBe(response.body.commitmentEventHash);
    expect(committed).toMatchObject({ type: 'DrawSeedCommitted.v2', position: response.body.commitmentPosition, data: { beacon, witnesses, algorithmVersion: 'shuangsui-draw/2' } });
    // Version-1 witness inputs would bypass the witness commitments: refused, naming the field, nothing written.
    const before = await server.store.headPosition();
    response = await post(server, '/draws', { planId: 'yx-2026', month: '2026-04', witnessInputs: [{ kind: 'observer', source: '现场见证人', value: '7302' }] }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'witnessInputs', rule: 'version-2' }] } });
    expect(await server.store.headPosition()).toBe(before);
  });

  it('a quota for a year whose holiday calendar is not loaded is a 503 naming the year to add, and writes nothing', async () => {
    expect((await post(server, '/plans', { planId: 'yx-2099', year: 2099, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' }, as.planner)).status).toBe(201);
    const before = await server.store.headPosition();
    const response = await post(server, '/plans/yx-2099/quotas', { month: '2099-01', quota: 1, beacon: { ...beacon, availableAt: '2098-12-24T13:30:00Z' } }, as.planner);
    expect(response).toMatchObject({ status: 503, body: { error: 'CalendarNotLoaded', year: 2099, message: expect.stringContaining('2099') } });
    expect(await server.store.headPosition()).toBe(before);
  });

  it('draws on the beacon and the witnesses\' reveals; the cases appear assigned to two inspectors; verification matches; a second draw is refused', async () => {
    const draw = { planId: 'yx-2026', month: '2026-03', beaconValue: '582', witnesses: march.reveals };
    let response = await post(server, '/draws', draw, as.planner);
    expect(response).toMatchObject({ status: 409, body: { error: 'DrawRoundNotReady', state: 'awaiting-beacon' } });
    now = new Date('2026-02-25T01:00:00Z');
    await signInAgain(server);

    response = await post(server, '/draws', draw, as.planner);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ drawId: 'yx-2026.2026-03', followUp: { completed: true, cases: 30 } });
    const cases = response.body.cases as { caseId: string; unitId: string; inspectorIds: string[] }[];
    expect(cases).toHaveLength(30);
    drawnCases = cases;
    for (const drawnCase of cases) {
      const view = await get(server, `/inspections/${drawnCase.caseId}`);
      expect(view.status).toBe(200);
      expect(view.body.status.lifecycle).toBe('assigned');
      expect(view.body.case.inspectorIds).toEqual(drawnCase.inspectorIds);
      expect(new Set(view.body.case.inspectorIds).size).toBe(2);
    }

    const verification = await get(server, '/draws/yx-2026.2026-03/verification');
    expect(verification).toMatchObject({ status: 200, body: { match: true, checks: { commitment: true, populationHash: true, result: true, cases: true, hashChain: true } } });

    response = await post(server, '/draws', draw, as.planner);
    expect(response).toMatchObject({ status: 409, body: { error: 'DrawAlreadyPerformed', message: expect.stringContaining('已完成抽取') } });
  });

  it('a drawn unit that closes before its visit has its case cancelled with the reason, right after the import', async () => {
    const units = unitTable(syntheticUnits(300));
    const closedUnitId = drawnCases[0]!.unitId;
    const rows = units.rows.map((row) => (row[1] === closedUnitId ? Object.assign([...row], { [units.headers.indexOf('状态')]: '停业关闭', [units.headers.indexOf('状态日期')]: '2026-03-04' }) : row));
    const response = await upload(server, '/directories/units/import', 'units.csv', await writeTable(units.headers, rows, 'csv'));
    expect(response).toMatchObject({ status: 200, body: { statusChanged: 1, casesCancelled: 1 } });
    const view = await get(server, `/inspections/${drawnCases[0]!.caseId}`);
    expect(view.body.status.lifecycle).toBe('cancelled');
    expect(JSON.stringify(view.body)).toContain('单位已于2026-03-04停业关闭');
    expect((await get(server, `/inspections/${drawnCases[1]!.caseId}`)).body.status.lifecycle).toBe('assigned');
  });

  it('catches a tampered witness reveal in the stored record', async () => {
    const db = new Database(join(dataDir, 'events.db'));
    try {
      const changed = db
        .prepare(`UPDATE events SET data = json_set(data, '$.reveal.witnesses[0].value', '9999') WHERE stream_id = ? AND type = 'DrawPerformed.v2'`)
        .run('draw-yx-2026.2026-03');
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    const verification = await get(server, '/draws/yx-2026.2026-03/verification');
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ match: false, checks: { hashChain: false, commitment: false } });
    expect(verification.body.differences.join('\n')).toMatch(/哈希链断裂/);
    expect(verification.body.differences.join('\n')).toMatch(/见证人输入/);
  });

  it('answers unknown draws and plans with 404 in Chinese', async () => {
    expect(await get(server, '/draws/nope.2026-03/verification')).toMatchObject({ status: 404, body: { error: 'DrawNotFound', message: '抽取记录 nope.2026-03 不存在' } });
    expect(await get(server, '/plans/nope')).toMatchObject({ status: 404, body: { error: 'PlanNotFound' } });
  });
});
