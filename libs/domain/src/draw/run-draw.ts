import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';
import { validateDrawInput } from './draw-input.validation';
import { ALGORITHM_VERSION, type DrawFailure, type DrawFailureCode, type DrawInput, type DrawOutcome, type DrawResult } from './draw.types';
import { allocateSampleAndPair } from './draw-core';
import { canonicalPopulation, hashSortedPopulation, type SortedPopulation } from './population-encoding';
import { HashCounterPrng } from './prng';
import { commitmentOf, deriveSeed } from './seed';

const fail = (code: DrawFailureCode, message: string, extra: Partial<DrawFailure> = {}): DrawOutcome => ({
  ok: false,
  failure: { algorithmVersion: ALGORITHM_VERSION, code, message, ...extra },
});

export { stratumOf } from './draw-core';

/**
 * The monthly draw. Refuses (draws nothing) when the input is malformed, the secret does not match the
 * commitment, the population differs from the frozen hash, there are too few witness inputs, the quota
 * cannot be allocated, or some drawn unit cannot be given a valid pair.
 */
export function runDraw(recorded: DrawInput): DrawOutcome {
  // Sort first (a no-op check for a population stored in canonical order), then validate the sorted
  // copy: duplicate ids are then neighbours, and the population is sorted once only.
  const input: DrawInput = { ...recorded, population: canonicalPopulation(recorded.population) };
  const violations = validateDrawInput(input);
  if (violations.length > 0) return fail('INVALID_INPUT', '抽取输入不合规，未进行抽取', { violations });
  const min = input.minWitnessInputs ?? 1;
  if (input.witnessInputs.length < min) {
    return fail('NOT_ENOUGH_WITNESS_INPUTS', `至少需要${min}个冻结后产生的公开输入（现场见证人、公证员或公开号码），实际${input.witnessInputs.length}个`);
  }
  if (commitmentOf(input.secret) !== input.commitment) {
    return fail('COMMITMENT_MISMATCH', '公开的种子原文与冻结时登记的承诺值不符，拒绝抽取');
  }
  const sorted: SortedPopulation = input.population;
  const hash = hashSortedPopulation(input.population, sorted);
  if (hash !== input.populationHash) {
    return fail('POPULATION_HASH_MISMATCH', `抽取名录与冻结时登记的不一致（冻结哈希${input.populationHash}，当前哈希${hash}），拒绝抽取`);
  }
  return drawFromSorted(input, sorted, hash);
}

/**
 * The algorithm proper, on a population already sorted and hashed. Verification calls it even when the
 * commitment or hash checks fail, to report every difference at once.
 */
export function drawFromSorted(input: DrawInput, sorted: SortedPopulation, populationHash: string): DrawOutcome {
  const { population } = input;
  const seed = deriveSeed(populationHash, input.secret, input.witnessInputs);
  const core = allocateSampleAndPair(population, sorted.units, sorted.inspectors, new HashCounterPrng(seed));
  if (!core.ok) return fail(core.code, core.message, core.unitId === undefined ? {} : { unitId: core.unitId });
  const { strata, assignments } = core;

  const body = {
    algorithmVersion: ALGORITHM_VERSION,
    month: population.month,
    populationHash,
    commitment: input.commitment,
    secret: input.secret,
    witnessInputs: input.witnessInputs.map((w) => ({ kind: w.kind, source: w.source, value: w.value })),
    seed: seed.toString('hex'),
    strata,
    assignments,
  };
  const result: DrawResult = { ...body, resultHash: resultHashOf(body) };
  return { ok: true, result };
}

/** SHA-256 (lowercase hex) of the canonical JSON of the result without its resultHash member. */
export function resultHashOf(result: Omit<DrawResult, 'resultHash'> | DrawResult): string {
  const { resultHash: _ignored, ...body } = result as DrawResult;
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}
