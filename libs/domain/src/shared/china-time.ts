/** China has one time zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in China at a given instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * chinaDate of an ISO-8601 timestamp. A UTC timestamp as toISOString writes it (…THH:mm:ss.sssZ)
 * is converted by string arithmetic on its date and hour, without a Date: a replay converts
 * millions of event times and the Date round trip was a visible share of it.
 */
export function chinaDateOfIso(iso: string): string {
  if (iso.length !== 24 || iso.charCodeAt(10) !== 84 /* T */ || iso.charCodeAt(23) !== 90 /* Z */) return chinaDate(new Date(iso));
  const hour = (iso.charCodeAt(11) - 48) * 10 + (iso.charCodeAt(12) - 48);
  if (hour < 16) return iso.slice(0, 10); // before 16:00 UTC it is the same day in China
  const prefix = iso.slice(0, 13);
  if (prefix !== lastPrefix) {
    lastPrefix = prefix;
    lastDate = chinaDate(new Date(iso));
  }
  return lastDate;
}
let lastPrefix = '';
let lastDate = '';

/** A calendar day as people read it here: 2026-10-09 → 2026年10月9日. */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** A month as people read it here: 2026-03 → 2026年3月. */
export function chineseMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}
