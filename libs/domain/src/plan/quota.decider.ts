import { isInspectorAvailableInMonth, type Inspector } from '../directory/inspector';
import { isIsoMonth } from '../directory/iso-date';
import type { Unit } from '../directory/unit';
import { buildFrozenPopulation } from '../draw/population-builder';
import { populationHash } from '../draw/population-encoding';
import type { BeaconSpec, WitnessCommitment } from '../draw/v2/bundle.types';
import { populationHashV2 } from '../draw/v2/population-v2';
import { validatePopulationV2 } from '../draw/v2/population-v2';
import { accept, reject, type Decider, type Decision } from '../shared/decider';
import { chineseMonth } from '../shared/china-time';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { PLAN_EVENT_TYPES as T, type AnnualPlanAdoptedData, type QuotaEvent, type MonthlyQuotaSetData, type EligiblePopulationFrozenData, type DrawSeedCommittedData } from './plan.events';
import { decideQuota } from './quota';
import type { UnitInspectionHistory } from './unit-eligibility';
import { monthlyCapacity } from './workload';

/** The facts a freeze needs: the directory as of `directoryPosition` with each unit's history, and a fresh commitment. */
interface FreezeFacts {
  readonly plan: AnnualPlanAdoptedData;
  readonly month: string;
  readonly units: readonly { readonly unit: Unit; readonly history: UnitInspectionHistory }[];
  readonly inspectors: readonly Inspector[];
  readonly priorAssignments: ReadonlyMap<string, number>;
  readonly directoryPosition: number;
  /** SHA-256 of a fresh secret (randomness is not the decider's to make). */
  readonly commitment: string;
  /** The decision time, ISO instant: a beacon must become public after it. */
  readonly now: string;
  /** Version 2: the public randomness named in advance and the witnesses' commitments (docs/draw-algorithm.md §V2). */
  readonly beacon?: BeaconSpec;
  readonly witnesses?: readonly WitnessCommitment[];
}

/**
 * Sets month M's quota. The command carries the facts the rules need, looked up by the application
 * from read models and the plan's own streams (never by scanning the log): the plan, the directory as
 * of `directoryPosition`, each unit's inspection history, the month's working days, today's China
 * date, and a fresh seed commitment.
 */
export interface SetQuota extends FreezeFacts {
  readonly type: 'setQuota';
  readonly quota: number;
  readonly lateReason?: string;
  readonly setOn: string;
  readonly workingDaysInMonth: number;
}

/**
 * A redraw's new commitment round (docs/draw-algorithm.md §V2.8): the directory is frozen again and a
 * new secret, beacon moment and witness commitments are recorded, so a redraw can no more be steered
 * than the first draw. Version 2 only: the beacon is required.
 */
export interface ReopenDrawRound extends FreezeFacts {
  readonly type: 'reopenDrawRound';
  readonly reason: string;
  readonly beacon: BeaconSpec;
}
export type QuotaCommand = SetQuota | ReopenDrawRound;

export interface QuotaState {
  readonly quota: MonthlyQuotaSetData | null;
  readonly freeze: EligiblePopulationFrozenData | null;
  readonly commitment: DrawSeedCommittedData | null;
  /** Rounds opened after the quota's own (0 = only the first). */
  readonly reopenedRounds: number;
}

export type QuotaRejection =
  | ({ readonly kind: 'ruleViolation' } & RuleViolation)
  | { readonly kind: 'quotaAlreadySet'; readonly planId: string; readonly month: string }
  | { readonly kind: 'quotaNotSet'; readonly planId: string; readonly month: string };

export function evolveQuota(state: QuotaState, event: QuotaEvent): QuotaState {
  switch (event.type) {
    case T.MonthlyQuotaSet:
      return { ...state, quota: event.data };
    case T.EligiblePopulationFrozen:
      return { ...state, freeze: event.data };
    case T.DrawSeedCommitted:
    case T.DrawSeedCommittedV2:
      return { ...state, commitment: event.data };
    case T.DrawRoundReopened:
      return { ...state, reopenedRounds: event.data.round };
    default:
      return state;
  }
}

/** The month rules, exported so the application can refuse a bad month before it gathers any facts. */
export function checkQuotaMonth(plan: AnnualPlanAdoptedData, month: string): RuleViolation | null {
  if (!isIsoMonth(month)) return violation('month', 'month', `月份格式应为YYYY-MM，实际为“${month}”`);
  if (`${month}-31` < plan.period.from || `${month}-01` > plan.period.to) {
    return violation('month', 'outside-plan', `${month}不在计划期间${plan.period.from}至${plan.period.to}内`);
  }
  return null;
}

const broken = (v: RuleViolation): Decision<never, QuotaRejection> => reject({ kind: 'ruleViolation', ...v });

/**
 * Refused above capacity, late (after the 25th of M−1) only with a reason, never twice for a month.
 * In the same decision it freezes the eligible population (hash of its canonical encoding) and
 * records the seed commitment, so quota, freeze and commitment land in one atomic append.
 */
export function decideSetQuota(command: SetQuota, state: QuotaState): Decision<QuotaEvent, QuotaRejection> {
  const { plan, month } = command;
  if (state.quota) return reject({ kind: 'quotaAlreadySet', planId: plan.planId, month });
  const monthProblem = checkQuotaMonth(plan, month);
  if (monthProblem) return broken(monthProblem);
  const available = command.inspectors.filter((inspector) => isInspectorAvailableInMonth(inspector, month)).length;
  const capacity = monthlyCapacity({
    availableInspectors: available,
    workingDaysInMonth: command.workingDaysInMonth,
    inspectionShare: plan.workload.inspectionShare,
    inspectorsPerUnit: plan.workload.inspectorsPerUnit,
  });
  const decision = decideQuota({ month, quota: command.quota, capacity, setOn: command.setOn, lateReason: command.lateReason });
  if (!decision.accepted) return broken(decision.violations[0] ?? violation('quota', 'quota', '月度抽查数不合规'));
  const frozen = freezeAndCommit(command, command.quota);
  if ('kind' in frozen) return frozen;
  const quotaSet: QuotaEvent = {
    type: T.MonthlyQuotaSet,
    data: {
      planId: plan.planId,
      month,
      quota: command.quota,
      capacity,
      availableInspectors: available,
      workingDaysInMonth: command.workingDaysInMonth,
      setOn: command.setOn,
      deadline: decision.deadline,
      late: decision.late,
      lateReason: decision.late ? decision.lateReason ?? null : null,
    },
  };
  return accept<QuotaEvent>(quotaSet, ...frozen);
}

/** A new round for a redraw: only after the quota is set, always with a reason and a new beacon moment. */
export function decideReopenDrawRound(command: ReopenDrawRound, state: QuotaState): Decision<QuotaEvent, QuotaRejection> {
  const { plan, month } = command;
  if (!state.quota) return reject({ kind: 'quotaNotSet', planId: plan.planId, month });
  const reason = command.reason.trim();
  if (reason === '') return broken(violation('reason', 'required', '重新抽取必须说明理由'));
  const frozen = freezeAndCommit(command, state.quota.quota);
  if ('kind' in frozen) return frozen;
  const round = state.reopenedRounds + 1;
  return accept<QuotaEvent>({ type: T.DrawRoundReopened, data: { planId: plan.planId, month, round, reason } }, ...frozen);
}

/** The freeze and the commitment events of a round, or the rule the population or beacon breaks. */
function freezeAndCommit(command: FreezeFacts, quota: number): [QuotaEvent, QuotaEvent] | Decision<never, QuotaRejection> {
  const { plan, month } = command;
  // A beacon already public at the freeze would let whoever knows the secret try witness values (issue 12).
  if (command.beacon && !(Date.parse(command.beacon.availableAt) > Date.parse(command.now))) {
    return broken(violation('beacon.availableAt', 'after-freeze', `公开随机源的公布时刻${command.beacon.availableAt}必须晚于冻结时刻${command.now}`));
  }
  const frozen = buildFrozenPopulation({
    month,
    quota,
    ratios: plan.samplingRatios,
    jointPlan: plan.jointPlan,
    period: plan.period,
    scope: plan.scope,
    units: command.units,
    inspectors: command.inspectors,
    priorAssignments: command.priorAssignments,
  });
  // docs/draw-algorithm.md §V2.2: duplicates, inverted ranges and the like are refused here, at the
  // freeze, so every published population has exactly one reading.
  const invalid = validatePopulationV2(frozen.population)[0];
  if (invalid) return broken(invalid);
  if (quota > frozen.population.units.length) {
    return broken(violation('quota', 'above-population', `${chineseMonth(month)}抽查数${quota}家超过可抽取的单位数${frozen.population.units.length}家`));
  }
  const planId = plan.planId;
  const freeze: QuotaEvent = {
    type: T.EligiblePopulationFrozen,
    data: {
      planId,
      month,
      populationHash: populationHash(frozen.population),
      population: frozen.population,
      directoryPosition: command.directoryPosition,
      excludedUnits: frozen.excluded.length,
      dueUnits: frozen.dueUnitIds.length,
    },
  };
  const commitment: QuotaEvent = command.beacon
    ? {
        type: T.DrawSeedCommittedV2,
        data: {
          planId,
          month,
          commitment: command.commitment,
          algorithmVersion: 'shuangsui-draw/2',
          populationHash: populationHashV2(frozen.population),
          beacon: command.beacon,
          witnesses: command.witnesses ?? [],
        },
      }
    : { type: T.DrawSeedCommitted, data: { planId, month, commitment: command.commitment } };
  return [freeze, commitment];
}

const decideQuotaCommand = (command: QuotaCommand, state: QuotaState): Decision<QuotaEvent, QuotaRejection> =>
  command.type === 'setQuota' ? decideSetQuota(command, state) : decideReopenDrawRound(command, state);

export const quotaDecider: Decider<QuotaCommand, QuotaEvent, QuotaState, QuotaRejection> = {
  initialState: () => ({ quota: null, freeze: null, commitment: null, reopenedRounds: 0 }),
  evolve: evolveQuota,
  decide: decideQuotaCommand,
};
