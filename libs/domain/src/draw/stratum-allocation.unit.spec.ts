import fc from 'fast-check';
import { STRATA } from './draw.types';
import { allocateQuota, gradeOf, type StratumSize } from './stratum-allocation';

const ratios = { A: 500, B: 2000, C: 6000, D: 10000 };
const sizesOf = (counts: readonly number[]): StratumSize[] => STRATA.map((stratum, i) => ({ stratum, size: counts[i] ?? 0 }));

describe('stratum allocation (largest remainder over ratio × size)', () => {
  it('splits in proportion to the checks each stratum is due per year', () => {
    // Weights: A 500×100, A 500×300, B 2000×50, B 2000×150, C 6000×20, C 6000×60, D 10000×10, D 10000×30
    //        = 50000, 150000, 100000, 300000, 120000, 360000, 100000, 300000; W = 1480000.
    // Quota 37: exact shares 1.25, 3.75, 2.5, 7.5, 3, 9, 2.5, 7.5 → floors 1,3,2,7,3,9,2,7 = 34;
    // 3 seats left by largest remainder: 3.75 (A-non-key), then the ties at .5 in stratum order: B-key, B-non-key.
    const result = allocateQuota(37, sizesOf([100, 300, 50, 150, 20, 60, 10, 30]), ratios);
    expect(result).toEqual({ ok: true, allocation: [1, 4, 3, 8, 3, 9, 2, 7] });
  });

  it('caps a stratum at its size and re-divides the rest', () => {
    // D strata are small and heavily weighted; they are taken whole.
    const result = allocateQuota(50, sizesOf([100, 100, 10, 10, 5, 5, 3, 3]), ratios);
    expect(result.ok && result.allocation.slice(6)).toEqual([3, 3]);
    expect(result.ok && result.allocation.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it('fails when the quota exceeds the population or only zero-ratio strata are left', () => {
    expect(allocateQuota(11, sizesOf([5, 5]), ratios)).toEqual({ ok: false, reason: 'quota-exceeds-population', remaining: 1 });
    expect(allocateQuota(3, sizesOf([5, 0, 1]), { ...ratios, A: 0 })).toEqual({ ok: false, reason: 'zero-weight', remaining: 2 });
  });

  it('always allocates exactly the quota, within the stratum sizes, close to the exact share when uncapped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 8, maxLength: 8 }),
        fc.record({ A: fc.integer({ min: 1, max: 10000 }), B: fc.integer({ min: 1, max: 10000 }), C: fc.integer({ min: 1, max: 10000 }), D: fc.integer({ min: 1, max: 20000 }) }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (counts, bp, fraction) => {
          const sizes = sizesOf(counts);
          const total = counts.reduce((a, b) => a + b, 0);
          const quota = Math.floor(total * fraction);
          const result = allocateQuota(quota, sizes, bp);
          if (!result.ok) return false;
          const sum = result.allocation.reduce((a, b) => a + b, 0);
          if (sum !== quota) return false;
          if (result.allocation.some((k, i) => k < 0 || k > (sizes[i] as StratumSize).size)) return false;
          const capped = result.allocation.some((k, i) => k === (sizes[i] as StratumSize).size && k > 0);
          if (capped) return true;
          const W = sizes.reduce((w, s) => w + bp[gradeOf(s.stratum)] * s.size, 0);
          return result.allocation.every((k, i) => {
            const s = sizes[i] as StratumSize;
            const share = W === 0 ? 0 : (quota * bp[gradeOf(s.stratum)] * s.size) / W;
            return Math.abs(k - share) < 1;
          });
        },
      ),
    );
  });
});
