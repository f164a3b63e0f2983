import { BloomFilter } from './bloom-filter';

describe('BloomFilter', () => {
  it('never forgets a value it was given', () => {
    const filter = new BloomFilter(16);
    const values = Array.from({ length: 5_000 }, (_, i) => `progress_cases\u0000case-${i}`);
    for (const value of values) filter.add(value);
    expect(values.every((value) => filter.mightContain(value))).toBe(true);
  });

  it('answers "never added" for almost every other value when sized for its load', () => {
    const filter = new BloomFilter(20);
    for (let i = 0; i < 50_000; i += 1) filter.add(`case-${i}`);
    let falsePositives = 0;
    for (let i = 50_000; i < 150_000; i += 1) if (filter.mightContain(`case-${i}`)) falsePositives += 1;
    // 50k keys in 2^20 bits with 4 probes: theory ≈ 0.2%.
    expect(falsePositives / 100_000).toBeLessThan(0.01);
  });

  it('starts empty', () => {
    expect(new BloomFilter(10).mightContain('')).toBe(false);
    expect(new BloomFilter(10).mightContain('anything')).toBe(false);
  });
});
