import { allocateSampleAndPair } from '../draw-core';
import type { FrozenPopulation } from '../draw.types';
import { ALGORITHM_VERSION_V2, type CommitmentRound, type DrawResultV2, type EventRef } from './bundle.types';
import { canonicalJsonV2 } from './canonical-json-v2';
import { commitmentHashOf, deriveSeedV2, seedHex } from './commit-reveal';
import { sha256Hex } from './hashing';
import { canonicalPopulationV2 } from './population-v2';
import { HashCounterPrng } from '../prng';

export interface DrawV2Input {
  readonly drawId: string;
  readonly population: FrozenPopulation;
  readonly commitment: CommitmentRound;
  readonly commitmentEvent: Pick<EventRef, 'eventId' | 'eventHash'>;
  readonly secret: string;
  readonly beaconValue: string;
  readonly witnessValues: readonly string[];
}

export type DrawV2Outcome = { readonly ok: true; readonly result: DrawResultV2 } | { readonly ok: false; readonly code: string; readonly message: string; readonly unitId?: string };

/** SHA-256 of the canonical JSON v2 of the result without its resultHash member. */
export function resultHashV2(result: Omit<DrawResultV2, 'resultHash'> | DrawResultV2): string {
  const { resultHash: _ignored, ...body } = result as DrawResultV2;
  return sha256Hex(canonicalJsonV2(body));
}

/**
 * The version-2 draw proper. The caller has checked the gate (draw-gate.ts: beacon moment, witness
 * reveals, population hash); this only derives the seed and runs §7–8, which are unchanged from v1.
 */
export function drawV2(input: DrawV2Input): DrawV2Outcome {
  const population = canonicalPopulationV2(input.population);
  const seed = deriveSeedV2(input.commitment, {
    secret: input.secret,
    beaconValue: input.beaconValue,
    witnesses: input.witnessValues.map((value) => ({ value, nonce: '' })),
  });
  const core = allocateSampleAndPair(population, population.units, population.inspectors, new HashCounterPrng(seed));
  if (!core.ok) return core.unitId === undefined ? { ok: false, code: core.code, message: core.message } : { ok: false, code: core.code, message: core.message, unitId: core.unitId };
  const body: Omit<DrawResultV2, 'resultHash'> = {
    algorithmVersion: ALGORITHM_VERSION_V2,
    drawId: input.drawId,
    month: population.month,
    commitmentHash: commitmentHashOf(input.commitment),
    commitmentEventId: input.commitmentEvent.eventId,
    commitmentEventHash: input.commitmentEvent.eventHash,
    seed: seedHex(seed),
    strata: core.strata,
    assignments: core.assignments,
  };
  return { ok: true, result: { ...body, resultHash: resultHashV2(body) } };
}
