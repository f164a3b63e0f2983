import { inspectorTable, syntheticInspectors, syntheticUnits, unitTable, writeTable } from '@shuangsui/application';
import { chinaDate, INSPECTION_EVENT_TYPES as T } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';
import { benchToken } from '../bench/http/bench-accounts';

/**
 * The crash test's draw (issue 15): a planner's version-2 draw over HTTP, and `kill -9` the moment the
 * draw is on record (its public status turns `drawn`) — while the draw follow-up, inside the same
 * request, is still creating the month's cases. After the restart the follow-up must finish them: every
 * case the recorded draw lists exists once, drawn and assigned.
 */
const PLANNER = { authorization: `Bearer ${benchToken('bench-planner')}` };
// Within one month's capacity of 8 inspectors (64 here).
const DRAWN_UNITS = 60;

async function call(baseUrl: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...PLANNER, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function upload(baseUrl: string, kind: 'units' | 'inspectors', table: { headers: readonly string[]; rows: string[][] }): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await writeTable(table.headers, table.rows, 'csv'))]), `${kind}.csv`);
  const response = await fetch(`${baseUrl}/directories/${kind}/import`, { method: 'POST', headers: PLANNER, body: form });
  if (response.status !== 200) throw new Error(`import ${kind}: HTTP ${response.status} ${await response.text()}`);
}

/** Directories, this year's plan, this month's quota on a beacon a second ahead; then the draw, killed as soon as it is recorded. Answers the draw id. */
export async function drawThenCrash(baseUrl: string, kill: () => Promise<void>): Promise<string> {
  await upload(baseUrl, 'units', unitTable(syntheticUnits(600)));
  await upload(baseUrl, 'inspectors', inspectorTable(syntheticInspectors(8, new Date().getFullYear())));
  const today = chinaDate(new Date());
  const month = today.slice(0, 7);
  const plan = await call(baseUrl, '/plans', { planId: 'crash-plan', year: Number(today.slice(0, 4)), authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' });
  if (plan.status !== 201) throw new Error(`plan: HTTP ${plan.status} ${JSON.stringify(plan.body)}`);
  const availableAt = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
  const beacon = { source: '崩溃测试用模拟随机数', round: '第1期', availableAt: availableAt.toISOString().replace('.000Z', 'Z') };
  const quota = await call(baseUrl, '/plans/crash-plan/quotas', { month, quota: DRAWN_UNITS, lateReason: '崩溃测试：当月补录', beacon });
  if (quota.status !== 201) throw new Error(`quota: HTTP ${quota.status} ${JSON.stringify(quota.body)}`);
  while (Date.now() < availableAt.getTime() + 100) await new Promise((resolve) => setTimeout(resolve, 50));
  const answer = call(baseUrl, '/draws', { planId: 'crash-plan', month, beaconValue: '518', witnesses: [] }).catch(() => null);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const items = ((await (await fetch(`${baseUrl}/public/draws`)).json()) as { items: { planId: string; month: string; status: string; drawId: string }[] }).items;
    const item = items.find((d) => d.planId === 'crash-plan' && d.month === month);
    if (item?.status === 'drawn') {
      await kill();
      await answer; // cut off by the kill, or (rarely) answered just before it
      return item.drawId;
    }
    if (Date.now() > deadline) throw new Error(`draw: not recorded within 30 s (${JSON.stringify(await answer)})`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The case ids a recorded draw lists (GET /draws/:id, as a planner reads it). */
export async function casesOfDraw(baseUrl: string, drawId: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/draws/${drawId}`, { headers: PLANNER });
  if (response.status !== 200) throw new Error(`GET /draws/${drawId}: HTTP ${response.status}`);
  return ((await response.json()) as { record: { cases: { caseId: string }[] } }).record.cases.map((c) => c.caseId);
}

/** How many acknowledged draw cases are missing, or were drawn or assigned more than once. */
export function drawCaseProblems(events: readonly RecordedEvent[], caseIds: readonly string[]): { missing: number; duplicated: number } {
  const seen = new Map<string, { drawn: number; assigned: number }>();
  for (const event of events) {
    if (event.type !== T.InspectionDrawn && event.type !== T.InspectorsAssigned) continue;
    const counts = seen.get(event.streamId) ?? { drawn: 0, assigned: 0 };
    if (event.type === T.InspectionDrawn) counts.drawn += 1;
    else counts.assigned += 1;
    seen.set(event.streamId, counts);
  }
  let missing = 0;
  let duplicated = 0;
  for (const caseId of caseIds) {
    const counts = seen.get(`inspection-${caseId}`);
    if (!counts || counts.drawn === 0 || counts.assigned === 0) missing += 1;
    else if (counts.drawn > 1 || counts.assigned > 1) duplicated += 1;
  }
  return { missing, duplicated };
}
