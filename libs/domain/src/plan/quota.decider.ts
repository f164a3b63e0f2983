import { isInspectorAvailableInMonth, type Inspector } from '../directory/inspector';
import { isIsoMonth } from '../directory/iso-date';
import type { Unit } from '../directory/unit';
import { buildFrozenPopulation } from '../draw/population-builder';
import { populationHash } from '../draw/population-encoding';
import type { BeaconSpec, WitnessCommitment } from '../draw/v2/bundle.types';
import { populationHashV2 } from '../draw/v2/population-v2';
import { validatePopulationV2 } from '../draw/v2/population-v2';
import { accept, reject, type Decider, type Decision } from '../shared/decider';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { PLAN_EVENT_TYPES as T, type AnnualPlanAdoptedData, type QuotaEvent, type MonthlyQuotaSetData, type EligiblePopulationFrozenData, type DrawSeedCommittedData } from './plan.events';
import { decideQuota } from './quota';
import type { UnitInspectionHistory } from './unit-eligibility';
import { monthlyCapacity } from './workload';

/**
 * Sets month M's quota. The command carries the facts the rules need, looked up by the application
 * from read models and the plan's own streams (never by scanning the log): the plan, the directory as
 * of `directoryPosition`, each unit's inspection history, the month's working days, today's China
 * date, and a fresh seed commitment (randomness is not the decider's to make).
 */
export interface SetQuota {
  readonly type: 'setQuota';
  readonly plan: AnnualPlanAdoptedData;
  readonly month: string;
  readonly quota: number;
  readonly lateReason?: string;
  readonly setOn: string;
  readonly workingDaysInMonth: number;
  readonly units: readonly { readonly unit: Unit; readonly history: UnitInspectionHistory }[];
  readonly inspectors: readonly Inspector[];
  readonly priorAssignments: ReadonlyMap<string, number>;
  readonly directoryPosition: number;
  readonly commitment: string;
  /** Version 2: the public randomness named in advance and the witnesses' commitments (docs/draw-algorithm.md §V2). */
  readonly beacon?: BeaconSpec;
  readonly witnesses?: readonly WitnessCommitment[];
}
export type QuotaCommand = SetQuota;

export interface QuotaState {
  readonly quota: MonthlyQuotaSetData | null;
  readonly freeze: EligiblePopulationFrozenData | null;
  readonly commitment: DrawSeedCommittedData | null;
}

export type QuotaRejection =
  | ({ readonly kind: 'ruleViolation' } & RuleViolation)
  | { readonly kind: 'quotaAlreadySet'; readonly planId: string; readonly month: string };

export function evolveQuota(state: QuotaState, event: QuotaEvent): QuotaState {
  switch (event.type) {
    case T.MonthlyQuotaSet:
      return { ...state, quota: event.data };
    case T.EligiblePopulationFrozen:
      return { ...state, freeze: event.data };
    case T.DrawSeedCommitted:
    case T.DrawSeedCommittedV2:
      return { ...state, commitment: event.data };
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
export function decideSetQuota(command: QuotaCommand, state: QuotaState): Decision<QuotaEvent, QuotaRejection> {
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

  const frozen = buildFrozenPopulation({
    month,
    quota: command.quota,
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
  if (command.quota > frozen.population.units.length) {
    return broken(violation('quota', 'above-population', `${month}月度抽查数${command.quota}家超过可抽取的单位数${frozen.population.units.length}家`));
  }
  const planId = plan.planId;
  return accept<QuotaEvent>(
    {
      type: T.MonthlyQuotaSet,
      data: {
        planId,
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
    },
    {
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
    },
    command.beacon
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
      : { type: T.DrawSeedCommitted, data: { planId, month, commitment: command.commitment } },
  );
}

export const quotaDecider: Decider<QuotaCommand, QuotaEvent, QuotaState, QuotaRejection> = {
  initialState: () => ({ quota: null, freeze: null, commitment: null }),
  evolve: evolveQuota,
  decide: decideSetQuota,
};
