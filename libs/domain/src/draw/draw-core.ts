import { STRATA, type DrawAssignment, type DrawInspector, type DrawUnit, type FrozenPopulation, type StratumAllocation, type StratumKey } from './draw.types';
import { InspectorPairing } from './inspector-pairing';
import type { UniformSource } from './uniform-source';
import { allocateQuota } from './stratum-allocation';
import { stratify } from './stratify';
import { sampleWithoutReplacement } from './unit-sampling';

const GRADE_INDEX: Readonly<Record<string, number>> = { A: 0, B: 1, C: 2, D: 3 };
/** Position in STRATA: grade A–D, key before non-key. */
export const stratumIndex = (unit: DrawUnit): number => 2 * (GRADE_INDEX[unit.riskGrade] as number) + (unit.isKeyUnit ? 0 : 1);
export const stratumOf = (unit: DrawUnit): StratumKey => STRATA[stratumIndex(unit)] as StratumKey;

export type CoreOutcome =
  | { readonly ok: true; readonly strata: readonly StratumAllocation[]; readonly assignments: readonly DrawAssignment[] }
  | { readonly ok: false; readonly code: 'QUOTA_EXCEEDS_POPULATION' | 'QUOTA_NOT_ALLOCATABLE' | 'NO_VALID_PAIR'; readonly message: string; readonly unitId?: string };

/**
 * Allocation, sampling and pairing (docs/draw-algorithm.md §7–8), the same for every algorithm version:
 * the versions differ only in how the population is encoded and how the seed is derived. No hashing and
 * no Node APIs here, so the browser verifier runs exactly this code.
 */
export function allocateSampleAndPair(
  population: Pick<FrozenPopulation, 'quota' | 'ratiosBp' | 'month' | 'jointPlan'>,
  units: readonly DrawUnit[],
  inspectors: readonly DrawInspector[],
  prng: UniformSource,
): CoreOutcome {
  const { sizes: counts, starts, byStratum } = stratify(units, stratumIndex);
  const sizes = STRATA.map((stratum, i) => ({ stratum, size: counts[i] as number }));
  const allocated = allocateQuota(population.quota, sizes, population.ratiosBp);
  if (!allocated.ok) {
    return allocated.reason === 'quota-exceeds-population'
      ? { ok: false, code: 'QUOTA_EXCEEDS_POPULATION', message: `抽查数${population.quota}超过可抽取单位总数${units.length}` }
      : { ok: false, code: 'QUOTA_NOT_ALLOCATABLE', message: `按抽查比例无法分配剩余${allocated.remaining}家：剩余可抽单位所在风险等级的抽查比例均为0` };
  }
  const strata: StratumAllocation[] = sizes.map((s, i) => ({ stratum: s.stratum, eligible: s.size, allocated: allocated.allocation[i] as number }));

  const drawn: DrawUnit[] = [];
  strata.forEach(({ eligible, allocated: k }, i) => {
    const start = starts[i] as number;
    for (const position of sampleWithoutReplacement(eligible, k, prng)) drawn.push(units[byStratum[start + position] as number] as DrawUnit);
  });

  const pairing = new InspectorPairing(inspectors, population.month, population.jointPlan);
  const assignments: DrawAssignment[] = [];
  for (const unit of drawn) {
    const pair = pairing.assign(unit, prng);
    if (!pair.ok) return { ok: false, code: 'NO_VALID_PAIR', message: pair.message, unitId: unit.id };
    const first = pairing.idOf(pair.first);
    const second = pairing.idOf(pair.second);
    assignments.push({ unitId: unit.id, stratum: stratumOf(unit), inspectorIds: [first, second], leadInspectorId: pairing.isLead(pair.first) ? first : second });
  }
  return { ok: true, strata, assignments };
}
