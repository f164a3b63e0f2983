import { INITIAL_REFERRAL_STATE, OPEN_REFERRAL_STATES, OPENED_REFERRAL_STATES, referralAfter, referralAfterApproval, type ReferralState } from '@shuangsui/domain';
import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { dayOf, payload, T } from './event-data';

/**
 * One row per case, from its draw (the row keeps the unit's name for when a referral opens, since
 * HazardReferralOpened does not repeat it). `status` is the state of the statechart's referral
 * region, followed with its tables (referralAfter): none → awaitingReferral (an approved result with
 * hazards) → referred → orderIssued → rectified | notRectified → closed, or escalated.
 */
export interface ReferralRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly unit_name: string;
  readonly credit_code: string;
  readonly authority: string;
  readonly district: string;
  readonly status: ReferralState;
  /** Hazards of the latest recorded result until a referral opens, then those referred. */
  readonly hazard_count: number;
  readonly has_major_hazard: number;
  readonly approval_event_id: string | null;
  readonly opened_on: string | null;
  readonly order_no: string | null;
  readonly order_issued_on: string | null;
  readonly order_deadline: string | null;
  readonly orders: number;
  readonly reinspected_on: string | null;
  readonly rectified: number | null;
  readonly closed_on: string | null;
  readonly escalated_on: string | null;
  readonly escalation_case_no: string | null;
}

export const REFERRALS: TableSpec = {
  name: 'referrals',
  key: 'case_id',
  columns: {
    case_id: 'text', unit_name: 'text', credit_code: 'text', authority: 'text', district: 'text', status: 'text',
    hazard_count: 'integer', has_major_hazard: 'integer', approval_event_id: 'text', opened_on: 'text', order_no: 'text',
    order_issued_on: 'text', order_deadline: 'text', orders: 'integer', reinspected_on: 'text', rectified: 'integer',
    closed_on: 'text', escalated_on: 'text', escalation_case_no: 'text',
  },
  indexes: [['status']],
};

/** Statuses a referral list can ask for: the open ones (default), every opened one, or one status. */
export const REFERRAL_STATUS_FILTERS = {
  open: OPEN_REFERRAL_STATES,
  all: OPENED_REFERRAL_STATES,
} as const;

type Evolve = (row: ReferralRow, event: LeanEvent, status: ReferralState) => ReferralRow;

/**
 * A change to a known case's referral that moves it the way the statechart does. An event its
 * status does not take changes nothing, exactly as the fold ignores it.
 */
const onStep = (evolve: Evolve) =>
  caseRowHandler<ReferralRow>(REFERRALS.name, (row, event) => {
    if (!row) return undefined;
    const status = referralAfter(row.status, event.type, event.data);
    return status === undefined ? undefined : evolve(row, event, status);
  });

const handlers: EventHandlers = {
  [T.InspectionDrawn]: caseRowHandler<ReferralRow>(REFERRALS.name, (row, event, caseId) => {
    if (row) return undefined; // drawn once: a case takes no second draw
    const { unit, authority } = payload(event, T.InspectionDrawn);
    return {
      case_id: caseId, unit_name: unit.name, credit_code: unit.creditCode, authority, district: unit.district, status: INITIAL_REFERRAL_STATE,
      hazard_count: 0, has_major_hazard: 0, approval_event_id: null, opened_on: null, order_no: null, order_issued_on: null,
      order_deadline: null, orders: 0, reinspected_on: null, rectified: null, closed_on: null, escalated_on: null, escalation_case_no: null,
    };
  }),
  // The approval raises the referral only when the approved (latest) result has hazards. The row
  // does not follow the lifecycle, so a result or approval its lifecycle state would not take (no
  // decider records one) still counts here: the one place this model can differ from the fold.
  [T.InspectionResultRecorded]: caseRowHandler<ReferralRow>(REFERRALS.name, (row, event) => {
    if (!row || row.status !== INITIAL_REFERRAL_STATE) return undefined;
    const hazards = payload(event, T.InspectionResultRecorded).hazards.length;
    return hazards === row.hazard_count ? undefined : { ...row, hazard_count: hazards };
  }),
  [T.InspectionResultApproved]: caseRowHandler<ReferralRow>(REFERRALS.name, (row) => {
    const status = row && referralAfterApproval(row.status, row.hazard_count > 0);
    return status ? { ...row, status } : undefined;
  }),
  [T.HazardReferralOpened]: onStep((row, event, status) => {
    const data = payload(event, T.HazardReferralOpened);
    return {
      ...row, status, hazard_count: data.hazardIds.length, has_major_hazard: data.hasMajorHazard ? 1 : 0,
      approval_event_id: data.approvalEventId, opened_on: dayOf(event),
    };
  }),
  [T.RectificationOrderIssued]: onStep((row, event, status) => {
    const data = payload(event, T.RectificationOrderIssued);
    return { ...row, status, order_no: data.orderNo, order_issued_on: data.issuedOn, order_deadline: data.deadline, orders: row.orders + 1 };
  }),
  [T.ReinspectionRecorded]: onStep((row, event, status) => {
    const data = payload(event, T.ReinspectionRecorded);
    return { ...row, status, reinspected_on: data.reinspectedOn, rectified: data.rectified ? 1 : 0 };
  }),
  [T.HazardReferralClosed]: onStep((row, event, status) => ({ ...row, status, closed_on: dayOf(event) })),
  [T.HazardReferralEscalated]: onStep((row, event, status) => ({
    ...row, status, escalated_on: dayOf(event), escalation_case_no: payload(event, T.HazardReferralEscalated).caseNo,
  })),
};

// Version 2: status follows the statechart, including awaitingReferral between an approval with
// hazards and the referral's opening.
export const referralsProjection: Projection = { name: 'referrals', version: 2, tables: [REFERRALS], handlers };
