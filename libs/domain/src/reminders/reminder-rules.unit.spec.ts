import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { CALENDAR_2026 } from '../calendar/testing/calendar-2026';
import { concerns, dueDateOf, remindersDue, severityOn, type ReminderClock, type ReminderSettings } from './reminder-rules';

const calendar = new WorkingDayCalendar([CALENDAR_2026]);
const settings: ReminderSettings = { nearWorkingDays: 1, reviewWorkingDays: 5, publicationWorkingDays: 20 };
const clock = (overrides: Partial<ReminderClock>): ReminderClock => ({
  kind: 'referralOrder', caseId: 'case-1', planId: 'plan-2026', month: '2026-09', base: '2026-09-30', unitName: '示例市星河商贸有限公司', inspectorIds: ['insp-a', 'insp-b'], ...overrides,
});
/** Severity of one clock on each day, as the inbox would show it. */
const severities = (subject: ReminderClock, days: readonly string[], near = settings) =>
  Object.fromEntries(days.map((day) => [day, remindersDue([subject], day, calendar, near)[0]?.severity ?? null]));

describe('reminder date rules across the 2026 National Day holiday (10/1–10/7, 10/10 a working Saturday)', () => {
  it('statutory referral steps skip the holiday: due dates count working days only', () => {
    // Referred on Wed 9/30: the order's 3 working days are 10/8, 10/9 and the adjusted Saturday 10/10.
    expect(dueDateOf(clock({ kind: 'referralOrder', base: '2026-09-30' }), calendar, settings)).toBe('2026-10-10');
    // The order's limit ended Tue 9/29: re-inspection within 9/30, 10/8, 10/9.
    expect(dueDateOf(clock({ kind: 'referralReinspection', base: '2026-09-29' }), calendar, settings)).toBe('2026-10-09');
    // A major hazard referred Mon 9/28: 7 working days end Tue 10/13.
    expect(dueDateOf(clock({ kind: 'referralCollectiveOpinion', base: '2026-09-28' }), calendar, settings)).toBe('2026-10-13');
    // The review setting (5 working days) runs through the holiday the same way.
    expect(dueDateOf(clock({ kind: 'reviewPending', base: '2026-09-28' }), calendar, settings)).toBe('2026-10-10');
  });

  it('turns near one working day before, never during the holiday, and overdue from the day after', () => {
    const order = clock({ kind: 'referralOrder', base: '2026-09-30' });
    expect(severities(order, ['2026-09-30', '2026-10-03', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-11'])).toEqual({
      '2026-09-30': null, '2026-10-03': null, '2026-10-07': null, '2026-10-08': null, '2026-10-09': 'near', '2026-10-10': 'near', '2026-10-11': 'overdue',
    });
    // Due Fri 10/9: the last working day before it is Thu 10/8, so "near" with 1 day starts on 10/8, and
    // with 2 working days on Wed 9/30, a whole week of holiday before the due date.
    expect(severityOn('2026-10-09', '2026-09-30', calendar, 1)).toBeNull();
    expect(severityOn('2026-10-09', '2026-09-30', calendar, 2)).toBe('near');
    expect(severityOn('2026-10-09', '2026-10-05', calendar, 1)).toBeNull();
    expect(severityOn('2026-10-09', '2026-10-08', calendar, 1)).toBe('near');
  });

  it('the quota rule: next month\'s quota by the 25th; the month end for the visit', () => {
    const quota = clock({ kind: 'quotaNotSet', caseId: null, month: '2026-10', base: '2026-09-25', unitName: null, inspectorIds: [] });
    expect(severities(quota, ['2026-09-23', '2026-09-24', '2026-09-25', '2026-09-26'])).toEqual({
      '2026-09-23': null, '2026-09-24': 'near', '2026-09-25': 'near', '2026-09-26': 'overdue',
    });
    const visit = clock({ kind: 'notInspected', month: '2026-09', base: '2026-09-30' });
    expect(severities(visit, ['2026-09-28', '2026-09-29', '2026-10-01'])).toEqual({ '2026-09-28': null, '2026-09-29': 'near', '2026-10-01': 'overdue' });
  });

  it('ids are stable: the same clock, due date and severity give the same id; near and overdue differ', () => {
    const order = clock({});
    const [near] = remindersDue([order], '2026-10-09', calendar, settings);
    const [again] = remindersDue([{ ...order }], '2026-10-10', calendar, settings);
    const [overdue] = remindersDue([order], '2026-10-20', calendar, settings);
    expect(near!.id).toBe('referralOrder:case-1:2026-10-10:near');
    expect(again!.id).toBe(near!.id);
    expect(overdue!.id).toBe('referralOrder:case-1:2026-10-10:overdue');
    expect(overdue!.message).toBe('案件 case-1（示例市星河商贸有限公司）已移交处理，应在 3 个工作日内下达《责令限期改正通知书》；期限已于2026年10月10日到期，现已逾期');
  });

  it('a year the calendar does not cover gives no reminder rather than a guessed deadline', () => {
    expect(dueDateOf(clock({ kind: 'referralOrder', base: '2027-01-05' }), calendar, settings)).toBeNull();
    expect(remindersDue([clock({ kind: 'referralOrder', base: '2027-01-05' })], '2027-02-01', calendar, settings)).toEqual([]);
  });

  it('concerns the case\'s inspectors, the kind\'s roles and supervisors', () => {
    const [order] = remindersDue([clock({})], '2026-10-20', calendar, settings);
    const [review] = remindersDue([clock({ kind: 'reviewPending', base: '2026-09-28' })], '2026-10-20', calendar, settings);
    expect(concerns(order!, { id: 'insp-a', role: 'inspector' })).toBe(true);
    expect(concerns(order!, { id: 'insp-c', role: 'inspector' })).toBe(false);
    expect(concerns(order!, { id: 'p', role: 'planner' })).toBe(true);
    expect(concerns(order!, { id: 'r', role: 'reviewer' })).toBe(false);
    expect(concerns(review!, { id: 'r', role: 'reviewer' })).toBe(true);
    expect(concerns(review!, { id: 'insp-a', role: 'inspector' })).toBe(false);
    expect(concerns(review!, { id: 's', role: 'supervisor' })).toBe(true);
    expect(concerns(review!, { id: 'x', role: 'auditor' })).toBe(false);
  });
});
