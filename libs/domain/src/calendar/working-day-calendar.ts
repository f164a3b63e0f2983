/**
 * Working days on the Chinese public-holiday calendar (docs/domain.md §4.5): Monday–Friday are working
 * days unless they are public holidays; some weekends are adjusted working days (调休). The calendar
 * is data, one year at a time, published by the State Council each winter; this class only computes.
 * Asking about a year the data does not cover is an error, not a silent weekday guess, because a
 * wrong statutory deadline is worse than none.
 */

export interface CalendarYear {
  readonly year: number;
  /** Public holidays, YYYY-MM-DD (weekdays and weekends alike). */
  readonly holidays: readonly string[];
  /** Weekend days that are working days (调休上班), YYYY-MM-DD. */
  readonly adjustedWorkingDays: readonly string[];
}

export class CalendarNotCoveredError extends Error {
  override readonly name = 'CalendarNotCoveredError';
  constructor(readonly year: number, readonly coveredYears: readonly number[]) {
    super(`${year}年的节假日安排尚未载入（已载入：${coveredYears.join('、') || '无'}），请添加该年度日历数据`);
  }
}

const DAY_MS = 86_400_000;
const toDayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly adjusted = new Set<string>();
  private readonly years = new Set<number>();

  constructor(years: readonly CalendarYear[]) {
    for (const year of years) {
      this.years.add(year.year);
      year.holidays.forEach((day) => this.holidays.add(day));
      year.adjustedWorkingDays.forEach((day) => this.adjusted.add(day));
    }
  }

  get coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarNotCoveredError(year, this.coveredYears);
    if (this.holidays.has(date)) return false;
    if (this.adjusted.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The date `count` working days after `date` (the day itself not counted): the usual reading of
   * "within N working days" for statutory deadlines. count 0 returns the date itself.
   */
  addWorkingDays(date: string, count: number): string {
    let day = toDayNumber(date);
    let remaining = count;
    while (remaining > 0) {
      day += 1;
      if (this.isWorkingDay(fromDayNumber(day))) remaining -= 1;
    }
    return fromDayNumber(day);
  }

  /** Working days in (from, to]: how many working days have passed since `from` on `to`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = toDayNumber(from) + 1; day <= toDayNumber(to); day += 1) {
      if (this.isWorkingDay(fromDayNumber(day))) count += 1;
    }
    return count;
  }

  /** Working days of a month, YYYY-MM. */
  workingDaysInMonth(month: string): number {
    const first = toDayNumber(`${month}-01`);
    const [year, mon] = month.split('-').map(Number) as [number, number];
    const next = toDayNumber(new Date(Date.UTC(year, mon, 1)).toISOString().slice(0, 10));
    let count = 0;
    for (let day = first; day < next; day += 1) if (this.isWorkingDay(fromDayNumber(day))) count += 1;
    return count;
  }
}
