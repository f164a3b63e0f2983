import type { ReminderKind } from '@shuangsui/domain';
import { PLAN_EVENT_TYPES, type AnnualPlanAdoptedData, type MonthlyQuotaSetData } from '@shuangsui/domain/plan';
import type { LeanEvent } from '@shuangsui/event-store';
import { caseIdOf, type EventHandler, type EventHandlers, type Projection, type RowAccess } from '../projection';
import type { RowRef, TableSpec } from '../read-store.port';
import { monthEnd } from './deadlines';
import { dayOf, payload, T } from './event-data';

/**
 * The reminders read model (docs/reminders.md): the clocks that are running, one row per clock, with
 * the date each runs from (its base). It holds no "now": whether a clock is near or overdue depends
 * on today, so the reader evaluates the pure rules (remindersDue) on read. The rows change only when
 * an event starts or stops a clock, so the model stays pure and "rebuild equals live" holds.
 *
 * A case clock's key is `<kind>:<caseId>`, a quota clock's `quotaNotSet:<planId>:<month>`.
 * `reminder_cases` keeps what each new case clock copies (plan, month, unit name, inspectors).
 */
export interface ReminderClockRow {
  readonly [column: string]: unknown;
  readonly clock_id: string;
  readonly kind: ReminderKind;
  readonly case_id: string | null;
  readonly plan_id: string;
  readonly month: string | null;
  readonly base: string;
  readonly unit_name: string | null;
  readonly inspector_ids: readonly string[];
}

export interface ReminderCaseRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly plan_id: string;
  readonly month: string;
  readonly unit_name: string;
  readonly inspector_ids: readonly string[];
}

export const REMINDER_CLOCKS: TableSpec = {
  name: 'reminder_clocks',
  key: 'clock_id',
  columns: { clock_id: 'text', kind: 'text', case_id: 'text', plan_id: 'text', month: 'text', base: 'text', unit_name: 'text', inspector_ids: 'json' },
  indexes: [['case_id'], ['kind']],
};

export const REMINDER_CASES: TableSpec = {
  name: 'reminder_cases',
  key: 'case_id',
  columns: { case_id: 'text', plan_id: 'text', month: 'text', unit_name: 'text', inspector_ids: 'json' },
};

/** The clocks a case can run. */
export const CASE_CLOCK_KINDS: readonly ReminderKind[] = [
  'notInspected', 'reviewPending', 'publicationDue', 'referralOrder', 'referralReinspection', 'referralCollectiveOpinion',
];
const REFERRAL_KINDS: readonly ReminderKind[] = ['referralOrder', 'referralReinspection', 'referralCollectiveOpinion'];

export const caseClockId = (kind: ReminderKind, caseId: string): string => `${kind}:${caseId}`;
export const quotaClockId = (planId: string, month: string): string => `quotaNotSet:${planId}:${month}`;

/** The 25th of the month before `month` (YYYY-MM): the day next month's quota must be set by. */
export function quotaDueOf(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const prevYear = mon === 1 ? year - 1 : year;
  const prevMonth = mon === 1 ? 12 : mon - 1;
  return `${prevYear}-${String(prevMonth).padStart(2, '0')}-25`;
}

/** Every YYYY-MM from `from`'s month to `to`'s month. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const m = `${year}-${String(month).padStart(2, '0')}`;
    if (m > last) break;
    months.push(m);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return months;
}

interface CaseStep {
  /** Clocks the event stops. */
  readonly stop?: readonly ReminderKind[];
  /** Clocks the event starts, with their base. */
  readonly start?: readonly { readonly kind: ReminderKind; readonly base: string }[];
  /** New inspectors for the case (they follow onto its running clocks). */
  readonly inspectorIds?: readonly string[];
}

/**
 * A case event: stops and starts clocks. Every case clock row is declared so that a change of
 * inspectors can follow onto the running ones.
 */
function caseStep(step: (event: LeanEvent, running: ReadonlySet<ReminderKind>) => CaseStep | undefined): EventHandler {
  return {
    rows: (event) => {
      const caseId = caseIdOf(event);
      if (caseId === null) return [];
      const refs: RowRef[] = [{ table: REMINDER_CASES.name, key: caseId }];
      for (const kind of CASE_CLOCK_KINDS) refs.push({ table: REMINDER_CLOCKS.name, key: caseClockId(kind, caseId) });
      return refs;
    },
    apply: (event, rows) => {
      const caseId = caseIdOf(event);
      if (caseId === null) return;
      const theCase = rows.get<ReminderCaseRow>(REMINDER_CASES.name, caseId);
      if (!theCase) return;
      const running = new Set(CASE_CLOCK_KINDS.filter((kind) => rows.get(REMINDER_CLOCKS.name, caseClockId(kind, caseId)) !== undefined));
      const change = step(event, running);
      if (!change) return;
      applyCaseStep(rows, theCase, running, change);
    },
  };
}

function applyCaseStep(rows: RowAccess, theCase: ReminderCaseRow, running: Set<ReminderKind>, change: CaseStep): void {
  let current = theCase;
  if (change.inspectorIds) {
    current = { ...theCase, inspector_ids: [...change.inspectorIds] };
    rows.put(REMINDER_CASES.name, current);
  }
  for (const kind of change.stop ?? []) {
    if (running.delete(kind)) rows.delete(REMINDER_CLOCKS.name, caseClockId(kind, current.case_id));
  }
  if (change.inspectorIds) {
    for (const kind of running) {
      const row = rows.get<ReminderClockRow>(REMINDER_CLOCKS.name, caseClockId(kind, current.case_id));
      if (row) rows.put(REMINDER_CLOCKS.name, { ...row, inspector_ids: current.inspector_ids });
    }
  }
  for (const { kind, base } of change.start ?? []) {
    const row: ReminderClockRow = {
      clock_id: caseClockId(kind, current.case_id), kind, case_id: current.case_id, plan_id: current.plan_id, month: current.month,
      base, unit_name: current.unit_name, inspector_ids: current.inspector_ids,
    };
    rows.put(REMINDER_CLOCKS.name, row);
  }
}

const drawn: EventHandler = {
  rows: (event) => {
    const caseId = caseIdOf(event);
    return caseId === null ? [] : [{ table: REMINDER_CASES.name, key: caseId }];
  },
  apply: (event, rows) => {
    const caseId = caseIdOf(event);
    if (caseId === null || rows.get(REMINDER_CASES.name, caseId)) return; // drawn once
    const { planId, month, unit } = payload(event, T.InspectionDrawn);
    const theCase: ReminderCaseRow = { case_id: caseId, plan_id: planId, month, unit_name: unit.name, inspector_ids: [] };
    rows.put(REMINDER_CASES.name, theCase);
    applyCaseStep(rows, theCase, new Set(), { start: [{ kind: 'notInspected', base: monthEnd(month) }] });
  },
};

const handlers: EventHandlers = {
  [T.InspectionDrawn]: drawn,
  [T.InspectorsAssigned]: caseStep((event) => ({ inspectorIds: payload(event, T.InspectorsAssigned).inspectorIds })),
  [T.InspectorsReassigned]: caseStep((event) => ({ inspectorIds: payload(event, T.InspectorsReassigned).inspectorIds })),
  // The visit happened: the month-end clock stops, the review clock starts.
  [T.InspectionResultRecorded]: caseStep((event) => ({ stop: ['notInspected', 'reviewPending'], start: [{ kind: 'reviewPending', base: dayOf(event) }] })),
  // A returned result goes back to its inspectors; the review clock restarts when they record again.
  [T.InspectionResultReturned]: caseStep(() => ({ stop: ['reviewPending'] })),
  [T.InspectionResultApproved]: caseStep((event, running) =>
    running.has('reviewPending') ? { stop: ['reviewPending'], start: [{ kind: 'publicationDue', base: dayOf(event) }] } : undefined,
  ),
  [T.InspectionResultPublished]: caseStep(() => ({ stop: ['publicationDue'] })),
  [T.InspectionCancelled]: caseStep(() => ({ stop: CASE_CLOCK_KINDS })),
  [T.HazardReferralOpened]: caseStep((event) => {
    const data = payload(event, T.HazardReferralOpened);
    const openedOn = dayOf(event);
    return {
      start: [{ kind: 'referralOrder', base: openedOn }, ...(data.hasMajorHazard ? [{ kind: 'referralCollectiveOpinion' as const, base: openedOn }] : [])],
    };
  }),
  // 复查 is due 3 working days after the order's time limit expires (a repeated order restarts it).
  [T.RectificationOrderIssued]: caseStep((event) => ({
    stop: ['referralOrder', 'referralReinspection'],
    start: [{ kind: 'referralReinspection', base: payload(event, T.RectificationOrderIssued).deadline }],
  })),
  [T.ReinspectionRecorded]: caseStep(() => ({ stop: ['referralReinspection'] })),
  // The log has no event for the collective opinion itself: its clock stops when the referral ends.
  [T.HazardReferralClosed]: caseStep(() => ({ stop: REFERRAL_KINDS })),
  [T.HazardReferralEscalated]: caseStep(() => ({ stop: REFERRAL_KINDS })),

  // An adopted plan starts a quota clock for each month of its period; setting the quota stops it.
  [PLAN_EVENT_TYPES.AnnualPlanAdopted]: {
    rows: () => [],
    apply: (event, rows) => {
      const data = event.data as unknown as AnnualPlanAdoptedData;
      for (const month of monthsBetween(data.period.from, data.period.to)) {
        const row: ReminderClockRow = {
          clock_id: quotaClockId(data.planId, month), kind: 'quotaNotSet', case_id: null, plan_id: data.planId, month,
          base: quotaDueOf(month), unit_name: null, inspector_ids: [],
        };
        rows.put(REMINDER_CLOCKS.name, row);
      }
    },
  },
  [PLAN_EVENT_TYPES.MonthlyQuotaSet]: {
    rows: () => [],
    apply: (event, rows) => {
      const data = event.data as unknown as MonthlyQuotaSetData;
      rows.delete(REMINDER_CLOCKS.name, quotaClockId(data.planId, data.month));
    },
  },
};

export const remindersProjection: Projection = { name: 'reminders', version: 1, tables: [REMINDER_CLOCKS, REMINDER_CASES], handlers };
