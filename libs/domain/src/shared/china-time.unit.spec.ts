import { chinaDate, chinaDateOfIso } from './china-time';

describe('chinaDate', () => {
  it('is the date at UTC+8', () => {
    expect(chinaDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(chinaDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
  });
});

describe('chinaDateOfIso', () => {
  it('agrees with chinaDate at every hour across month, year and leap-day boundaries', () => {
    for (const start of ['2024-02-27T00:00:00.000Z', '2025-12-30T00:00:00.000Z', '2026-09-29T00:00:00.000Z']) {
      for (let minutes = 0; minutes < 4 * 24 * 60; minutes += 17) {
        const iso = new Date(Date.parse(start) + minutes * 60_000).toISOString();
        expect(chinaDateOfIso(iso)).toBe(chinaDate(new Date(iso)));
      }
    }
  });

  it('parses other ISO forms the slow way', () => {
    expect(chinaDateOfIso('2026-01-31T20:00:00+00:00')).toBe('2026-02-01');
    expect(chinaDateOfIso('2026-01-31T07:00:00+08:00')).toBe('2026-01-31');
  });
});
