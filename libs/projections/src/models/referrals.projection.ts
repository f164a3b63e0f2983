import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { dayOf, payload, T } from './event-data';

/**
 * One row per case; `status` stays `none` until a referral opens (the row only keeps the unit's
 * name for when it does, since HazardReferralOpened does not repeat it). Statuses follow the
 * referral region of the statechart: referred → orderIssued → rectified | notRectified → closed,
 * or escalated.
 */
export interface ReferralRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly unit_name: string;
  readonly credit_code: string;
  readonly authority: string;
  readonly district: string;
  readonly status: string;
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

export const OPEN_REFERRAL_STATUSES = ['referred', 'orderIssued', 'rectified', 'notRectified'] as const;

type Evolve = (row: ReferralRow, event: LeanEvent) => ReferralRow;
const onReferral = (evolve: Evolve) => caseRowHandler<ReferralRow>(REFERRALS.name, (row, event) => (row ? evolve(row, event) : undefined));

const handlers: EventHandlers = {
  [T.InspectionDrawn]: caseRowHandler<ReferralRow>(REFERRALS.name, (_row, event, caseId) => {
    const { unit, authority } = payload(event, T.InspectionDrawn);
    return {
      case_id: caseId, unit_name: unit.name, credit_code: unit.creditCode, authority, district: unit.district, status: 'none',
      hazard_count: 0, has_major_hazard: 0, approval_event_id: null, opened_on: null, order_no: null, order_issued_on: null,
      order_deadline: null, orders: 0, reinspected_on: null, rectified: null, closed_on: null, escalated_on: null, escalation_case_no: null,
    };
  }),
  [T.HazardReferralOpened]: onReferral((row, event) => {
    const data = payload(event, T.HazardReferralOpened);
    return {
      ...row, status: 'referred', hazard_count: data.hazardIds.length, has_major_hazard: data.hasMajorHazard ? 1 : 0,
      approval_event_id: data.approvalEventId, opened_on: dayOf(event),
    };
  }),
  [T.RectificationOrderIssued]: onReferral((row, event) => {
    const data = payload(event, T.RectificationOrderIssued);
    return { ...row, status: 'orderIssued', order_no: data.orderNo, order_issued_on: data.issuedOn, order_deadline: data.deadline, orders: row.orders + 1 };
  }),
  [T.ReinspectionRecorded]: onReferral((row, event) => {
    const data = payload(event, T.ReinspectionRecorded);
    return { ...row, status: data.rectified ? 'rectified' : 'notRectified', reinspected_on: data.reinspectedOn, rectified: data.rectified ? 1 : 0 };
  }),
  [T.HazardReferralClosed]: onReferral((row, event) => ({ ...row, status: 'closed', closed_on: dayOf(event) })),
  [T.HazardReferralEscalated]: onReferral((row, event) => ({
    ...row, status: 'escalated', escalated_on: dayOf(event), escalation_case_no: payload(event, T.HazardReferralEscalated).caseNo,
  })),
};

export const referralsProjection: Projection = { name: 'referrals', version: 1, tables: [REFERRALS], handlers };
