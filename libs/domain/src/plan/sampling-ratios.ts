import type { RiskGrade } from '../inspection/inspection.events';
import { violation, type RuleViolation } from '../shared/rule-violation';

/**
 * Share of each risk grade's units to inspect per plan year. 1.0 = every unit once a year; above 1
 * means the grade demands repeated checks (2.0 = twice a year), which is what lets a unit be drawn
 * again in the same period (see `unitEligibility`).
 */
export type SamplingRatios = Readonly<Record<RiskGrade, number>>;

/** One county's published scale (docs/domain.md §3), top of each band: A ≤ 5 %, B ≤ 20 %, C ≤ 60 %, D 100 %. */
export const DEFAULT_SAMPLING_RATIOS: SamplingRatios = { A: 0.05, B: 0.2, C: 0.6, D: 1 };

/** The most checks per year a ratio may demand: monthly. */
export const MAX_SAMPLING_RATIO = 12;

export function validateSamplingRatios(ratios: SamplingRatios): RuleViolation[] {
  const errors: RuleViolation[] = [];
  for (const grade of ['A', 'B', 'C', 'D'] as const) {
    const r = ratios[grade];
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 0 || r > MAX_SAMPLING_RATIO) {
      errors.push(violation(`samplingRatios.${grade}`, 'ratio-range', `${grade}级抽查比例应在0至${MAX_SAMPLING_RATIO * 100}%之间`));
    } else if (Math.abs(r * 10000 - Math.round(r * 10000)) > 1e-6) {
      errors.push(violation(`samplingRatios.${grade}`, 'ratio-precision', `${grade}级抽查比例最多精确到0.01%`));
    }
  }
  if (errors.length === 0 && !(ratios.A <= ratios.B && ratios.B <= ratios.C && ratios.C <= ratios.D)) {
    errors.push(violation('samplingRatios', 'ratio-order', '风险越高抽查比例应越高：须满足A级≤B级≤C级≤D级'));
  }
  return errors;
}

/**
 * Ratios as integer basis points (1 % = 100), the exact form the draw uses: integer arithmetic gives
 * the same stratum allocation in every language.
 */
export function ratiosToBasisPoints(ratios: SamplingRatios): Readonly<Record<RiskGrade, number>> {
  return {
    A: Math.round(ratios.A * 10000),
    B: Math.round(ratios.B * 10000),
    C: Math.round(ratios.C * 10000),
    D: Math.round(ratios.D * 10000),
  };
}

/** Checks a unit of this grade may receive in one plan period: ceil(ratio), at least 1. */
export function checksAllowedPerPeriod(ratio: number): number {
  return Math.max(1, Math.ceil(Math.round(ratio * 10000) / 10000));
}
