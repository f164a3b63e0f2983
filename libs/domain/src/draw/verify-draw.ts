import { canonicalJson } from '../shared/canonical-json';
import { ALGORITHM_VERSION, type DrawRecord, type DrawResult } from './draw.types';
import { canonicalPopulation, hashSortedPopulation } from './population-encoding';
import { drawFromSorted, resultHashOf } from './run-draw';
import { commitmentOf } from './seed';
import { validateDrawInput } from './draw-input.validation';

export interface DrawVerification {
  readonly match: boolean;
  readonly checks: {
    /** SHA-256(secret) equals the commitment recorded at the freeze, and the result carries both. */
    readonly commitment: boolean;
    /** The recorded population hashes to the hash recorded at the freeze and in the result. */
    readonly populationHash: boolean;
    /** Re-running the draw from the recorded inputs gives exactly the recorded result. */
    readonly result: boolean;
  };
  /** For people (Simplified Chinese): each difference found. */
  readonly differences: readonly string[];
}

const MAX_LISTED = 20;

/** Re-runs a recorded draw and reports every check, not just the first failure. */
export function verifyDraw(record: DrawRecord): DrawVerification {
  const { result } = record;
  const input = { ...record.input, population: canonicalPopulation(record.input.population) };
  const differences: string[] = [];

  if (result.algorithmVersion !== ALGORITHM_VERSION) {
    differences.push(`记录的算法版本为“${result.algorithmVersion}”，本验证程序实现的是“${ALGORITHM_VERSION}”`);
    return { match: false, checks: { commitment: false, populationHash: false, result: false }, differences };
  }
  const invalid = validateDrawInput(input);
  if (invalid.length > 0) {
    differences.push(...invalid.map((v) => `${v.field}: ${v.message}`));
    return { match: false, checks: { commitment: false, populationHash: false, result: false }, differences };
  }

  let commitment = commitmentOf(input.secret) === input.commitment;
  if (!commitment) differences.push('种子原文的SHA-256与冻结时登记的承诺值不符');
  if (result.commitment !== input.commitment || result.secret !== input.secret) {
    commitment = false;
    differences.push('抽取结果中记录的承诺值或种子原文与输入记录不一致');
  }

  const sorted = input.population;
  const hash = hashSortedPopulation(input.population, sorted);
  let populationHash = hash === input.populationHash;
  if (!populationHash) differences.push(`名录哈希不符：冻结时为${input.populationHash}，按记录的名录重新计算为${hash}`);
  if (result.populationHash !== input.populationHash) {
    populationHash = false;
    differences.push(`抽取结果中记录的名录哈希${result.populationHash}与冻结时登记的${input.populationHash}不一致`);
  }

  const rerun = drawFromSorted(input, sorted, hash);
  let resultOk: boolean;
  if (!rerun.ok) {
    resultOk = false;
    differences.push(`按记录的输入重新抽取失败：${rerun.failure.message}`);
  } else {
    const found = compareResults(result, rerun.result);
    if (resultOfHashMismatch(result)) found.push('抽取结果的结果哈希与其内容不符（结果记录被改动）');
    resultOk = found.length === 0;
    differences.push(...found);
  }
  const match = commitment && populationHash && resultOk;
  return { match, checks: { commitment, populationHash, result: resultOk }, differences };
}

const resultOfHashMismatch = (result: DrawResult): boolean => resultHashOf(result) !== result.resultHash;

function compareResults(recorded: DrawResult, recomputed: DrawResult): string[] {
  const found: string[] = [];
  if (recorded.seed !== recomputed.seed) found.push(`种子不符：记录为${recorded.seed}，重新推导为${recomputed.seed}`);
  if (recorded.month !== recomputed.month) found.push(`抽查月份不符：记录为${recorded.month}，名录为${recomputed.month}`);
  if (canonicalJson(recorded.witnessInputs) !== canonicalJson(recomputed.witnessInputs)) found.push('记录的公开输入与抽取输入不一致');
  if (canonicalJson(recorded.strata) !== canonicalJson(recomputed.strata)) found.push('各层抽取数量与重新计算的不一致');
  if (recorded.assignments.length !== recomputed.assignments.length) {
    found.push(`抽中单位数不符：记录${recorded.assignments.length}家，重新抽取${recomputed.assignments.length}家`);
  }
  const n = Math.max(recorded.assignments.length, recomputed.assignments.length);
  let listed = 0;
  let differing = 0;
  for (let i = 0; i < n; i += 1) {
    const a = recorded.assignments[i];
    const b = recomputed.assignments[i];
    if (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b)) continue;
    differing += 1;
    if (listed < MAX_LISTED) {
      listed += 1;
      const show = (x: typeof a): string => (x === undefined ? '（无）' : `${x.unitId} ← ${x.inspectorIds.join('、')}`);
      found.push(`第${i + 1}条抽取结果不符：记录为${show(a)}，重新抽取为${show(b)}`);
    }
  }
  if (differing > listed) found.push(`另有${differing - listed}条抽取结果不符`);
  if (found.length === 0 && recorded.resultHash !== recomputed.resultHash) found.push('结果哈希与重新计算的不一致');
  return found;
}
