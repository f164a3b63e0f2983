import { addYears, unitEligibility, type EligibilityContext } from './unit-eligibility';
import { checksAllowedPerPeriod, DEFAULT_SAMPLING_RATIOS, ratiosToBasisPoints, validateSamplingRatios } from './sampling-ratios';

const context: EligibilityContext = {
  period: { from: '2026-01-01', to: '2026-12-31' },
  ratios: DEFAULT_SAMPLING_RATIOS,
  scope: { includeKeyUnits: true, includeNonKeyUnits: true },
};
const unit = { status: 'active' as const, district: '云杉街道', isKeyUnit: false, isCrowdDense: false, riskGrade: 'B' as const };

describe('frequency rules and eligibility', () => {
  it('excludes closed, deregistered and out-of-scope units', () => {
    expect(unitEligibility({ ...unit, status: 'closed' }, { drawsThisPeriod: 0 }, context)).toMatchObject({ eligible: false, reason: 'not-active' });
    expect(unitEligibility({ ...unit, status: 'deregistered' }, { drawsThisPeriod: 0 }, context)).toMatchObject({ eligible: false, reason: 'not-active' });
    expect(
      unitEligibility(unit, { drawsThisPeriod: 0 }, { ...context, scope: { ...context.scope, districts: ['白桦街道'] } }),
    ).toMatchObject({ eligible: false, reason: 'out-of-scope' });
    expect(unitEligibility(unit, { drawsThisPeriod: 0 }, { ...context, scope: { ...context.scope, includeNonKeyUnits: false } })).toMatchObject({
      eligible: false,
      reason: 'out-of-scope',
    });
  });

  it('does not draw a unit twice in a period unless its grade demands it', () => {
    expect(unitEligibility(unit, { drawsThisPeriod: 1 }, context)).toMatchObject({ eligible: false, reason: 'already-drawn-this-period' });
    const twiceForD = { ...context, ratios: { ...DEFAULT_SAMPLING_RATIOS, D: 2 } };
    expect(unitEligibility({ ...unit, riskGrade: 'D' }, { drawsThisPeriod: 1 }, twiceForD)).toMatchObject({ eligible: true });
    expect(unitEligibility({ ...unit, riskGrade: 'D' }, { drawsThisPeriod: 2 }, twiceForD)).toMatchObject({ eligible: false });
    expect(checksAllowedPerPeriod(0.05)).toBe(1);
    expect(checksAllowedPerPeriod(1.5)).toBe(2);
  });

  it('makes crowd-dense key units due yearly and other key units every two years', () => {
    const crowdDense = { ...unit, isKeyUnit: true, isCrowdDense: true };
    const key = { ...unit, isKeyUnit: true };
    expect(unitEligibility(crowdDense, { drawsThisPeriod: 0, lastInspectedOn: '2025-06-10' }, context)).toEqual({
      eligible: true,
      due: true,
      dueBy: '2026-06-10',
    });
    expect(unitEligibility(key, { drawsThisPeriod: 0, lastInspectedOn: '2025-06-10' }, context)).toEqual({
      eligible: true,
      due: false,
      dueBy: '2027-06-10',
    });
    expect(unitEligibility(key, { drawsThisPeriod: 0, lastInspectedOn: '2024-06-10' }, context)).toMatchObject({ due: true });
    expect(unitEligibility(key, { drawsThisPeriod: 0 }, context)).toEqual({ eligible: true, due: true, dueBy: '2026-12-31' });
    expect(unitEligibility(unit, { drawsThisPeriod: 0 }, context)).toEqual({ eligible: true, due: false });
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('sampling ratios', () => {
  it('defaults to A 5 %, B 20 %, C 60 %, D 100 % and converts to exact basis points', () => {
    expect(validateSamplingRatios(DEFAULT_SAMPLING_RATIOS)).toEqual([]);
    expect(ratiosToBasisPoints(DEFAULT_SAMPLING_RATIOS)).toEqual({ A: 500, B: 2000, C: 6000, D: 10000 });
  });

  it('refuses out-of-range, over-precise and inverted ratios', () => {
    expect(validateSamplingRatios({ A: -0.1, B: 0.2, C: 0.6, D: 1 }).map((v) => v.rule)).toEqual(['ratio-range']);
    expect(validateSamplingRatios({ A: 0.00001, B: 0.2, C: 0.6, D: 1 }).map((v) => v.rule)).toEqual(['ratio-precision']);
    expect(validateSamplingRatios({ A: 0.3, B: 0.2, C: 0.6, D: 1 }).map((v) => v.rule)).toEqual(['ratio-order']);
  });
});
