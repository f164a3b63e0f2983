import type { FrozenPopulation } from '../draw/draw.types';
import type { BeaconSpec, WitnessCommitment } from '../draw/v2/bundle.types';
import type { SamplingRatios } from './sampling-ratios';
import type { PlanScope } from './unit-eligibility';
import type { WorkloadParameters } from './workload';

/** The annual plan's event catalogue (docs/events.md, "Annual plan and monthly quotas"). */
export const PLAN_EVENT_TYPES = {
  AnnualPlanAdopted: 'AnnualPlanAdopted.v1',
  MonthlyQuotaSet: 'MonthlyQuotaSet.v1',
  EligiblePopulationFrozen: 'EligiblePopulationFrozen.v1',
  DrawSeedCommitted: 'DrawSeedCommitted.v1',
  /** Version 2 (docs/draw-algorithm.md Part II): also names the public beacon and the witnesses' commitments. */
  DrawSeedCommittedV2: 'DrawSeedCommitted.v2',
  /** A redraw's new commitment round: followed, in the same append, by a new freeze and commitment. */
  DrawRoundReopened: 'DrawRoundReopened.v1',
} as const;

export interface FrequencyRules {
  /** Crowd-dense key units: at least once every this many years. */
  readonly crowdDenseKeyUnitYears: 1;
  /** Other key units. */
  readonly keyUnitYears: 2;
  /** No unit drawn again in the same period unless its grade's ratio exceeds 100 %. */
  readonly noRepeatWithinPeriod: true;
}

export const FREQUENCY_RULES: FrequencyRules = { crowdDenseKeyUnitYears: 1, keyUnitYears: 2, noRepeatWithinPeriod: true };

export interface AnnualPlanAdoptedData {
  readonly planId: string;
  readonly year: number;
  /** 检查机关: who inspects, as published with each result. */
  readonly authority: string;
  /** 辖区: the jurisdiction the plan covers. */
  readonly jurisdiction: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly scope: PlanScope;
  readonly workload: WorkloadParameters;
  /** Derived from the workload, never typed in: ceil(workingDays × share / inspectorsPerUnit). */
  readonly yearlyMinimumPerInspector: number;
  readonly samplingRatios: SamplingRatios;
  readonly frequencyRules: FrequencyRules;
  /** 联合抽查: several departments; every pair includes a fire inspector. */
  readonly jointPlan: boolean;
  readonly departments: readonly string[];
}

export interface MonthlyQuotaSetData {
  readonly planId: string;
  readonly month: string;
  readonly quota: number;
  readonly capacity: number;
  readonly availableInspectors: number;
  readonly workingDaysInMonth: number;
  /** China date the quota was set. */
  readonly setOn: string;
  /** The 25th of the month before. */
  readonly deadline: string;
  readonly late: boolean;
  readonly lateReason: string | null;
}

export interface EligiblePopulationFrozenData {
  readonly planId: string;
  readonly month: string;
  /** SHA-256 of the canonical encoding (docs/draw-algorithm.md). */
  readonly populationHash: string;
  readonly population: FrozenPopulation;
  /** The directory as of this global position is what was frozen; later changes apply to next month. */
  readonly directoryPosition: number;
  readonly excludedUnits: number;
  readonly dueUnits: number;
}

export interface DrawSeedCommittedData {
  readonly planId: string;
  readonly month: string;
  /** SHA-256 of the secret revealed at the draw. The secret itself is kept out of the log until then. */
  readonly commitment: string;
}

/** The v2 commitment round: the secret's commitment, the beacon named in advance and each witness's commitment. */
export interface DrawSeedCommittedV2Data extends DrawSeedCommittedData {
  readonly algorithmVersion: 'shuangsui-draw/2';
  readonly populationHash: string;
  readonly beacon: BeaconSpec;
  readonly witnesses: readonly WitnessCommitment[];
}

export interface DrawRoundReopenedData {
  readonly planId: string;
  readonly month: string;
  /** 1 for the first new round after the quota's own. */
  readonly round: number;
  /** Why the month is drawn again (published with the redraw). */
  readonly reason: string;
}

export const isDrawSeedCommitted = (type: string): boolean => type === PLAN_EVENT_TYPES.DrawSeedCommitted || type === PLAN_EVENT_TYPES.DrawSeedCommittedV2;

export const planStreamId = (planId: string): string => `plan-${planId}`;
export const QUOTA_STREAM_PREFIX = 'quota-';
export const quotaStreamId = (planId: string, month: string): string => `${QUOTA_STREAM_PREFIX}${planId}.${month}`;

type Of<Type extends string, Data> = { readonly type: Type; readonly data: Data };
export type PlanEvent = Of<typeof PLAN_EVENT_TYPES.AnnualPlanAdopted, AnnualPlanAdoptedData>;
export type QuotaEvent =
  | Of<typeof PLAN_EVENT_TYPES.MonthlyQuotaSet, MonthlyQuotaSetData>
  | Of<typeof PLAN_EVENT_TYPES.EligiblePopulationFrozen, EligiblePopulationFrozenData>
  | Of<typeof PLAN_EVENT_TYPES.DrawSeedCommitted, DrawSeedCommittedData>
  | Of<typeof PLAN_EVENT_TYPES.DrawSeedCommittedV2, DrawSeedCommittedV2Data>
  | Of<typeof PLAN_EVENT_TYPES.DrawRoundReopened, DrawRoundReopenedData>;
