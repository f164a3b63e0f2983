import { randomUUID } from 'node:crypto';
import { CHECKLIST_ITEM_NUMBERS, type HazardRecord, type InspectionCommand, type ResultCategory } from '@shuangsui/domain';
import type { CommandContext, InspectionCommandHandler } from '@shuangsui/application';

/**
 * Moves the demo's freshly drawn cases through their lives so every read model has content: results
 * of every kind, reviews (one returned for correction), publications, and hazard referrals at each
 * step (order issued, rectified and closed, escalated). Deterministic by case index; made-up text.
 */

export interface DemoCase {
  readonly caseId: string;
  readonly inspectorIds: readonly [string, string];
}

type Step = (handler: InspectionCommandHandler, demoCase: DemoCase, dates: DemoDates) => Promise<void>;
interface DemoDates {
  readonly visit: string;
  readonly today: string;
}

/** The demo's accounts (demo-accounts.ts): the reviewer and planner sign in under their role's name. */
const REVIEWER = { id: 'reviewer', role: 'reviewer' } as const;
const PLANNER = { id: 'planner', role: 'planner' } as const;

function context(actor: CommandContext['actor'], causationId: string | null = null, commandId = `demo:${randomUUID()}`): CommandContext {
  return { actor, commandId, correlationId: commandId, causationId: causationId ?? commandId };
}

const inspector = (demoCase: DemoCase): CommandContext['actor'] => ({ id: demoCase.inspectorIds[0], role: 'inspector' });

function result(category: ResultCategory, visitDate: string, hazards: HazardRecord[] = []): InspectionCommand {
  const faulty = new Set(hazards.map((hazard) => hazard.item));
  const visited = ['no_problem', 'corrected', 'pending_follow_up'].includes(category);
  return {
    type: 'recordResult',
    visitDate,
    category,
    items: visited ? CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: faulty.has(item) ? 'non_compliant' : 'compliant', note: faulty.has(item) ? '现场发现问题，已拍照取证' : undefined })) : [],
    hazards,
    notInspectedReason: visited ? null : '按登记地址两次上门均无法联系到该单位',
  };
}

const hazard = (id: string, item: number, description: string, severity: 'ordinary' | 'major', correctedOnSite: boolean): HazardRecord => ({ id, item, description, severity, correctedOnSite });

/** No date a person records lies in the future: the re-inspection is at the latest today. */
const earlier = (a: string, b: string): string => (a < b ? a : b);

async function run(handler: InspectionCommandHandler, demoCase: DemoCase, command: InspectionCommand, ctx: CommandContext) {
  return handler.execute(demoCase.caseId, command, ctx);
}

/** Records, approves; returns the approval event id (the referral's cause). */
async function recordAndApprove(handler: InspectionCommandHandler, demoCase: DemoCase, command: InspectionCommand): Promise<string> {
  await run(handler, demoCase, command, context(inspector(demoCase)));
  const approved = await run(handler, demoCase, { type: 'review', decision: 'approve', reviewerId: REVIEWER.id, comment: '记录完整，同意' }, context(REVIEWER));
  return approved.events[0]!.id;
}

/** The same command id the server's hazard-referral process manager uses, so it sees a repeat. */
async function refer(handler: InspectionCommandHandler, demoCase: DemoCase, approvalEventId: string): Promise<void> {
  await run(handler, demoCase, { type: 'openReferral' }, context({ id: 'referral-manager', role: 'system' }, approvalEventId, `hazard-referral:${approvalEventId}`));
}

const publish = (handler: InspectionCommandHandler, demoCase: DemoCase, dates: DemoDates) =>
  run(handler, demoCase, { type: 'publish', publishedOn: dates.today }, context(PLANNER));

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const STEPS: Step[] = [
  async (h, c, d) => {
    await recordAndApprove(h, c, result('no_problem', d.visit));
    await publish(h, c, d);
  },
  async (h, c, d) => {
    await recordAndApprove(h, c, result('no_problem', d.visit));
  },
  async (h, c, d) => {
    const approval = await recordAndApprove(h, c, result('pending_follow_up', d.visit, [hazard('h1', 5, '二层东侧安全出口被货物堵塞', 'ordinary', false)]));
    await refer(h, c, approval);
    await run(h, c, { type: 'issueRectificationOrder', orderNo: `云消限字〔${d.today.slice(0, 4)}〕第${c.caseId.slice(-3)}号`, issuedOn: d.visit, deadline: addDays(d.visit, 14) }, context(inspector(c)));
    await publish(h, c, d);
  },
  async (h, c, d) => {
    const approval = await recordAndApprove(h, c, result('corrected', d.visit, [hazard('h1', 7, '部分灭火器压力不足', 'ordinary', true)]));
    await refer(h, c, approval);
    await run(h, c, { type: 'issueRectificationOrder', orderNo: `云消限字〔${d.today.slice(0, 4)}〕第${c.caseId.slice(-3)}号`, issuedOn: d.visit, deadline: addDays(d.visit, 7) }, context(inspector(c)));
    await run(h, c, { type: 'recordReinspection', reinspectedOn: earlier(addDays(d.visit, 8), d.today), rectified: true, note: '已更换灭火器' }, context(inspector(c)));
    await run(h, c, { type: 'closeReferral', note: '复查合格，销案' }, context(REVIEWER));
    await publish(h, c, d);
  },
  async (h, c, d) => {
    const approval = await recordAndApprove(h, c, result('pending_follow_up', d.visit, [hazard('h1', 6, '自动喷水灭火系统处于关闭状态', 'major', false)]));
    await refer(h, c, approval);
    await run(h, c, { type: 'escalateReferral', reason: '重大火灾隐患，集体讨论后立案调查', caseNo: null }, context(PLANNER));
  },
  async (h, c, d) => {
    await recordAndApprove(h, c, result('unreachable', d.visit));
    await publish(h, c, d);
  },
  async (h, c, d) => {
    await run(h, c, result('no_problem', d.visit), context(inspector(c)));
    await run(h, c, { type: 'review', decision: 'return', reviewerId: REVIEWER.id, reason: '第3项未附管理制度照片' }, context(REVIEWER));
  },
  async (h, c, d) => {
    await run(h, c, result('no_problem', d.visit), context(inspector(c)));
  },
  async () => {
    // Left assigned: the visit has not happened yet.
  },
];

export async function advanceDemoCases(handler: InspectionCommandHandler, cases: readonly DemoCase[], month: string, today: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [index, demoCase] of cases.entries()) {
    const dayOfMonth = String(1 + (index % 20)).padStart(2, '0');
    const visit = `${month}-${dayOfMonth}` < today ? `${month}-${dayOfMonth}` : today;
    const stepIndex = index % STEPS.length;
    await STEPS[stepIndex]!(handler, demoCase, { visit, today });
    counts[`step${stepIndex}`] = (counts[`step${stepIndex}`] ?? 0) + 1;
  }
  return counts;
}
