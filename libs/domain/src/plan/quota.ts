import { isIsoDate, isIsoMonth, monthBounds, previousMonth } from '../directory/iso-date';
import { chineseDate, chineseMonth } from '../shared/china-time';
import { violation, type RuleViolation } from '../shared/rule-violation';

/** Day of month M−1 by which the quota for month M must be set (docs/domain.md §3: "by the 25th"). */
export const QUOTA_DEADLINE_DAY = 25;

export interface QuotaRequest {
  /** The month the quota is for, 'YYYY-MM'. */
  readonly month: string;
  readonly quota: number;
  /** The month's capacity (`monthlyCapacity`). */
  readonly capacity: number;
  /** The date the quota is being set, 'YYYY-MM-DD' (the caller's clock, in China time). */
  readonly setOn: string;
  /** Required when late: why the quota comes after the deadline. */
  readonly lateReason?: string;
}

export type QuotaDecision =
  | { readonly accepted: true; readonly late: boolean; readonly deadline: string; readonly lateReason?: string }
  | { readonly accepted: false; readonly violations: readonly RuleViolation[] };

/** The deadline for month M's quota: the 25th of month M−1 (inclusive). */
export function quotaDeadline(month: string): string {
  return `${previousMonth(month)}-${String(QUOTA_DEADLINE_DAY).padStart(2, '0')}`;
}

/**
 * Decides whether a monthly quota may be set. On or before the deadline: accepted. After it: accepted
 * only with a reason, and flagged late. Once the month is over: refused. Above capacity: refused.
 */
export function decideQuota(request: QuotaRequest): QuotaDecision {
  const errors: RuleViolation[] = [];
  if (!isIsoMonth(request.month)) {
    return { accepted: false, violations: [violation('month', 'month', `月份格式应为YYYY-MM，实际为“${request.month}”`)] };
  }
  if (!isIsoDate(request.setOn)) {
    return { accepted: false, violations: [violation('setOn', 'date', `设定日期格式应为YYYY-MM-DD，实际为“${request.setOn}”`)] };
  }
  if (!Number.isInteger(request.quota) || request.quota < 0) {
    errors.push(violation('quota', 'non-negative-integer', '月度抽查数应为不小于0的整数'));
  } else if (request.quota > request.capacity) {
    errors.push(
      violation(
        'quota',
        'above-capacity',
        `${chineseMonth(request.month)}抽查数${request.quota}家超过本月检查能力${request.capacity}家（按在岗执法人员和工作日计算），请调低抽查数或增加执法人员`,
      ),
    );
  }
  const deadline = quotaDeadline(request.month);
  const late = request.setOn > deadline;
  const reason = request.lateReason?.trim() ?? '';
  if (request.setOn > monthBounds(request.month).last) {
    errors.push(violation('setOn', 'month-over', `${chineseMonth(request.month)}已结束，不能再设定该月抽查数`));
  } else if (late && reason === '') {
    errors.push(
      violation('lateReason', 'late-needs-reason', `${chineseMonth(request.month)}抽查数应于${chineseDate(deadline)}前设定，逾期设定须填写原因`),
    );
  }
  if (errors.length > 0) return { accepted: false, violations: errors };
  return late ? { accepted: true, late, deadline, lateReason: reason } : { accepted: true, late, deadline };
}
