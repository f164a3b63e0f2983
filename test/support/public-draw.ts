import { inspectorTable, syntheticInspectors, syntheticUnits, unitTable, writeTable } from '@shuangsui/application';
import { chinaDate } from '@shuangsui/domain';
import { drawWitnesses } from './draw-witnesses';
import { as, post, type TestServer } from './test-server';

async function upload(server: TestServer, path: string, fileName: string, content: Buffer): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: as.planner, body: form });
  if (response.status !== 200) throw new Error(`import ${path}: HTTP ${response.status} ${await response.text()}`);
}

/** A directory to draw from: 120 units and 8 inspectors, imported as a planner does. */
export async function givenDirectories(server: TestServer): Promise<void> {
  const units = unitTable(syntheticUnits(120));
  const inspectors = inspectorTable(syntheticInspectors(8, new Date().getFullYear()));
  await upload(server, '/directories/units/import', 'units.csv', await writeTable(units.headers, units.rows, 'csv'));
  await upload(server, '/directories/inspectors/import', 'inspectors.csv', await writeTable(inspectors.headers, inspectors.rows, 'csv'));
}

/**
 * A version-2 draw of this month on a server running on the real clock, the way a brigade makes one:
 * directories, this year's plan, the quota naming a beacon two seconds ahead and two witnesses'
 * commitments, then — once the beacon is public — the draw with the reveals. Answers the draw id.
 */
export async function givenPublicDraw(server: TestServer, planId = 'web-plan'): Promise<string> {
  await givenDirectories(server);
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const plan = await post(server, '/plans', { planId, year, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' }, as.planner);
  if (plan.status !== 201) throw new Error(`plan: HTTP ${plan.status} ${JSON.stringify(plan.body)}`);
  const witnesses = drawWitnesses();
  const availableAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const quota = await post(server, `/plans/${planId}/quotas`, { month, quota: 10, lateReason: '测试：当月补录', beacon: { source: '测试用模拟随机数', round: '第1期', availableAt }, witnesses: witnesses.commitments }, as.planner);
  if (quota.status !== 201) throw new Error(`quota: HTTP ${quota.status} ${JSON.stringify(quota.body)}`);
  while (Date.now() < Date.parse(availableAt)) await new Promise((resolve) => setTimeout(resolve, 100));
  const draw = await post(server, '/draws', { planId, month, beaconValue: '271', witnesses: witnesses.reveals }, as.planner);
  if (draw.status !== 201) throw new Error(`draw: HTTP ${draw.status} ${JSON.stringify(draw.body)}`);
  return draw.body.drawId as string;
}
