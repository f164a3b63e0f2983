import { DIRECTORY_ID_PATTERN } from '../directory/unit';
import { isIsoDate } from '../directory/iso-date';
import { accept, reject, type Decider, type Decision } from '../shared/decider';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { FREQUENCY_RULES, PLAN_EVENT_TYPES as T, type AnnualPlanAdoptedData, type PlanEvent } from './plan.events';
import { DEFAULT_SAMPLING_RATIOS, validateSamplingRatios, type SamplingRatios } from './sampling-ratios';
import type { PlanScope } from './unit-eligibility';
import { DEFAULT_WORKLOAD, validateWorkload, yearlyMinimumPerInspector, type WorkloadParameters } from './workload';

export interface AdoptPlan {
  readonly type: 'adoptPlan';
  readonly planId: string;
  readonly year: number;
  readonly authority: string;
  readonly jurisdiction: string;
  readonly period?: { readonly from: string; readonly to: string };
  readonly scope?: PlanScope;
  readonly workload?: Partial<WorkloadParameters>;
  readonly samplingRatios?: SamplingRatios;
  readonly jointPlan?: boolean;
  readonly departments?: readonly string[];
}
export type PlanCommand = AdoptPlan;

/** The adopted plan, or null before adoption. A plan is adopted once and never changes. */
export type PlanState = AnnualPlanAdoptedData | null;

export type PlanRejection =
  | ({ readonly kind: 'ruleViolation' } & RuleViolation)
  | { readonly kind: 'planAlreadyExists'; readonly planId: string };

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  return event.type === T.AnnualPlanAdopted ? event.data : state;
}

const broken = (field: string, rule: string, message: string): Decision<never, PlanRejection> => reject({ kind: 'ruleViolation', ...violation(field, rule, message) });

/** Adopts the annual plan: its period lies inside its year; the yearly minimum is derived, never typed in. */
export function decidePlan(command: PlanCommand, state: PlanState): Decision<PlanEvent, PlanRejection> {
  if (state) return reject({ kind: 'planAlreadyExists', planId: state.planId });
  if (!DIRECTORY_ID_PATTERN.test(command.planId)) return broken('planId', 'id-format', '计划编号只能包含字母、数字和 _ . : -，长度1至128');
  if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 2100) return broken('year', 'year', '计划年度应为2000至2100之间的整数');
  const period = command.period ?? { from: `${command.year}-01-01`, to: `${command.year}-12-31` };
  if (!isIsoDate(period.from) || !isIsoDate(period.to) || period.to < period.from) {
    return broken('period', 'date-range', '计划期间应为有效的起止日期（YYYY-MM-DD），且截止不早于起始');
  }
  if (!period.from.startsWith(`${command.year}-`) || !period.to.startsWith(`${command.year}-`)) {
    return broken('period', 'within-year', `计划期间应在计划年度${command.year}年之内，实际为${period.from}至${period.to}`);
  }
  const workload: WorkloadParameters = { ...DEFAULT_WORKLOAD, ...command.workload };
  const workloadErrors = validateWorkload(workload);
  if (workloadErrors.length > 0) return broken('workload', 'workload', workloadErrors.join('；'));
  const samplingRatios = command.samplingRatios ?? DEFAULT_SAMPLING_RATIOS;
  const ratioError = validateSamplingRatios(samplingRatios)[0];
  if (ratioError) return reject({ kind: 'ruleViolation', ...ratioError });
  const departments = command.departments ?? [];
  if (command.jointPlan && departments.length < 2) return broken('departments', 'joint-plan', '联合抽查计划应列出至少两个参与部门');
  return accept({
    type: T.AnnualPlanAdopted,
    data: {
      planId: command.planId,
      year: command.year,
      authority: command.authority,
      jurisdiction: command.jurisdiction,
      period,
      scope: command.scope ?? { includeKeyUnits: true, includeNonKeyUnits: true },
      workload,
      yearlyMinimumPerInspector: yearlyMinimumPerInspector(workload),
      samplingRatios,
      frequencyRules: FREQUENCY_RULES,
      jointPlan: command.jointPlan ?? false,
      departments,
    },
  });
}

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState, PlanRejection> = {
  initialState: () => null,
  evolve: evolvePlan,
  decide: decidePlan,
};
