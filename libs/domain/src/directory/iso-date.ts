/**
 * Calendar dates as ISO strings ('YYYY-MM-DD') and months ('YYYY-MM'). Plain strings compare in
 * calendar order, need no time zone, and encode byte-for-byte the same in every language, which the
 * draw's population hash relies on.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isIsoMonth(value: string): boolean {
  const match = MONTH.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return month >= 1 && month <= 12;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First and last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { readonly first: string; readonly last: string } {
  if (!isIsoMonth(month)) throw new RangeError(`monthBounds: not a YYYY-MM month: ${month}`);
  const year = Number(month.slice(0, 4));
  const mm = Number(month.slice(5, 7));
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(year, mm)).padStart(2, '0')}` };
}

/** The month before a 'YYYY-MM' month. */
export function previousMonth(month: string): string {
  if (!isIsoMonth(month)) throw new RangeError(`previousMonth: not a YYYY-MM month: ${month}`);
  const year = Number(month.slice(0, 4));
  const mm = Number(month.slice(5, 7));
  return mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, '0')}`;
}

/** Inclusive ranges [aFrom, aTo] and [bFrom, bTo] share at least one day. */
export function rangesOverlap(aFrom: string, aTo: string, bFrom: string, bTo: string): boolean {
  return aFrom <= bTo && bFrom <= aTo;
}

/** Whole years from `from` to `to` (ISO dates), counting a year only once its anniversary is reached. */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

/** Every month ('YYYY-MM') that a date range touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
