import type { FrozenPopulation } from '../draw.types';
import type { CommitmentRound, DrawReveal, EventRef } from '../v2/bundle.types';
import { secretCommitmentOf, witnessCommitmentOf } from '../v2/commit-reveal';
import { populationHashV2 } from '../v2/population-v2';
import type { BundleFacts } from '../v2/make-bundle';
import { inspector, unit } from './draw.fixtures';

/**
 * Vector 3 of docs/draw-algorithm.md (§V2.8): a later month of the plan (2026-04). Units carry last
 * pairs, inspectors prior loads from March, a leave inside April, a certificate that lapses, recusals;
 * two units of the directory were excluded at the freeze (drawn in March, closed) and are not here.
 */
export const V2_POPULATION: FrozenPopulation = {
  month: '2026-04',
  quota: 5,
  ratiosBp: { A: 500, B: 2000, C: 6000, D: 10000 },
  jointPlan: true,
  units: [
    unit('U01', 'A'),
    unit('U02', 'A'),
    unit('U03', 'B', true, ['I3', 'I2']),
    unit('U04', 'B'),
    unit('U05', 'B'),
    unit('U08', 'C', false, ['I4', 'I1']),
    unit('U11', 'C', true),
    unit('U12', 'C'),
    unit('U13', 'D', true, ['I1', 'I5']),
    unit('U14', 'D'),
  ],
  inspectors: [
    inspector('I1', { priorAssignments: 3 }),
    inspector('I2', { priorAssignments: 2, conflictUnitIds: ['U13', 'U11'] }),
    inspector('I3', { isFireInspector: false, certificateValidTo: '2027-06-30', priorAssignments: 3 }),
    inspector('I4', { canLead: false, priorAssignments: 2 }),
    inspector('I5', { priorAssignments: 0, leaves: [{ from: '2026-05-02', to: '2026-05-06' }, { from: '2026-03-10', to: '2026-03-12' }] }),
    inspector('I6', { leaves: [{ from: '2026-04-20', to: '2026-04-21' }] }),
    inspector('I7', { certificateValidTo: '2026-04-15' }),
  ],
};

export const V2_SECRET = '9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9';
export const V2_BEACON_VALUE = '3 8 1';
/** The observer typed "é" decomposed (e + U+0301): NFC makes it the same input as the composed form. */
export const V2_WITNESS_REVEALS: DrawReveal['witnesses'] = [
  { value: '5926', nonce: '1111111111111111111111111111111111111111111111111111111111111111' },
  { value: 'Ame\u0301lie 公证 2718', nonce: '2222222222222222222222222222222222222222222222222222222222222222' },
];
const WITNESSES = [
  { kind: 'observer' as const, source: '现场监督员 丙' },
  { kind: 'notary' as const, source: '示例市公证处' },
];

export const V2_COMMITMENT: CommitmentRound = {
  populationHash: populationHashV2(V2_POPULATION),
  secretCommitment: secretCommitmentOf(V2_SECRET),
  beacon: { source: '中国福利彩票3D', round: '2026-03-27', availableAt: '2026-03-27T13:30:00Z' },
  witnesses: WITNESSES.map((w, i) => ({ ...w, commitment: witnessCommitmentOf(w, V2_WITNESS_REVEALS[i] as DrawReveal['witnesses'][number]) })),
};

export const V2_COMMITMENT_EVENT: EventRef = {
  eventId: '01JQ0000000000000000000001',
  eventHash: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  position: 120,
};

export const V2_FACTS: BundleFacts = {
  drawId: 'yx-2026.2026-04',
  planId: 'yx-2026',
  population: V2_POPULATION,
  commitment: V2_COMMITMENT,
  commitmentEvent: V2_COMMITMENT_EVENT,
};

export const V2_REVEAL: DrawReveal = { secret: V2_SECRET, beaconValue: V2_BEACON_VALUE, witnesses: V2_WITNESS_REVEALS };
/** After the beacon moment. */
export const V2_NOW = '2026-03-27T14:00:00Z';
