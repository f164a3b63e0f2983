import type { ReadStore, TableRef } from '../read-store.port';
import { PLAN_CASES, PLAN_MONTHS, planProjection, PLANS, type PlanMonthRow, type PlanRow } from './plan.projection';

/** docs/domain.md §3: 220 working days × 0.7 ÷ 2 inspectors per unit, when the plan has not said otherwise. */
export const DEFAULT_YEARLY_MINIMUM = Math.round((220 * 0.7) / 2);

export interface PlanProgress {
  readonly planId: string;
  readonly year: number | null;
  readonly yearlyMinimum: number;
  readonly months: readonly {
    readonly month: string;
    readonly quota: number | null;
    readonly capacity: number | null;
    readonly lateQuota: boolean;
    readonly lateReason: string | null;
    readonly quotaSetOn: string | null;
    readonly drawn: number;
    readonly cancelled: number;
  }[];
  readonly inspectors: readonly { readonly inspectorId: string; readonly assigned: number; readonly completed: number; readonly minimum: number; readonly remaining: number }[];
}

const ref = (table: typeof PLAN_CASES): TableRef => ({ projection: planProjection.name, table });

/** One adopted plan as the plan list shows it. */
export interface PlanSummary {
  readonly planId: string;
  readonly year: number | null;
  readonly yearlyMinimum: number;
}

export class PlanReader {
  constructor(private readonly store: ReadStore) {}

  /** Every plan, newest year first (a brigade adopts one a year, so the list stays short). */
  async list(): Promise<PlanSummary[]> {
    const rows = (await this.store.query(ref(PLANS), { orderBy: [{ column: 'year', direction: 'desc' }, { column: 'plan_id' }] })) as PlanRow[];
    return rows.map((row) => ({ planId: row.plan_id, year: row.year, yearlyMinimum: row.yearly_minimum ?? DEFAULT_YEARLY_MINIMUM }));
  }

  async progress(planId: string): Promise<PlanProgress | null> {
    const byPlan = [{ column: 'plan_id', op: 'eq' as const, value: planId }];
    const [plans, months, cancelled, byA, byB] = await Promise.all([
      this.store.query(ref(PLANS), { where: byPlan }),
      this.store.query(ref(PLAN_MONTHS), { where: byPlan, orderBy: [{ column: 'month' }] }),
      this.store.countBy(ref(PLAN_CASES), ['month'], [...byPlan, { column: 'cancelled', op: 'eq', value: 1 }]),
      this.store.countBy(ref(PLAN_CASES), ['inspector_a', 'completed'], [...byPlan, { column: 'inspector_a', op: 'notNull' }, { column: 'cancelled', op: 'eq', value: 0 }]),
      this.store.countBy(ref(PLAN_CASES), ['inspector_b', 'completed'], [...byPlan, { column: 'inspector_b', op: 'notNull' }, { column: 'cancelled', op: 'eq', value: 0 }]),
    ]);
    const plan = plans[0] as PlanRow | undefined;
    if (!plan && months.length === 0) return null;
    const minimum = plan?.yearly_minimum ?? DEFAULT_YEARLY_MINIMUM;
    const cancelledByMonth = new Map(cancelled.map(({ values, count }) => [values['month'] as string, count]));

    const inspectors = new Map<string, { assigned: number; completed: number }>();
    for (const [column, rows] of [['inspector_a', byA], ['inspector_b', byB]] as const) {
      for (const { values, count } of rows) {
        const id = values[column] as string;
        const entry = inspectors.get(id) ?? { assigned: 0, completed: 0 };
        entry.assigned += count;
        if (values['completed'] === 1) entry.completed += count;
        inspectors.set(id, entry);
      }
    }
    return {
      planId,
      year: plan?.year ?? null,
      yearlyMinimum: minimum,
      months: (months as PlanMonthRow[]).map((row) => ({
        month: row.month,
        quota: row.quota,
        capacity: row.capacity,
        lateQuota: row.late_quota === 1,
        lateReason: row.late_reason,
        quotaSetOn: row.quota_set_on,
        drawn: row.drawn,
        cancelled: cancelledByMonth.get(row.month) ?? 0,
      })),
      inspectors: [...inspectors]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([inspectorId, { assigned, completed }]) => ({ inspectorId, assigned, completed, minimum, remaining: Math.max(0, minimum - completed) })),
    };
  }
}
