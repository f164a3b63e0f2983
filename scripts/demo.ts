/**
 * `npm run demo [-- <data dir>]`: a made-up district (示例市云溪区) in the stores the server would use
 * (the settings, libs/application/src/config; a data dir argument means its events.db), so a
 * newcomer sees the system working in one command: about 2,000 units across grades and categories,
 * 8 inspectors, this year's plan, and two months' version-2 draws (beacon and committed witnesses,
 * each verified from its public bundle); the first month's cases move through their lives (results,
 * reviews, publication, hazard referrals) so every read model has content, and the second month's
 * population carries its last pairs and prior loads. Run it again and it says the demo is already there and changes nothing.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  DirectoryImporter,
  DrawFollowUp,
  DrawService,
  FileDrawSecretStore,
  InspectionCommandHandler,
  inspectorTable,
  loadSettings,
  maskPassword,
  loadWorkingDayCalendar,
  PlanService,
  syntheticInspectors,
  syntheticUnits,
  unitTable,
  readDrawBundle,
  readStreamOrEmpty,
  withLocalProjector,
  type CommandContext,
  type DirectoryFacts,
  type Settings,
} from '@shuangsui/application';
import { createReadStore } from '@shuangsui/projections';
import { chinaDate, planStreamId } from '@shuangsui/domain';
import { previousMonth } from '@shuangsui/domain/directory';
import { firstFailure, verifyBundle, witnessCommitmentOf } from '@shuangsui/domain/draw';
import { createEventStore, type EventStore } from '@shuangsui/event-store';
import { advanceDemoCases, type DemoCase } from './demo-lifecycle';
import { createDemoAccounts, demoPassword } from './demo-accounts';

const UNITS = 2000;
const INSPECTORS = 8;
const AUTHORITY = '示例市云溪区消防救援大队';

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
/** The demo's clock: live, or fixed at a past instant for last month's quota and draw. */
function fixedClock(iso: string) {
  let at = new Date(iso);
  return { now: () => at, set: (next: string) => void (at = new Date(next)), waitUntil: async () => undefined };
}
function liveClock() {
  return {
    now: () => new Date(),
    set: () => undefined,
    waitUntil: async (iso: string) => {
      while (Date.now() < Date.parse(iso)) await new Promise((resolve) => setTimeout(resolve, 200));
    },
  };
}
const isoSeconds = (ms: number): string => new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Two witnesses: each keeps value and nonce until the draw and gives only the hash at the freeze. */
function demoWitnesses() {
  const witnesses = [
    { kind: 'observer' as const, source: '现场见证人 周某（区人大代表）', value: String(1000 + randomInt(9000)), nonce: randomBytes(32).toString('hex') },
    { kind: 'notary' as const, source: '示例市公证处', value: randomUUID().slice(0, 8), nonce: randomBytes(32).toString('hex') },
  ];
  return {
    commitments: witnesses.map(({ kind, source, value, nonce }) => ({ kind, source, commitment: witnessCommitmentOf({ kind, source }, { value, nonce }) })),
    reveals: witnesses.map(({ value, nonce }) => ({ value, nonce })),
  };
}

const table = (t: { headers: readonly string[]; rows: string[][] }) => ({ headers: t.headers, rows: t.rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });

/** Seeds the demo into `dataDir`'s events.db (or the stores the settings name); the e2e test calls it too. */
export async function runDemo(dataDir?: string): Promise<void> {
  const settings = loadSettings(process.env, dataDir === undefined ? {} : { eventStoreUrl: `sqlite:${join(dataDir, 'events.db')}` });
  const store = await createEventStore(settings.eventStoreUrl);
  // The server's read store (beside a SQLite event store): the demo keeps it caught up as it writes.
  const readStore = await createReadStore(settings.readStoreUrl);
  try {
    await withLocalProjector(store, readStore, (facts) => seed(store, facts, settings));
  } finally {
    await readStore.close();
    await store.close();
  }
}

async function seed(store: EventStore, facts: DirectoryFacts, settings: Settings): Promise<void> {
  const storeUrl = settings.eventStoreUrl;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const planId = `yunxi-${year}`;
  {
    if ((await readStreamOrEmpty(store, planStreamId(planId))).length > 0) {
      console.log(`演示数据已存在（计划 ${planId}，事件库 ${maskPassword(storeUrl)}），未做任何改动。如需重建，请先删除该事件库（及其旁的 read-models.db 与 secrets/）。`);
      return;
    }
    const planner = (name: string): CommandContext => {
      const commandId = `demo:${name}:${randomUUID()}`;
      return { actor: { id: 'planner', role: 'planner' }, commandId, correlationId: commandId, causationId: null };
    };
    const password = demoPassword();
    const inspectorIds = syntheticInspectors(INSPECTORS, year).map((inspector) => inspector.id);
    const accounts = await createDemoAccounts(store, inspectorIds, password.password);
    const importer = new DirectoryImporter(store);
    const started = Date.now();
    const units = await importer.importTable('units', table(unitTable(syntheticUnits(UNITS, year))), planner('import-units'));
    const inspectors = await importer.importTable('inspectors', table(inspectorTable(syntheticInspectors(INSPECTORS, year))), planner('import-inspectors'));
    console.log(`名录：检查对象 ${units.registered} 家新登记（共${units.totalRows}家），执法人员 ${inspectors.registered} 名，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);

    const secrets = new FileDrawSecretStore(settings.secretsDir);
    const calendar = loadWorkingDayCalendar(settings.calendarDir);
    const plans = new PlanService(store, secrets, calendar, facts);
    // Grade D (highest risk) twice a year, so a D unit drawn last month can be drawn again, with its last pair.
    const { plan } = await plans.adoptPlan({ planId, year, authority: AUTHORITY, jurisdiction: '示例市云溪区', samplingRatios: { A: 0.05, B: 0.2, C: 0.6, D: 2 } }, planner('adopt-plan'));
    console.log(`年度计划 ${planId}：${plan.period.from} 至 ${plan.period.to}，每名执法人员年度最低检查量 ${plan.yearlyMinimumPerInspector} 家（${plan.workload.workingDays}×${plan.workload.inspectionShare}÷${plan.workload.inspectorsPerUnit}）`);

    // Two months, so the second month's frozen population carries what the first left behind: prior
    // loads of every inspector and, for grade D (drawn twice a year here), the last pair of each unit.
    // Normally last month and this month; in January, this month and next. Last month's quota and draw
    // are dated back to the 20th and 25th of the month before it (a month that is over takes no quota).
    const currentMonth = today.slice(0, 7);
    const first = currentMonth.endsWith('-01') ? currentMonth : previousMonth(currentMonth);
    const second = nextMonth(first);
    const drawn: { drawId: string; cases: readonly DemoCase[] }[] = [];
    for (const month of [first, second]) {
      const past = month < currentMonth;
      const clock = past ? fixedClock(`${previousMonth(month)}-20T02:00:00Z`) : liveClock();
      const plansAt = new PlanService(store, secrets, calendar, facts, clock.now);
      const witnesses = demoWitnesses();
      // A real brigade names e.g. the 福彩3D result of a later date; the demo cannot wait for one, so it
      // names a simulated public number a few seconds (or, for last month, four days) after the freeze.
      const availableAt = past ? `${previousMonth(month)}-24T13:30:00Z` : isoSeconds(Date.now() + 3000);
      const beacon = { source: '演示用模拟公开随机数（非真实开奖）', round: `演示${month}期`, availableAt };
      const late = `${month}-01` <= today || chinaDate(clock.now()) > `${previousMonth(month)}-25`;
      const quota = await plansAt.setQuota(
        planId,
        month,
        { quota: 40, beacon, witnesses: witnesses.commitments, ...(late ? { lateReason: '演示：系统上线时补录抽查数' } : {}) },
        planner(`quota-${month}`),
      );
      console.log(`${month} 抽查数 ${quota.quota} 家（能力 ${quota.capacity} 家${quota.late ? '，逾期设定已标记' : ''}），名录冻结 ${quota.eligibleUnits} 家，承诺事件位置 ${quota.commitmentPosition}；公开随机源：${beacon.source} ${beacon.round}，${availableAt} 公布`);
      if (past) clock.set(`${previousMonth(month)}-25T02:00:00Z`);
      else await clock.waitUntil(availableAt);
      const draws = new DrawService(store, plansAt, secrets, { minWitnessInputs: settings.minWitnessInputs }, clock.now);
      const record = await draws.draw({ planId, month, beaconValue: String(Math.floor(Math.random() * 1000)).padStart(3, '0'), witnesses: witnesses.reveals }, planner(`draw-${month}`));
      const drawId = (record.data as { drawId: string }).drawId;
      const followUp = await new DrawFollowUp(store, new InspectionCommandHandler(store)).complete(drawId);
      const cases = (record.data as unknown as { cases: readonly DemoCase[] }).cases;
      drawn.push({ drawId, cases });
      const bundle = await readDrawBundle(store, drawId);
      const failed = firstFailure(verifyBundle(bundle));
      const withLastPair = bundle.population.units.filter((unit) => unit.lastPair !== undefined).length;
      const loaded = bundle.population.inspectors.filter((inspector) => inspector.priorAssignments > 0).length;
      console.log(
        `抽取 ${drawId}：${followUp?.cases ?? 0} 个案件已生成并分派；公开验证包：${failed === null ? '全部核对一致' : `未通过（${failed.label}）`}；名录中有上次检查组合的单位 ${withLastPair} 家，已有工作量的执法人员 ${loaded} 名`,
      );
      // The first month's cases move through their lives before the second month is frozen.
      if (month === first) {
        await advanceDemoCases(new InspectionCommandHandler(store), cases, month, today);
        await facts.caughtUp();
      }
    }
    console.log(`演示案件推进：${first} 的 ${drawn[0]?.cases.length ?? 0} 个案件中，已检查、审核、公示、隐患移交（责令改正、复查销案、立案调查）、退回补正等各类状态均有`);
    const following = nextMonth(second);
    if (following.startsWith(String(year))) {
      const nextQuota = await plans.setQuota(
        planId,
        following,
        { quota: 40, beacon: { source: '演示用模拟公开随机数（非真实开奖）', round: `演示${following}期`, availableAt: `${previousMonth(following)}-28T13:30:00Z` }, ...(today > `${previousMonth(following)}-25` ? { lateReason: '演示：次月抽查数在25日后补录' } : {}) },
        planner('quota-next'),
      );
      console.log(`${following} 抽查数 ${nextQuota.quota} 家（截止 ${nextQuota.deadline}${nextQuota.late ? '，逾期已标记' : ''}），等待公开随机源公布后抽取`);
    }
    const drawId = drawn[1]?.drawId ?? '';
    console.log('');
    console.log(`演示账号 ${accounts.length} 个：planner、supervisor、reviewer、auditor，执法人员 ${inspectorIds.join('、')}（用户名即执法人员编号）`);
    console.log(password.generated ? `演示账号口令（仅显示这一次）：${password.password}` : '演示账号口令：SHUANGSUI_DEMO_PASSWORD 所设口令');
    console.log('下一步：npm start，然后打开 http://localhost:3000/ 用上面的账号登录（接口文档：http://localhost:3000/api/docs）');
    console.log(`  GET /plans/${planId}    GET /draws/${drawId}    GET /public/draws    GET /public/draws/${drawId}/bundle`);
    console.log(`  浏览器复核：http://localhost:3000/public/verify?drawId=${drawId}`);
    console.log(`  命令行复核：curl -s http://localhost:3000/public/draws/${drawId}/bundle > bundle.json && npm run cli -- verify-bundle bundle.json`);
  }
}

if (require.main === module) {
  // A data dir argument means its events.db; otherwise the stores the server's settings name.
  runDemo(process.argv[2] === undefined ? undefined : resolve(process.argv[2])).catch((error: unknown) => {
    console.error(`演示数据生成失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
