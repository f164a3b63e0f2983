import { WorkingDayCalendar } from '@shuangsui/domain';
import { CALENDAR_2026 } from '@shuangsui/domain/calendar/testing/calendar-2026';
import { Deadlines, monthEnd } from './deadlines';

const calendar = new WorkingDayCalendar([CALENDAR_2026]);
const deadlines = new Deadlines(calendar);

describe('read-side deadlines in working days', () => {
  it('order within 3 working days of a referral made just before National Day', () => {
    // 09-30 (Wed) → 10-08 (Thu, 1) → 10-09 (Fri, 2) → 10-10 (Sat, 调休上班, 3)
    expect(deadlines.orderDue('2026-09-30')).toBe('2026-10-10');
  });

  it('re-inspection within 3 working days after an order limit that ends in the Spring Festival week', () => {
    // limit 02-13 (Fri) → 02-14 (Sat 调休, 1) → 02-24 (2) → 02-25 (3)
    expect(deadlines.reinspectionDue('2026-02-13')).toBe('2026-02-25');
  });

  it('major hazard: collective opinion within 7 working days across National Day', () => {
    // 09-28 → 29, 30, 10-08, 09, 10 (Sat 调休), 12, 13
    expect(deadlines.collectiveOpinionDue('2026-09-28')).toBe('2026-10-13');
  });

  it('publication 20 working days after approval, across the Spring Festival', () => {
    // from 02-06: 02-09..13 (5), 02-14 Sat 调休 (6), 02-24..27 (10), 02-28 Sat 调休 (11), 03-02..06 (16), 03-09..12 (20)
    expect(deadlines.publicationDue('2026-02-06')).toBe('2026-03-12');
  });

  it('review pending: the setting is honoured', () => {
    expect(new Deadlines(calendar, { reviewWorkingDays: 2, publicationWorkingDays: 20 }).reviewDue('2026-09-29')).toBe('2026-10-08');
    expect(deadlines.reviewDue('2026-09-29')).toBe('2026-10-12');
  });

  it('a year without calendar data gives an unknown deadline, not a guess', () => {
    expect(deadlines.orderDue('2031-05-06')).toBeNull();
  });

  it('month end', () => {
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });
});
