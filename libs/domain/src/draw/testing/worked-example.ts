import { commitmentOf } from '../seed';
import { populationHash } from '../population-encoding';
import type { DrawInput, FrozenPopulation, WitnessInput } from '../draw.types';
import { inspector, unit } from './draw.fixtures';

/** The worked example of docs/draw-algorithm.md §10. Changing anything here changes the test vectors. */
export const EXAMPLE_POPULATION: FrozenPopulation = {
  month: '2026-03',
  quota: 4,
  ratiosBp: { A: 500, B: 2000, C: 6000, D: 10000 },
  jointPlan: true,
  units: [
    unit('U01', 'A'),
    unit('U02', 'A'),
    unit('U03', 'B', true),
    unit('U04', 'B'),
    unit('U05', 'B'),
    unit('U06', 'C', true, ['I2', 'I1']),
    unit('U07', 'C'),
    unit('U08', 'C'),
    unit('U09', 'D', true),
    unit('U10', 'D'),
  ],
  inspectors: [
    inspector('I1', { priorAssignments: 1 }),
    inspector('I2', { conflictUnitIds: ['U09'] }),
    inspector('I3', { isFireInspector: false, certificateValidTo: '2027-06-30' }),
    inspector('I4', { canLead: false }),
    inspector('I5', { leaves: [{ from: '2026-03-10', to: '2026-03-12' }] }),
  ],
};

export const EXAMPLE_SECRET = '6b1f0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f405162738495a6b7c8d9';

export const EXAMPLE_WITNESSES: readonly WitnessInput[] = [
  { kind: 'public-number', source: '福利彩票第2026061期开奖号码', value: '407' },
  { kind: 'observer', source: '现场监督员 乙', value: '8842' },
];

export const EXAMPLE_INPUT: DrawInput = {
  population: EXAMPLE_POPULATION,
  populationHash: populationHash(EXAMPLE_POPULATION),
  commitment: commitmentOf(EXAMPLE_SECRET),
  secret: EXAMPLE_SECRET,
  witnessInputs: EXAMPLE_WITNESSES,
};
