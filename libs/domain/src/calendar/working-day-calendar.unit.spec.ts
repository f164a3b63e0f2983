import { CALENDAR_2026 } from './testing/calendar-2026';
import { CalendarNotCoveredError, WorkingDayCalendar } from './working-day-calendar';

const calendar2026 = new WorkingDayCalendar([CALENDAR_2026]);

describe('WorkingDayCalendar', () => {
  it('skips the National Day week and counts the adjusted working Saturday after it', () => {
    expect(calendar2026.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar2026.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // Saturday 调休上班
    expect(calendar2026.isWorkingDay('2026-09-20')).toBe(true); // Sunday 调休上班
  });

  it('skips the Spring Festival and counts the adjusted working Saturdays around it', () => {
    expect(calendar2026.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar2026.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar2026.addWorkingDays('2026-02-27', 1)).toBe('2026-02-28');
  });

  it('3 working days after an order issued before the holiday (statutory follow-up deadline)', () => {
    expect(calendar2026.addWorkingDays('2026-09-29', 3)).toBe('2026-10-09');
  });

  it('counts working days between dates and in a month', () => {
    expect(calendar2026.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(calendar2026.workingDaysInMonth('2026-10')).toBe(18);
    expect(calendar2026.workingDaysInMonth('2026-02')).toBe(16);
  });

  it('refuses a year it has no data for instead of guessing', () => {
    expect(() => calendar2026.isWorkingDay('2027-01-04')).toThrow(CalendarNotCoveredError);
  });
});
