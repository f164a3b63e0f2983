import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { PLAN_EVENT_TYPES, type AnnualPlanAdoptedData, type MonthlyQuotaSetData } from '@shuangsui/domain/plan';
import { payload, T } from './event-data';

/**
 * Plan progress: per plan and month the quota, capacity, late-quota flag and drawn count; per
 * inspector (counted at read time from plan_cases) assigned and completed against the yearly minimum.
 */

export interface PlanCaseRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly plan_id: string;
  readonly month: string;
  readonly inspector_a: string | null;
  readonly inspector_b: string | null;
  /** 1 once a result is recorded (the visit's work is done, whatever the category). */
  readonly completed: number;
  readonly cancelled: number;
}

export interface PlanMonthRow {
  readonly [column: string]: unknown;
  readonly plan_month: string;
  readonly plan_id: string;
  readonly month: string;
  readonly quota: number | null;
  readonly capacity: number | null;
  readonly late_quota: number;
  readonly late_reason: string | null;
  readonly quota_set_on: string | null;
  readonly drawn: number;
}

export interface PlanRow {
  readonly [column: string]: unknown;
  readonly plan_id: string;
  readonly year: number | null;
  /** Derived by the plan (working days × inspection share ÷ inspectors per unit); 77 with the defaults. */
  readonly yearly_minimum: number | null;
}

export const PLAN_CASES: TableSpec = {
  name: 'plan_cases',
  key: 'case_id',
  columns: { case_id: 'text', plan_id: 'text', month: 'text', inspector_a: 'text', inspector_b: 'text', completed: 'integer', cancelled: 'integer' },
  indexes: [['plan_id', 'inspector_a'], ['plan_id', 'inspector_b']],
};
export const PLAN_MONTHS: TableSpec = {
  name: 'plan_months',
  key: 'plan_month',
  columns: {
    plan_month: 'text', plan_id: 'text', month: 'text', quota: 'integer', capacity: 'integer', late_quota: 'integer',
    late_reason: 'text', quota_set_on: 'text', drawn: 'integer',
  },
  indexes: [['plan_id', 'month']],
};
export const PLANS: TableSpec = {
  name: 'plans',
  key: 'plan_id',
  columns: { plan_id: 'text', year: 'integer', yearly_minimum: 'integer' },
};

export const planMonthKey = (planId: string, month: string): string => `${planId}|${month}`;

function emptyMonth(planId: string, month: string): PlanMonthRow {
  return { plan_month: planMonthKey(planId, month), plan_id: planId, month, quota: null, capacity: null, late_quota: 0, late_reason: null, quota_set_on: null, drawn: 0 };
}

/** Changes one plan-month row; the row is created empty the first time a month is mentioned. */
export function planMonthHandler(locate: (event: LeanEvent) => { planId: string; month: string }, evolve: (row: PlanMonthRow, event: LeanEvent) => PlanMonthRow): EventHandler {
  return {
    rows: (event) => {
      const { planId, month } = locate(event);
      return [{ table: PLAN_MONTHS.name, key: planMonthKey(planId, month) }];
    },
    apply: (event, rows) => {
      const { planId, month } = locate(event);
      const current = rows.get<PlanMonthRow>(PLAN_MONTHS.name, planMonthKey(planId, month)) ?? emptyMonth(planId, month);
      rows.put(PLAN_MONTHS.name, evolve(current, event));
    },
  };
}

/** Sets a plan's own figures (year, derived yearly minimum). */
export function planHandler(evolve: (row: PlanRow | undefined, event: LeanEvent) => PlanRow, planIdOf: (event: LeanEvent) => string): EventHandler {
  return {
    rows: (event) => [{ table: PLANS.name, key: planIdOf(event) }],
    apply: (event, rows) => rows.put(PLANS.name, evolve(rows.get<PlanRow>(PLANS.name, planIdOf(event)), event)),
  };
}

/** The plan's own events (issue 3): the adopted plan and each month's quota. */
export const PLAN_EVENT_HANDLERS: EventHandlers = {
  [PLAN_EVENT_TYPES.AnnualPlanAdopted]: planHandler(
    (_row, event) => {
      const data = event.data as unknown as AnnualPlanAdoptedData;
      return { plan_id: data.planId, year: data.year, yearly_minimum: data.yearlyMinimumPerInspector };
    },
    (event) => (event.data as unknown as AnnualPlanAdoptedData).planId,
  ),
  [PLAN_EVENT_TYPES.MonthlyQuotaSet]: planMonthHandler(
    (event) => {
      const data = event.data as unknown as MonthlyQuotaSetData;
      return { planId: data.planId, month: data.month };
    },
    (row, event) => {
      const data = event.data as unknown as MonthlyQuotaSetData;
      return { ...row, quota: data.quota, capacity: data.capacity, late_quota: data.late ? 1 : 0, late_reason: data.lateReason, quota_set_on: data.setOn };
    },
  ),
};

type EvolveCase = (row: PlanCaseRow, event: LeanEvent) => PlanCaseRow;
const onCase = (evolve: EvolveCase) => caseRowHandler<PlanCaseRow>(PLAN_CASES.name, (row, event) => (row ? evolve(row, event) : undefined));

/** InspectionDrawn touches both the case row and its plan-month counter. */
const drawnHandler: EventHandler = {
  rows: (event) => {
    const data = payload(event, T.InspectionDrawn);
    return [{ table: PLAN_MONTHS.name, key: planMonthKey(data.planId, data.month) }];
  },
  apply: (event, rows) => {
    const data = payload(event, T.InspectionDrawn);
    const row: PlanCaseRow = { case_id: data.caseId, plan_id: data.planId, month: data.month, inspector_a: null, inspector_b: null, completed: 0, cancelled: 0 };
    rows.put(PLAN_CASES.name, row);
    const month = rows.get<PlanMonthRow>(PLAN_MONTHS.name, planMonthKey(data.planId, data.month)) ?? emptyMonth(data.planId, data.month);
    rows.put(PLAN_MONTHS.name, { ...month, drawn: month.drawn + 1 });
  },
};

const cancelledHandler: EventHandler = {
  rows: (event) => [{ table: PLAN_CASES.name, key: caseKey(event) }],
  apply: (event, rows) => {
    const row = rows.get<PlanCaseRow>(PLAN_CASES.name, caseKey(event));
    if (!row) return;
    rows.put(PLAN_CASES.name, { ...row, cancelled: 1 });
  },
};

const caseKey = (event: LeanEvent): string => event.streamId.slice('inspection-'.length);

const CASE_HANDLERS: EventHandlers = {
  [T.InspectionDrawn]: drawnHandler,
  [T.InspectorsAssigned]: onCase((row, event) => {
    const [a, b] = payload(event, T.InspectorsAssigned).inspectorIds;
    return { ...row, inspector_a: a, inspector_b: b };
  }),
  [T.InspectorsReassigned]: onCase((row, event) => {
    const [a, b] = payload(event, T.InspectorsReassigned).inspectorIds;
    return { ...row, inspector_a: a, inspector_b: b };
  }),
  [T.InspectionResultRecorded]: onCase((row) => ({ ...row, completed: 1 })),
  [T.InspectionCancelled]: cancelledHandler,
};

export const planProjection: Projection = {
  name: 'plan',
  version: 2,
  tables: [PLAN_CASES, PLAN_MONTHS, PLANS],
  handlers: { ...CASE_HANDLERS, ...PLAN_EVENT_HANDLERS },
};

