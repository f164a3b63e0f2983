import { canonicalJsonV2 } from './canonical-json-v2';
import { ALGORITHM_VERSION_V2, BUNDLE_FORMAT, type DrawBundle } from './bundle.types';
import { commitmentHashOf, secretCommitmentOf, witnessCommitmentOf } from './commit-reveal';
import { populationHashV2, validatePopulationV2 } from './population-v2';
import { drawV2, resultHashV2 } from './run-draw-v2';

export const BUNDLE_CHECKS = ['format', 'population', 'populationHash', 'commitment', 'witnessCommitments', 'beacon', 'order', 'seed', 'allocation', 'units', 'pairs', 'resultHash'] as const;
export type BundleCheckName = (typeof BUNDLE_CHECKS)[number];

export interface BundleCheck {
  readonly name: BundleCheckName;
  readonly ok: boolean;
  /** For people (Simplified Chinese). */
  readonly label: string;
  readonly detail: string;
}

const LABELS: Readonly<Record<BundleCheckName, string>> = {
  format: '文件格式与算法版本',
  population: '冻结名录格式（编号唯一、日期有效）',
  populationHash: '冻结名录哈希与承诺一致',
  commitment: '种子原文与承诺一致',
  witnessCommitments: '见证人输入与其承诺一致',
  beacon: '公开随机源的公布值',
  order: '先承诺后抽取（抽取记录指向承诺事件）',
  seed: '种子推导',
  allocation: '各层抽取数量',
  units: '抽中的单位',
  pairs: '选派的执法人员组合',
  resultHash: '结果哈希',
};

const sameJson = (a: unknown, b: unknown): boolean => {
  try {
    return canonicalJsonV2(a) === canonicalJsonV2(b);
  } catch {
    return false;
  }
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The members every check reads, so a malformed file fails `format` instead of throwing. */
function hasLayout(b: DrawBundle): boolean {
  if (!isObject(b) || b.format !== BUNDLE_FORMAT || b.algorithmVersion !== ALGORITHM_VERSION_V2) return false;
  const { commitment: c, reveal: r, population: p, commitmentEvent: e, result } = b;
  if (!isObject(c) || !isObject(c.beacon) || !Array.isArray(c.witnesses) || !isObject(r) || typeof r.secret !== 'string' || !Array.isArray(r.witnesses)) return false;
  if (!r.witnesses.every((w) => isObject(w) && typeof w.value === 'string' && typeof w.nonce === 'string') || !c.witnesses.every((w) => isObject(w))) return false;
  if (!isObject(p) || !isObject(e) || (result !== undefined && (!isObject(result) || !Array.isArray(result.assignments) || !Array.isArray(result.strata)))) return false;
  return b.drawEvent === undefined || isObject(b.drawEvent);
}

/**
 * Re-runs a bundle's draw from the bundle alone and reports every check in BUNDLE_CHECKS order
 * (docs/draw-algorithm.md §V2.7). Pure and without Node APIs: the CLI and the browser page call it.
 * A check that cannot be evaluated because an earlier one failed is reported as failed with the reason.
 */
export function verifyBundle(bundle: DrawBundle): BundleCheck[] {
  const checks: BundleCheck[] = [];
  const put = (name: BundleCheckName, ok: boolean, detail: string): boolean => {
    checks.push({ name, ok, label: LABELS[name], detail });
    return ok;
  };
  const skipRest = (from: BundleCheckName, why: string): BundleCheck[] => {
    for (const name of BUNDLE_CHECKS.slice(BUNDLE_CHECKS.indexOf(from))) put(name, false, why);
    return checks;
  };

  if (!hasLayout(bundle)) {
    put('format', false, `不是${BUNDLE_FORMAT}（${ALGORITHM_VERSION_V2}）格式的验证包`);
    return skipRest('population', '验证包格式不正确，无法核对');
  }
  put('format', true, `${BUNDLE_FORMAT}，算法${ALGORITHM_VERSION_V2}`);

  const problems = validatePopulationV2(bundle.population);
  if (!put('population', problems.length === 0, problems.length === 0 ? `${bundle.population.units.length}家单位，${bundle.population.inspectors.length}名执法人员` : problems.slice(0, 5).map((p) => `${p.field}：${p.message}`).join('；'))) {
    return skipRest('populationHash', '冻结名录格式不正确，无法核对');
  }
  const { commitment, reveal } = bundle;
  const hash = populationHashV2(bundle.population);
  put('populationHash', hash === commitment.populationHash, hash === commitment.populationHash ? hash : `承诺的名录哈希为${commitment.populationHash}，按验证包中的名录计算为${hash}`);

  let secretOk = false;
  try {
    secretOk = secretCommitmentOf(reveal.secret) === commitment.secretCommitment;
  } catch {
    secretOk = false;
  }
  put('commitment', secretOk, secretOk ? commitment.secretCommitment : '种子原文的SHA-256与承诺值不符');

  const witnessProblems: string[] = [];
  if (reveal.witnesses.length !== commitment.witnesses.length) witnessProblems.push(`承诺${commitment.witnesses.length}个见证人输入，揭示${reveal.witnesses.length}个`);
  commitment.witnesses.forEach((w, i) => {
    const r = reveal.witnesses[i];
    if (r !== undefined && witnessCommitmentOf(w, r) !== w.commitment) witnessProblems.push(`第${i + 1}个见证人输入（${w.source}）与其承诺不符`);
  });
  put('witnessCommitments', witnessProblems.length === 0, witnessProblems.length === 0 ? `${commitment.witnesses.length}个见证人输入均与承诺一致` : witnessProblems.join('；'));

  const beaconValue = reveal.beaconValue;
  const beaconOk = typeof beaconValue === 'string' && beaconValue.trim() !== '';
  put('beacon', beaconOk, beaconOk ? `${commitment.beacon.source}${commitment.beacon.round}：${beaconValue}` : `缺少${commitment.beacon.source}${commitment.beacon.round}的公布值`);

  const result = bundle.result;
  if (result === undefined) return skipRest('order', '尚未抽取');
  const orderOk =
    result.commitmentEventId === bundle.commitmentEvent.eventId &&
    result.commitmentEventHash === bundle.commitmentEvent.eventHash &&
    result.commitmentHash === commitmentHashOf(commitment) &&
    (bundle.drawEvent === undefined || bundle.drawEvent.position > bundle.commitmentEvent.position);
  put('order', orderOk, orderOk ? `承诺事件位置${bundle.commitmentEvent.position}${bundle.drawEvent ? `，抽取事件位置${bundle.drawEvent.position}` : ''}` : '抽取记录未指向本承诺事件，或抽取事件不在承诺事件之后');
  if (!beaconOk) return skipRest('seed', '缺少公开随机源的公布值，无法推导种子');

  const rerun = drawV2({
    drawId: result.drawId,
    population: bundle.population,
    commitment,
    commitmentEvent: { eventId: result.commitmentEventId, eventHash: result.commitmentEventHash },
    secret: reveal.secret,
    beaconValue: beaconValue as string,
    witnessValues: reveal.witnesses.map((w) => w.value),
  });
  if (!rerun.ok) return skipRest('seed', `重新抽取失败：${rerun.message}`);
  const again = rerun.result;
  put('seed', again.seed === result.seed, again.seed === result.seed ? again.seed : `记录的种子为${result.seed}，重新推导为${again.seed}`);
  put('allocation', sameJson(again.strata, result.strata), sameJson(again.strata, result.strata) ? again.strata.map((s) => s.allocated).join('，') : '各层抽取数量与重新计算的不一致');
  const unitIds = (xs: readonly { readonly unitId: string }[]): string => xs.map((a) => a.unitId).join(',');
  const unitsOk = unitIds(again.assignments) === unitIds(result.assignments ?? []);
  const firstUnitDiff = (result.assignments ?? []).findIndex((a, i) => a.unitId !== again.assignments[i]?.unitId);
  put('units', unitsOk, unitsOk ? `${again.assignments.length}家单位一致` : `第${(firstUnitDiff < 0 ? again.assignments.length : firstUnitDiff) + 1}家单位不符`);
  const pairDiff = again.assignments.findIndex((a, i) => !sameJson(a, result.assignments?.[i]));
  const pairsOk = pairDiff < 0 && again.assignments.length === (result.assignments ?? []).length;
  put('pairs', pairsOk, pairsOk ? `${again.assignments.length}组执法人员一致` : `第${pairDiff + 1}条：记录为${result.assignments?.[pairDiff]?.inspectorIds?.join('、') ?? '（无）'}，重新抽取为${again.assignments[pairDiff]?.inspectorIds.join('、') ?? '（无）'}`);
  let recordedHashOk = false;
  try {
    recordedHashOk = resultHashV2(result) === result.resultHash;
  } catch {
    recordedHashOk = false;
  }
  const hashOk = recordedHashOk && again.resultHash === result.resultHash;
  put('resultHash', hashOk, hashOk ? result.resultHash : `记录的结果哈希${result.resultHash}，按记录内容计算${recordedHashOk ? '一致' : '不符'}，重新抽取为${again.resultHash}`);
  return checks;
}

/** The first failed check, or null if the bundle verifies. */
export const firstFailure = (checks: readonly BundleCheck[]): BundleCheck | null => checks.find((c) => !c.ok) ?? null;
