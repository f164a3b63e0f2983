import { LIFECYCLE_STATES, type LifecycleState } from '@shuangsui/domain';
import type { Condition, ReadStore, TableRef } from '../read-store.port';
import { AnswersAtCheckpoint } from './answers-at-checkpoint';
import { Deadlines, isPast, monthEnd } from './deadlines';
import { PROGRESS_CASES, progressProjection, type ProgressCaseRow } from './progress.projection';
import { parseCellKey, PROGRESS_TOTALS, TOTALS_ROW_KEY, type CellBy, type Cells } from './progress-totals';
import type { ReferralsReader, ReferralView } from './referrals.reader';

/** The lifecycle states a case can be counted in, as the statechart names them. */
export const CASE_STATES: readonly LifecycleState[] = LIFECYCLE_STATES;
/** Not visited yet: past its month, the case is overdue. Typed, so a renamed state breaks the build. */
const NOT_INSPECTED: readonly LifecycleState[] = ['drawn', 'assigned'];
const AWAITING_REVIEW: LifecycleState = 'inspected';
const AWAITING_PUBLICATION: LifecycleState = 'reviewed';
export type StateCounts = Record<string, number>;

export interface ProgressFilter {
  readonly month?: string;
  readonly planId?: string;
  readonly stratum?: string;
}

export interface ProgressCounts {
  readonly total: number;
  readonly byState: StateCounts;
  readonly byMonth: readonly { readonly month: string; readonly counts: StateCounts }[];
  readonly byStratum: readonly { readonly stratum: string; readonly counts: StateCounts }[];
  readonly byInspector: readonly { readonly inspectorId: string; readonly counts: StateCounts }[];
}

export interface OverdueCase {
  readonly caseId: string;
  readonly unitName: string;
  readonly month: string;
  readonly stratum: string;
  readonly state: string;
  readonly inspectorIds: readonly string[];
  readonly dueOn: string;
}

export interface OverdueReport {
  readonly asOf: string;
  readonly settings: { readonly reviewWorkingDays: number; readonly publicationWorkingDays: number };
  /** Drawn or assigned, and the visit month has ended. */
  readonly notInspectedByMonthEnd: readonly OverdueCase[];
  /** Waiting for review longer than the setting (working days). */
  readonly reviewPending: readonly OverdueCase[];
  /** Approved, not published, past the publication deadline. */
  readonly publicationPastDeadline: readonly OverdueCase[];
  /** Referral steps past their statutory deadlines. */
  readonly referralSteps: readonly ReferralView[];
}

const REF: TableRef = { projection: progressProjection.name, table: PROGRESS_CASES };
const TOTALS: TableRef = { projection: progressProjection.name, table: PROGRESS_TOTALS };
type Grouped = { readonly values: Record<string, unknown>; readonly count: number }[];

export class ProgressReader {
  private readonly totalsAnswers: AnswersAtCheckpoint<ProgressCounts>;

  constructor(
    private readonly store: ReadStore,
    private readonly deadlines: Deadlines,
    private readonly referrals: ReferralsReader,
    private readonly today: () => string,
  ) {
    this.totalsAnswers = new AnswersAtCheckpoint(store, progressProjection.name);
  }

  /**
   * The whole district's or one plan's counts come from the kept totals (one row); a month or stratum
   * filter counts the rows, which those filters narrow to a fraction. Both give the same answer (tested).
   */
  async counts(filter: ProgressFilter = {}): Promise<ProgressCounts> {
    return filter.month === undefined && filter.stratum === undefined ? this.countsFromTotals(filter.planId) : this.countsFromRows(filter);
  }

  async countsFromRows(filter: ProgressFilter): Promise<ProgressCounts> {
    const where = conditions(filter);
    const [byMonthState, byStratumState, byA, byB] = await Promise.all([
      this.store.countBy(REF, ['month', 'state'], where),
      this.store.countBy(REF, ['stratum', 'state'], where),
      this.store.countBy(REF, ['inspector_a', 'state'], [...where, { column: 'inspector_a', op: 'notNull' }]),
      this.store.countBy(REF, ['inspector_b', 'state'], [...where, { column: 'inspector_b', op: 'notNull' }]),
    ]);
    return summarise(byMonthState, byStratumState, [...byA.map(renameTo('inspector_a')), ...byB.map(renameTo('inspector_b'))]);
  }

  /** Every dashboard asks this of the same totals row until the next event: one answer per checkpoint, shared. */
  countsFromTotals(planId?: string): Promise<ProgressCounts> {
    return this.totalsAnswers.get(planId ?? '', () => this.readTotals(planId));
  }

  private async readTotals(planId?: string): Promise<ProgressCounts> {
    const [row] = await this.store.query(TOTALS, { where: [{ column: PROGRESS_TOTALS.key, op: 'eq', value: TOTALS_ROW_KEY }] });
    const by: Record<CellBy, Grouped> = { month: [], stratum: [], inspector: [] };
    for (const [key, count] of Object.entries((row?.['cells'] ?? {}) as Cells)) {
      const cell = parseCellKey(key);
      if (planId === undefined || cell.planId === planId) by[cell.by].push({ values: { [cell.by]: cell.value, state: cell.state }, count });
    }
    return summarise(by.month, by.stratum, by.inspector);
  }

  async overdue(filter: ProgressFilter = {}): Promise<OverdueReport> {
    const today = this.today();
    const where = conditions(filter);
    const currentMonth = today.slice(0, 7);
    const [notInspected, inspected, reviewed, referrals] = await Promise.all([
      this.store.query(REF, { where: [...where, { column: 'state', op: 'in', value: [...NOT_INSPECTED] }, { column: 'month', op: 'lt', value: currentMonth }], orderBy: [{ column: 'month' }] }),
      this.store.query(REF, { where: [...where, { column: 'state', op: 'eq', value: AWAITING_REVIEW }], orderBy: [{ column: 'inspected_on' }] }),
      this.store.query(REF, { where: [...where, { column: 'state', op: 'eq', value: AWAITING_PUBLICATION }], orderBy: [{ column: 'approved_on' }] }),
      this.referrals.list({ status: 'open', overdueOnly: true }),
    ]);
    const late = (rows: readonly unknown[], due: (row: ProgressCaseRow) => string | null): OverdueCase[] =>
      (rows as ProgressCaseRow[]).flatMap((row) => {
        const dueOn = due(row);
        return isPast(dueOn, today) ? [overdueCase(row, dueOn!)] : [];
      });
    return {
      asOf: today,
      settings: this.deadlines.settings,
      notInspectedByMonthEnd: late(notInspected, (row) => monthEnd(row.month)),
      reviewPending: late(inspected, (row) => (row.inspected_on ? this.deadlines.reviewDue(row.inspected_on) : null)),
      publicationPastDeadline: late(reviewed, (row) => (row.approved_on ? this.deadlines.publicationDue(row.approved_on) : null)),
      referralSteps: referrals.referrals,
    };
  }
}

/** The response from cases counted by month × state, stratum × state and inspector × state. */
function summarise(byMonthState: Grouped, byStratumState: Grouped, byInspectorState: Grouped): ProgressCounts {
  const byState = emptyCounts();
  let total = 0;
  for (const { values, count } of byMonthState) {
    byState[values['state'] as string] = (byState[values['state'] as string] ?? 0) + count;
    total += count;
  }
  return {
    total,
    byState,
    byMonth: grouped(byMonthState, 'month').map(([month, counts]) => ({ month, counts })),
    byStratum: grouped(byStratumState, 'stratum').map(([stratum, counts]) => ({ stratum, counts })),
    byInspector: grouped(byInspectorState, 'inspector').map(([inspectorId, counts]) => ({ inspectorId, counts })),
  };
}

function conditions(filter: ProgressFilter): Condition[] {
  const where: Condition[] = [];
  if (filter.month) where.push({ column: 'month', op: 'eq', value: filter.month });
  if (filter.planId) where.push({ column: 'plan_id', op: 'eq', value: filter.planId });
  if (filter.stratum) where.push({ column: 'stratum', op: 'eq', value: filter.stratum });
  return where;
}

function emptyCounts(): StateCounts {
  return Object.fromEntries(CASE_STATES.map((state) => [state, 0]));
}

function renameTo(column: string) {
  return ({ values, count }: { values: Record<string, unknown>; count: number }) => ({ values: { inspector: values[column], state: values['state'] }, count });
}

function grouped(rows: readonly { values: Record<string, unknown>; count: number }[], column: string): [string, StateCounts][] {
  const groups = new Map<string, StateCounts>();
  for (const { values, count } of rows) {
    const key = String(values[column]);
    const counts = groups.get(key) ?? emptyCounts();
    counts[values['state'] as string] = (counts[values['state'] as string] ?? 0) + count;
    groups.set(key, counts);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

function overdueCase(row: ProgressCaseRow, dueOn: string): OverdueCase {
  return {
    caseId: row.case_id,
    unitName: row.unit_name,
    month: row.month,
    stratum: row.stratum,
    state: row.state,
    inspectorIds: [row.inspector_a, row.inspector_b].filter((id): id is string => id !== null),
    dueOn,
  };
}
