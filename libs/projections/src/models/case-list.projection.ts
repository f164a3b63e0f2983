import {
  INITIAL_LIFECYCLE_STATE,
  INITIAL_REFERRAL_STATE,
  lifecycleAfter,
  referralAfter,
  referralAfterApproval,
  type LifecycleState,
  type ReferralState,
} from '@shuangsui/domain';
import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { monthEnd } from './deadlines';
import { payload, T } from './event-data';

/**
 * One row per case for the case list (GET /inspections): what the list shows, filters and sorts on,
 * kept as the statechart moves (lifecycleAfter for the lifecycle region, referralAfter for the
 * referral region, as progress and referrals do). `search_text` holds the unit's name and credit
 * code in one column, so `q` is one substring test; the inspector tags (`|a|b|`) let one substring
 * test ask "is this inspector on the case", now or ever (an inspector reads every case they were
 * assigned to, case-read-access.ts).
 */
export interface CaseListRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly state: LifecycleState;
  readonly referral_state: ReferralState;
  readonly plan_id: string;
  readonly month: string;
  readonly unit_id: string;
  readonly unit_name: string;
  readonly credit_code: string;
  readonly search_text: string;
  readonly grade: string;
  /** 1: a key unit (消防安全重点单位). */
  readonly key_unit: number;
  readonly inspector_ids: readonly string[];
  readonly inspector_tags: string;
  readonly ever_inspector_tags: string;
  /** The latest recorded result's category. */
  readonly result: string | null;
  /** Hazards of the latest recorded result: the approval raises a referral only when there are some. */
  readonly hazard_count: number;
  readonly order_deadline: string | null;
  /** What the case waits for next: the visit month's end, or an issued order's correction deadline. */
  readonly deadline: string | null;
  /** When the latest event that changed the row happened (metadata.occurredAt). */
  readonly updated_at: string;
}

export const CASE_LIST: TableSpec = {
  name: 'case_list',
  key: 'case_id',
  columns: {
    case_id: 'text', state: 'text', referral_state: 'text', plan_id: 'text', month: 'text', unit_id: 'text', unit_name: 'text',
    credit_code: 'text', search_text: 'text', grade: 'text', key_unit: 'integer', inspector_ids: 'json', inspector_tags: 'text',
    ever_inspector_tags: 'text', result: 'text', hazard_count: 'integer', order_deadline: 'text', deadline: 'text', updated_at: 'text',
  },
  // The list's filters and sorts: an equality filter or the sort column can each use one of these.
  // Each filter's index ends with the default sort (newest change first), so a filtered first page
  // reads 20 index entries instead of sorting every match: 9 ms → 0.1 ms for one state of 20,000 cases.
  // The name and deadline sorts (ascending by default) end with the case id that breaks their ties, so
  // a deep page of many equal names reads the index too instead of sorting them all.
  indexes: [
    ['state', 'updated_at'], ['referral_state', 'updated_at'], ['month', 'updated_at'], ['plan_id', 'updated_at'], ['grade', 'updated_at'],
    ['result', 'updated_at'], ['updated_at'], ['deadline', 'case_id'], ['unit_name', 'case_id'],
  ],
};

/** Not visited yet: the case waits for its visit until the end of its month. */
const AWAITING_VISIT: ReadonlySet<LifecycleState> = new Set<LifecycleState>(['drawn', 'assigned']);
const ORDER_ISSUED: ReferralState = 'orderIssued';

export const inspectorTags = (ids: readonly string[]): string => (ids.length === 0 ? '' : `|${ids.join('|')}|`);
/** The substring an inspector's id makes in the tag columns. */
export const inspectorTag = (id: string): string => `|${id}|`;

function withDeadline(row: CaseListRow, event: LeanEvent): CaseListRow {
  const deadline = row.referral_state === ORDER_ISSUED ? row.order_deadline : AWAITING_VISIT.has(row.state) ? monthEnd(row.month) : null;
  return { ...row, deadline, updated_at: event.occurredAt };
}

type Evolve = (row: CaseListRow, event: LeanEvent) => CaseListRow;

/** A lifecycle step: changes the row only when the case's state takes the event, as the fold does. */
const onLifecycle = (evolve: Evolve = (row) => row): EventHandler =>
  caseRowHandler<CaseListRow>(CASE_LIST.name, (row, event) => {
    if (!row) return undefined;
    const state = lifecycleAfter(row.state, event.type, event.data);
    return state === undefined ? undefined : withDeadline(evolve({ ...row, state }, event), event);
  });

/** A referral step: changes the row only when the referral region takes the event. */
const onReferral = (evolve: Evolve = (row) => row): EventHandler =>
  caseRowHandler<CaseListRow>(CASE_LIST.name, (row, event) => {
    if (!row) return undefined;
    const referralState = referralAfter(row.referral_state, event.type, event.data);
    return referralState === undefined ? undefined : withDeadline(evolve({ ...row, referral_state: referralState }, event), event);
  });

function withInspectors(row: CaseListRow, ids: readonly string[]): CaseListRow {
  const ever = new Set([...row.ever_inspector_tags.split('|').filter(Boolean), ...ids]);
  return { ...row, inspector_ids: [...ids], inspector_tags: inspectorTags(ids), ever_inspector_tags: inspectorTags([...ever]) };
}

const handlers: EventHandlers = {
  [T.InspectionDrawn]: caseRowHandler<CaseListRow>(CASE_LIST.name, (row, event, caseId) => {
    if (row) return undefined; // drawn once: a case takes no second draw
    const { planId, month, unit } = payload(event, T.InspectionDrawn);
    return withDeadline(
      {
        case_id: caseId, state: INITIAL_LIFECYCLE_STATE, referral_state: INITIAL_REFERRAL_STATE, plan_id: planId, month, unit_id: unit.id,
        unit_name: unit.name, credit_code: unit.creditCode, search_text: `${unit.name}\u0001${unit.creditCode}`, grade: unit.riskGrade,
        key_unit: unit.isKeyUnit ? 1 : 0, inspector_ids: [], inspector_tags: '', ever_inspector_tags: '', result: null, hazard_count: 0,
        order_deadline: null, deadline: null, updated_at: event.occurredAt,
      },
      event,
    );
  }),
  [T.InspectorsAssigned]: onLifecycle((row, event) => withInspectors(row, payload(event, T.InspectorsAssigned).inspectorIds)),
  [T.InspectorsReassigned]: onLifecycle((row, event) => withInspectors(row, payload(event, T.InspectorsReassigned).inspectorIds)),
  [T.InspectionResultRecorded]: onLifecycle((row, event) => {
    const data = payload(event, T.InspectionResultRecorded);
    return { ...row, result: data.category, hazard_count: data.hazards.length };
  }),
  // The approval moves both regions: the lifecycle to reviewed, the referral to awaitingReferral when
  // the approved result has hazards (as the referrals model does).
  [T.InspectionResultApproved]: caseRowHandler<CaseListRow>(CASE_LIST.name, (row, event) => {
    if (!row) return undefined;
    const state = lifecycleAfter(row.state, event.type, event.data);
    const referralState = referralAfterApproval(row.referral_state, row.hazard_count > 0);
    if (state === undefined && !referralState) return undefined;
    return withDeadline({ ...row, state: state ?? row.state, referral_state: referralState || row.referral_state }, event);
  }),
  [T.InspectionResultReturned]: onLifecycle(),
  [T.InspectionResultPublished]: onLifecycle(),
  [T.InspectionCancelled]: onLifecycle(),
  [T.HazardReferralOpened]: onReferral(),
  [T.RectificationOrderIssued]: onReferral((row, event) => ({ ...row, order_deadline: payload(event, T.RectificationOrderIssued).deadline })),
  [T.ReinspectionRecorded]: onReferral(),
  [T.HazardReferralClosed]: onReferral(),
  [T.HazardReferralEscalated]: onReferral(),
};

// Version 2: each filter's index also holds the default sort; 3: name and deadline sorts with their tie-break.
export const caseListProjection: Projection = { name: 'case-list', version: 3, tables: [CASE_LIST], handlers };
