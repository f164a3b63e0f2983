import type { RiskGrade } from '../../inspection/inspection.events';
import { commitmentOf } from '../seed';
import { populationHash } from '../population-encoding';
import type { DrawInput, DrawInspector, DrawUnit, FrozenPopulation, WitnessInput } from '../draw.types';

export const MONTH = '2026-03';
export const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0';
export const WITNESS: readonly WitnessInput[] = [{ kind: 'observer', source: '现场监督员 甲', value: '31415' }];

/** A secret for test number n: distinct, valid, reproducible. */
export const secretFor = (n: number): string => n.toString(16).padStart(64, '0');

export function inspector(id: string, overrides: Partial<DrawInspector> = {}): DrawInspector {
  return {
    id,
    isFireInspector: true,
    canLead: true,
    certificateValidFrom: '2024-01-01',
    certificateValidTo: '2028-12-31',
    leaves: [],
    conflictUnitIds: [],
    priorAssignments: 0,
    ...overrides,
  };
}

export function unit(id: string, riskGrade: RiskGrade, isKeyUnit = false, lastPair?: readonly [string, string]): DrawUnit {
  return lastPair === undefined ? { id, riskGrade, isKeyUnit } : { id, riskGrade, isKeyUnit, lastPair };
}

/** `count` units spread over the grades (A, B, C, D in turn) and every fifth a key unit. */
export function units(count: number, prefix = 'U'): DrawUnit[] {
  const grades: RiskGrade[] = ['A', 'B', 'C', 'D'];
  return Array.from({ length: count }, (_, i) => unit(`${prefix}${String(i).padStart(5, '0')}`, grades[i % 4] as RiskGrade, i % 5 === 0));
}

export function inspectors(count: number): DrawInspector[] {
  return Array.from({ length: count }, (_, i) => inspector(`I${String(i).padStart(3, '0')}`));
}

export function population(overrides: Partial<FrozenPopulation> = {}): FrozenPopulation {
  return {
    month: MONTH,
    quota: 10,
    ratiosBp: { A: 500, B: 2000, C: 6000, D: 10000 },
    jointPlan: false,
    units: units(40),
    inspectors: inspectors(6),
    ...overrides,
  };
}

/** A complete, consistent draw input: hash and commitment computed from the given parts. */
export function drawInput(
  pop: FrozenPopulation = population(),
  secret: string = SECRET,
  witnessInputs: readonly WitnessInput[] = WITNESS,
): DrawInput {
  return { population: pop, populationHash: populationHash(pop), commitment: commitmentOf(secret), secret, witnessInputs };
}
