import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkingDayCalendar } from './load-calendar';

describe('loadWorkingDayCalendar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the packaged years, National Day 2025 included', () => {
    const calendar = loadWorkingDayCalendar(dir);
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday 调休上班
  });

  it('adds a year from a data file, without a code change', () => {
    writeFileSync(join(dir, '2099.json'), JSON.stringify({ year: 2099, holidays: ['2099-01-01'], adjustedWorkingDays: ['2099-01-03'] }));
    const calendar = loadWorkingDayCalendar(dir);
    expect(calendar.isWorkingDay('2099-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2099-01-03')).toBe(true);
  });
});
