import type { ReferralState } from '@shuangsui/domain';
import type { Condition, ReadStore, TableRef } from '../read-store.port';
import { Deadlines, isPast } from './deadlines';
import { REFERRAL_STATUS_FILTERS, REFERRALS, referralsProjection, type ReferralRow } from './referrals.projection';

export type ReferralStep = 'order' | 'reinspection' | 'collective_opinion';

export interface OverdueStep {
  readonly step: ReferralStep;
  readonly dueOn: string;
}

export interface ReferralView {
  readonly caseId: string;
  readonly unitName: string;
  readonly creditCode: string;
  readonly authority: string;
  readonly district: string;
  /** The referral region's state (REFERRAL_STATES): awaitingReferral, referred, orderIssued, … */
  readonly status: ReferralState;
  readonly hazardCount: number;
  readonly hasMajorHazard: boolean;
  readonly approvalEventId: string | null;
  readonly openedOn: string | null;
  readonly order: { readonly orderNo: string; readonly issuedOn: string; readonly deadline: string; readonly count: number } | null;
  readonly reinspectedOn: string | null;
  readonly rectified: boolean | null;
  readonly closedOn: string | null;
  readonly escalatedOn: string | null;
  /** Statutory follow-up deadlines (docs/domain.md §4.6); null when the step does not apply or the calendar lacks the year. */
  readonly deadlines: { readonly orderDue: string | null; readonly reinspectionDue: string | null; readonly collectiveOpinionDue: string | null };
  readonly overdueSteps: readonly OverdueStep[];
}

export interface ReferralQuery {
  /** 'open' (default), 'all' (every opened referral), or one status of REFERRAL_STATES. */
  readonly status?: string;
  readonly overdueOnly?: boolean;
}

const REF: TableRef = { projection: referralsProjection.name, table: REFERRALS };
/** The states whose statutory deadlines run: waiting for an order, waiting for the re-inspection. */
const REFERRED: ReferralState = 'referred';
const ORDER_ISSUED: ReferralState = 'orderIssued';

/**
 * Hazard referrals with their follow-up deadlines. The major-hazard collective opinion has no event
 * of its own: it counts as given once an order is issued or the referral is escalated.
 */
export class ReferralsReader {
  constructor(
    private readonly store: ReadStore,
    private readonly deadlines: Deadlines,
    private readonly today: () => string,
  ) {}

  async list(query: ReferralQuery = {}): Promise<{ asOf: string; referrals: ReferralView[] }> {
    const status = query.status ?? 'open';
    const where: Condition[] =
      status === 'open' || status === 'all' ? [{ column: 'status', op: 'in', value: [...REFERRAL_STATUS_FILTERS[status]] }]
      : [{ column: 'status', op: 'eq', value: status }];
    const today = this.today();
    const rows = await this.store.query(REF, { where, orderBy: [{ column: 'opened_on' }] });
    const views = rows.map((row) => this.view(row as ReferralRow, today));
    return { asOf: today, referrals: query.overdueOnly ? views.filter((view) => view.overdueSteps.length > 0) : views };
  }

  private view(row: ReferralRow, today: string): ReferralView {
    const referred = row.status === REFERRED;
    const orderDue = row.opened_on ? this.deadlines.orderDue(row.opened_on) : null;
    const reinspectionDue = row.order_deadline ? this.deadlines.reinspectionDue(row.order_deadline) : null;
    const collectiveOpinionDue = row.has_major_hazard && row.opened_on ? this.deadlines.collectiveOpinionDue(row.opened_on) : null;
    const overdueSteps: OverdueStep[] = [];
    if (referred && isPast(orderDue, today)) overdueSteps.push({ step: 'order', dueOn: orderDue! });
    if (row.status === ORDER_ISSUED && isPast(reinspectionDue, today)) overdueSteps.push({ step: 'reinspection', dueOn: reinspectionDue! });
    if (referred && isPast(collectiveOpinionDue, today)) overdueSteps.push({ step: 'collective_opinion', dueOn: collectiveOpinionDue! });
    return {
      caseId: row.case_id,
      unitName: row.unit_name,
      creditCode: row.credit_code,
      authority: row.authority,
      district: row.district,
      status: row.status,
      hazardCount: row.hazard_count,
      hasMajorHazard: row.has_major_hazard === 1,
      approvalEventId: row.approval_event_id,
      openedOn: row.opened_on,
      order: row.order_no ? { orderNo: row.order_no, issuedOn: row.order_issued_on ?? '', deadline: row.order_deadline ?? '', count: row.orders } : null,
      reinspectedOn: row.reinspected_on,
      rectified: row.rectified === null ? null : row.rectified === 1,
      closedOn: row.closed_on,
      escalatedOn: row.escalated_on,
      deadlines: { orderDue, reinspectionDue, collectiveOpinionDue },
      overdueSteps,
    };
  }
}
