import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingDayCalendar, type CalendarYear } from '@shuangsui/domain/calendar';

/**
 * Calendar data comes from the maintained `chinese-days` package (State Council notices since 2004),
 * plus optional files `<dir>/<year>.json` ({"year":2027,"holidays":[…],"adjustedWorkingDays":[…]}) that
 * add or replace a year — so a newly announced year needs a data file, not a code change.
 * The server passes `Settings.calendarDir` (SHUANGSUI_CALENDAR_DIR); without a directory only the
 * packaged years are known.
 */
export function loadWorkingDayCalendar(extraDir?: string): WorkingDayCalendar {
  const packaged = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const byYear = new Map<number, { holidays: string[]; adjustedWorkingDays: string[] }>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, { holidays: [], adjustedWorkingDays: [] });
    return byYear.get(year)!;
  };
  Object.keys(packaged.holidays).forEach((date) => yearOf(date).holidays.push(date));
  Object.keys(packaged.workdays).forEach((date) => yearOf(date).adjustedWorkingDays.push(date));
  const years: CalendarYear[] = [...byYear].map(([year, days]) => ({ year, ...days }));

  const overrides = extraDir !== undefined && existsSync(extraDir) ? readdirSync(extraDir).filter((name) => /^\d{4}\.json$/.test(name)).map((name) => join(extraDir, name)) : [];
  for (const file of overrides) {
    const year = JSON.parse(readFileSync(file, 'utf8')) as CalendarYear;
    const index = years.findIndex((existing) => existing.year === year.year);
    if (index >= 0) years.splice(index, 1);
    years.push(year);
  }
  return new WorkingDayCalendar(years);
}
