import type { CalendarYear } from '../working-day-calendar';

/** 2026 as announced by the State Council (the same data loadWorkingDayCalendar reads from chinese-days). */
export const CALENDAR_2026: CalendarYear = {
  year: 2026,
  holidays: [
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  adjustedWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'],
};
