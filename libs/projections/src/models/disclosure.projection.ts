import { CHECKLIST_ITEMS, INITIAL_REFERRAL_STATE, referralAfter, referralAfterApproval, type ReferralState } from '@shuangsui/domain';
import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { payload, T } from './event-data';

/**
 * The public record of docs/domain.md §4.5 — unit name, credit code, inspecting authority, inspection
 * date, items checked, result category, rectification status of hazards — and nothing else. The
 * table has no column that could hold personal data (no inspector, reviewer, responsible person or
 * contact), so nothing personal can leak through a query or an export. Rows exist from the draw
 * (so referral progress after publication still updates them); only `published = 1` rows are public.
 */
export interface DisclosureRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly unit_name: string;
  readonly credit_code: string;
  readonly authority: string;
  readonly inspection_date: string | null;
  /** Item numbers and outcomes as `item=outcome` pairs (see encodeItemsChecked); the reader adds each item's wording. */
  readonly items_checked: string;
  readonly result_category: string | null;
  readonly hazard_count: number;
  readonly hazards_corrected_on_site: number;
  /** The statechart's referral state (REFERRAL_STATES); not public itself, it decides hazard_rectification. */
  readonly referral_status: ReferralState;
  readonly hazard_rectification: string;
  readonly published: number;
  readonly published_on: string | null;
  /** The InspectionResultPublished event: the public record proves its place in the transparency log by it. */
  readonly publication_event_id: string | null;
}

export const DISCLOSURE_RECORDS: TableSpec = {
  name: 'disclosure_records',
  key: 'case_id',
  columns: {
    case_id: 'text', unit_name: 'text', credit_code: 'text', authority: 'text', inspection_date: 'text', items_checked: 'text',
    result_category: 'text', hazard_count: 'integer', hazards_corrected_on_site: 'integer', referral_status: 'text',
    hazard_rectification: 'text', published: 'integer', published_on: 'text', publication_event_id: 'text',
  },
  indexes: [['published', 'published_on'], ['published', 'credit_code'], ['published', 'inspection_date']],
};

/** Public rectification status codes and their labels (what the public list shows). */
export const HAZARD_RECTIFICATION = {
  no_hazard: '未发现隐患',
  corrected_on_site: '已当场整改',
  pending: '待后续处理',
  referred: '已移交后续处理',
  ordered: '已责令限期改正',
  not_rectified: '复查未整改，继续处理',
  rectified: '已整改',
  under_investigation: '已立案调查',
} as const;
export type HazardRectification = keyof typeof HAZARD_RECTIFICATION;

function rectificationOf(row: DisclosureRow): HazardRectification {
  switch (row.referral_status) {
    case 'referred': return 'referred';
    case 'orderIssued': return 'ordered';
    case 'notRectified': return 'not_rectified';
    case 'rectified':
    case 'closed': return 'rectified';
    case 'escalated': return 'under_investigation';
  }
  if (row.hazard_count === 0) return 'no_hazard';
  return row.hazards_corrected_on_site === row.hazard_count ? 'corrected_on_site' : 'pending';
}

const LABEL = new Map<number, string>(CHECKLIST_ITEMS.map((item) => [item.no, item.label]));

/** The checklist's wording of an item, as the public list shows it. */
export const checklistLabel = (item: number): string => LABEL.get(item) ?? `第${item}项`;

export interface ItemChecked {
  readonly item: number;
  readonly outcome: string;
}

/**
 * items_checked as stored: `item=outcome` pairs joined by commas, e.g. `1=compliant,5=non_compliant`
 * (outcome codes hold neither character). One short string per row rather than a JSON array of
 * seven objects, which cost a rebuild about 3% of its time to build, serialize and store.
 */
export function encodeItemsChecked(items: readonly ItemChecked[]): string {
  let text = '';
  for (const { item, outcome } of items) text += `${text === '' ? '' : ','}${item}=${outcome}`;
  return text;
}

export function decodeItemsChecked(text: string): ItemChecked[] {
  if (text === '') return [];
  return text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    return { item: Number(pair.slice(0, at)), outcome: pair.slice(at + 1) };
  });
}

/** The next version of a known case's row: a new object (`{ ...row, … }`), or `row` itself when nothing changes. */
type Evolve = (row: DisclosureRow, event: LeanEvent) => DisclosureRow;
type Mutable<R> = { -readonly [K in keyof R]: R[K] };

/**
 * A change to a known case's row, with the public rectification status derived from the result.
 * The status is written into the new object `evolve` made (one copy of the row per event, not two).
 */
const onCase = (evolve: Evolve) =>
  caseRowHandler<DisclosureRow>(DISCLOSURE_RECORDS.name, (row, event) => {
    if (!row) return undefined;
    const next = evolve(row, event);
    if (next === row) return undefined; // unchanged: nothing to write
    (next as Mutable<DisclosureRow>).hazard_rectification = rectificationOf(next);
    return next;
  });
/** A referral step, taken the way the statechart takes it; an event its state does not take changes nothing. */
const referralStep: Evolve = (row, event) => {
  const status = referralAfter(row.referral_status, event.type, event.data);
  return status === undefined ? row : { ...row, referral_status: status };
};

const handlers: EventHandlers = {
  [T.InspectionDrawn]: caseRowHandler<DisclosureRow>(DISCLOSURE_RECORDS.name, (row, event, caseId) => {
    if (row) return undefined; // drawn once: a case takes no second draw
    const { unit, authority } = payload(event, T.InspectionDrawn);
    return {
      case_id: caseId, unit_name: unit.name, credit_code: unit.creditCode, authority, inspection_date: null, items_checked: '',
      result_category: null, hazard_count: 0, hazards_corrected_on_site: 0, referral_status: INITIAL_REFERRAL_STATE,
      hazard_rectification: 'no_hazard', published: 0, published_on: null, publication_event_id: null,
    };
  }),
  [T.InspectionResultRecorded]: onCase((row, event) => {
    const data = payload(event, T.InspectionResultRecorded);
    return {
      ...row,
      inspection_date: data.visitDate,
      items_checked: encodeItemsChecked(data.items),
      result_category: data.category,
      hazard_count: data.hazards.length,
      hazards_corrected_on_site: data.hazards.filter((hazard) => hazard.correctedOnSite).length,
    };
  }),
  [T.InspectionResultPublished]: onCase((row, event) => ({ ...row, published: 1, published_on: payload(event, T.InspectionResultPublished).publishedOn, publication_event_id: event.id })),
  // The approved result is the latest recorded one, whose hazard count the row holds.
  [T.InspectionResultApproved]: onCase((row) => {
    const status = referralAfterApproval(row.referral_status, row.hazard_count > 0);
    return status === undefined ? row : { ...row, referral_status: status };
  }),
  [T.HazardReferralOpened]: onCase(referralStep),
  [T.RectificationOrderIssued]: onCase(referralStep),
  [T.ReinspectionRecorded]: onCase(referralStep),
  [T.HazardReferralClosed]: onCase(referralStep),
  [T.HazardReferralEscalated]: onCase(referralStep),
};

// Version 2: items_checked without the labels (they made up most of a row's bytes).
// Version 3: items_checked as `item=outcome` text instead of a JSON array.
// Version 4: referral_status follows the statechart (awaitingReferral after an approval with hazards).
// Version 5: publication_event_id, for the record's transparency-log proof.
export const disclosureProjection: Projection = { name: 'disclosure', version: 5, tables: [DISCLOSURE_RECORDS], handlers };
