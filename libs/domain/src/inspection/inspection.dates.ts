import { chinaDateOfIso } from '../shared/china-time';
import { violation, type RuleViolation } from '../shared/rule-violation';
import type { InspectionCommand } from './inspection.commands';
import type { InspectionContext } from './inspection.context';

/**
 * Dates a person types must fit the case's own history and the calendar (China dates, compared as
 * YYYY-MM-DD strings): nothing dated in the future, a visit within the month it was drawn for, an order
 * not before the visit, a re-inspection not before its order, a publication not before its approval.
 * "Today" is the China date of the decision time, so a rule never depends on the server's time zone.
 */
export function checkDates(command: InspectionCommand, context: InspectionContext, occurredAt: string): RuleViolation | null {
  const today = chinaDateOfIso(occurredAt);
  const notFuture = (field: string, date: string, what: string): RuleViolation | null =>
    date > today ? violation(field, 'notInFuture', `${what}${date}晚于今天${today}，不能登记未来的日期`) : null;
  switch (command.type) {
    case 'recordResult': {
      const { visitDate } = command;
      if (context.month !== null && visitDate.slice(0, 7) !== context.month) {
        return violation('visitDate', 'withinCaseMonth', `检查日期${visitDate}不在本案的抽查月份${context.month}内`);
      }
      return notFuture('visitDate', visitDate, '检查日期');
    }
    case 'issueRectificationOrder': {
      const visitDate = context.result?.visitDate;
      if (visitDate !== undefined && command.issuedOn < visitDate) {
        return violation('issuedOn', 'notBeforeVisit', `责令改正通知书签发日期${command.issuedOn}早于检查日期${visitDate}`);
      }
      return notFuture('issuedOn', command.issuedOn, '签发日期');
    }
    case 'recordReinspection': {
      const order = context.referral?.orders[context.referral.orders.length - 1];
      if (order && command.reinspectedOn < order.issuedOn) {
        return violation('reinspectedOn', 'notBeforeOrder', `复查日期${command.reinspectedOn}早于责令改正通知书签发日期${order.issuedOn}`);
      }
      return notFuture('reinspectedOn', command.reinspectedOn, '复查日期');
    }
    case 'publish': {
      const approvedOn = context.approval ? chinaDateOfIso(context.approval.at) : undefined;
      if (approvedOn !== undefined && command.publishedOn < approvedOn) {
        return violation('publishedOn', 'notBeforeApproval', `公示日期${command.publishedOn}早于审核通过日期${approvedOn}`);
      }
      return notFuture('publishedOn', command.publishedOn, '公示日期');
    }
    default:
      return null;
  }
}
