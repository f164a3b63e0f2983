/**
 * `npm run demo [-- <data dir>]`: a made-up district (示例市云溪区) in the stores the server would use
 * (the settings, libs/application/src/config; a data dir argument means its events.db), so a
 * newcomer sees the system working in one command: about 2,000 units across grades and categories,
 * 8 inspectors, this year's plan with quotas, and this month's draw with witness inputs, whose cases
 * appear drawn and assigned, then move through their lives (results, reviews, publication, hazard
 * referrals) so every read model has content. Run it again and it says the demo is already there and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  DirectoryImporter,
  DrawFollowUp,
  DrawService,
  DrawVerifier,
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
  readStreamOrEmpty,
  withLocalProjector,
  type CommandContext,
  type DirectoryFacts,
  type Settings,
} from '@shuangsui/application';
import { createReadStore } from '@shuangsui/projections';
import { chinaDate, planStreamId } from '@shuangsui/domain';
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
const table = (t: { headers: readonly string[]; rows: string[][] }) => ({ headers: t.headers, rows: t.rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });

async function main(): Promise<void> {
  // A data dir argument means its events.db; otherwise the stores the server's settings name.
  const dataDir = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
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
  const month = today.slice(0, 7);
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
    const plans = new PlanService(store, secrets, loadWorkingDayCalendar(settings.calendarDir), facts);
    const { plan } = await plans.adoptPlan({ planId, year, authority: AUTHORITY, jurisdiction: '示例市云溪区' }, planner('adopt-plan'));
    console.log(`年度计划 ${planId}：${plan.period.from} 至 ${plan.period.to}，每名执法人员年度最低检查量 ${plan.yearlyMinimumPerInspector} 家（${plan.workload.workingDays}×${plan.workload.inspectionShare}÷${plan.workload.inspectorsPerUnit}）`);

    // This month's quota is necessarily late (the demo starts today), so it carries a reason.
    const current = await plans.setQuota(planId, month, { quota: 40, lateReason: '演示：系统上线当月补录本月抽查数' }, planner('quota'));
    console.log(`${month} 抽查数 ${current.quota} 家（本月能力 ${current.capacity} 家，${current.late ? '逾期设定，已标记' : '按期设定'}），名录已冻结：${current.eligibleUnits} 家，哈希 ${current.populationHash.slice(0, 16)}…，种子承诺 ${current.commitment.slice(0, 16)}…`);
    const following = nextMonth(month);
    if (following.startsWith(String(year))) {
      const late = Number(today.slice(8, 10)) > 25;
      const next = await plans.setQuota(planId, following, late ? { quota: 40, lateReason: '演示：次月抽查数在25日后补录' } : { quota: 40 }, planner('quota-next'));
      console.log(`${following} 抽查数 ${next.quota} 家（截止 ${next.deadline}${next.late ? '，逾期已标记' : ''}）`);
    }

    const draws = new DrawService(store, plans, secrets, { minWitnessInputs: settings.minWitnessInputs });
    const record = await draws.draw(
      {
        planId,
        month,
        witnessInputs: [
          { kind: 'observer', source: '现场见证人 周某（区人大代表）', value: String(1000 + Math.floor(Math.random() * 9000)) },
          { kind: 'notary', source: '示例市公证处 公证员 林某', value: randomUUID().slice(0, 8) },
        ],
      },
      planner('draw'),
    );
    const drawId = (record.data as { drawId: string }).drawId;
    const followUp = await new DrawFollowUp(store, new InspectionCommandHandler(store)).complete(drawId);
    const verification = await new DrawVerifier(store).verify(drawId);
    const drawnCases = (record.data as unknown as { cases: readonly DemoCase[] }).cases;
    await advanceDemoCases(new InspectionCommandHandler(store), drawnCases, month, today);
    console.log(`演示案件推进：${drawnCases.length} 个案件中，已检查、审核、公示、隐患移交（责令改正、复查销案、立案调查）、退回补正等各类状态均有`);
    console.log(`抽取 ${drawId}：${followUp?.cases ?? 0} 个检查案件已生成并分派（${followUp?.completed ? '全部完成' : '未完成，服务启动时将自动补齐'}）；复核：${verification.match ? '一致' : '不一致'}`);
    console.log('');
    console.log(`演示账号 ${accounts.length} 个：planner、supervisor、reviewer、auditor，执法人员 ${inspectorIds.join('、')}（用户名即执法人员编号）`);
    console.log(password.generated ? `演示账号口令（仅显示这一次）：${password.password}` : '演示账号口令：SHUANGSUI_DEMO_PASSWORD 所设口令');
    console.log('下一步：npm start，然后打开 http://localhost:3000/api/docs，POST /auth/login 登录后点击 Authorize 填入 accessToken');
    console.log(`  GET /plans/${planId}    GET /draws/${drawId}    GET /draws/${drawId}/verification`);
    console.log(`  命令行复核：npm run cli -- verify-draw ${drawId}`);
  }
}

main().catch((error: unknown) => {
  console.error(`演示数据生成失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
