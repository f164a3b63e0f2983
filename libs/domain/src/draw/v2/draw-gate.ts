import { violation, type RuleViolation } from '../../shared/rule-violation';
import type { CommitmentRound, DrawReveal } from './bundle.types';
import { secretCommitmentOf, witnessCommitmentOf } from './commit-reveal';
import { populationHashV2 } from './population-v2';
import type { FrozenPopulation } from '../draw.types';

const HEX64 = /^[0-9a-f]{64}$/;

export type DrawGateRejection =
  | ({ readonly kind: 'ruleViolation' } & RuleViolation)
  /** 409: the beacon is not public yet. */
  | { readonly kind: 'awaitingBeacon'; readonly state: 'awaiting-beacon'; readonly availableAt: string; readonly allowed: readonly string[]; readonly message: string }
  /** 409: this commitment round was already drawn on; a redraw needs a new freeze and a new beacon moment. */
  | { readonly kind: 'commitmentAlreadyUsed'; readonly state: 'drawn'; readonly commitmentEventId: string; readonly allowed: readonly string[]; readonly message: string };

export interface DrawGateFacts {
  readonly commitment: CommitmentRound;
  readonly commitmentEventId: string;
  readonly population: FrozenPopulation;
  readonly reveal: DrawReveal;
  /** Commitment rounds that earlier draws of this month already used. */
  readonly usedCommitmentEventIds: readonly string[];
  /** The decision time (ISO instant), injected: tests control the beacon moment. */
  readonly now: string;
}

/**
 * May the version-2 draw run now, on these reveals? (pure; docs/draw-algorithm.md §V2.5)
 * Order of the checks: the round was not used before (409), the beacon moment has passed (409), the
 * beacon value is given (422), the secret and each witness value match their commitments (422), and
 * the population still hashes to the committed hash (422). Returns null when the draw may run.
 */
export function checkDrawGate(f: DrawGateFacts): DrawGateRejection | null {
  if (f.usedCommitmentEventIds.includes(f.commitmentEventId)) {
    return {
      kind: 'commitmentAlreadyUsed',
      state: 'drawn',
      commitmentEventId: f.commitmentEventId,
      allowed: ['重新冻结名录并登记新的承诺（新的公开随机源时刻）后再重新抽取'],
      message: '本轮承诺已用于一次抽取；重新抽取必须先重新冻结名录、登记新的承诺和新的公开随机源时刻',
    };
  }
  if (Date.parse(f.now) < Date.parse(f.commitment.beacon.availableAt)) {
    return {
      kind: 'awaitingBeacon',
      state: 'awaiting-beacon',
      availableAt: f.commitment.beacon.availableAt,
      allowed: [`${f.commitment.beacon.availableAt}之后，${f.commitment.beacon.source}${f.commitment.beacon.round}结果公布后抽取`],
      message: `公开随机源“${f.commitment.beacon.source}${f.commitment.beacon.round}”于${f.commitment.beacon.availableAt}公布，此前不能抽取`,
    };
  }
  const broken = (field: string, rule: string, message: string): DrawGateRejection => ({ kind: 'ruleViolation', ...violation(field, rule, message) });
  if (f.reveal.beaconValue === undefined || f.reveal.beaconValue.trim() === '') {
    return broken('beaconValue', 'required', `缺少公开随机源“${f.commitment.beacon.source}${f.commitment.beacon.round}”的公布值，不能抽取`);
  }
  if (!HEX64.test(f.reveal.secret) || secretCommitmentOf(f.reveal.secret) !== f.commitment.secretCommitment) {
    return broken('secret', 'commitment-mismatch', '公开的种子原文与冻结时登记的承诺值不符，拒绝抽取');
  }
  if (f.reveal.witnesses.length !== f.commitment.witnesses.length) {
    return broken('witnesses', 'count', `冻结时登记了${f.commitment.witnesses.length}个见证人输入承诺，实际揭示${f.reveal.witnesses.length}个`);
  }
  for (let i = 0; i < f.commitment.witnesses.length; i += 1) {
    const w = f.commitment.witnesses[i] as CommitmentRound['witnesses'][number];
    if (witnessCommitmentOf(w, f.reveal.witnesses[i] as DrawReveal['witnesses'][number]) !== w.commitment) {
      return broken(`witnesses[${i}].value`, 'commitment-mismatch', `第${i + 1}个见证人输入（${w.source}）与冻结时登记的承诺不符，拒绝抽取`);
    }
  }
  if (populationHashV2(f.population) !== f.commitment.populationHash) {
    return broken('population', 'hash-mismatch', '抽取名录与冻结时登记的名录哈希不一致，拒绝抽取');
  }
  return null;
}
