import type { Unit } from '../directory/unit';
import type { SamplingRatios } from './sampling-ratios';
import { checksAllowedPerPeriod } from './sampling-ratios';

/** What the draw needs to know about a unit's past inspections. */
export interface UnitInspectionHistory {
  /** Date of the last completed inspection, any period. */
  readonly lastInspectedOn?: string;
  /** How often the unit has been drawn in the current plan period already. */
  readonly drawsThisPeriod: number;
  /** The two inspectors of the last inspection (the draw must not send the same pair again). */
  readonly lastPair?: readonly [string, string];
}

/** 抽查范围: the plan's scope. An omitted district list means the whole jurisdiction. */
export interface PlanScope {
  readonly districts?: readonly string[];
  readonly includeKeyUnits: boolean;
  readonly includeNonKeyUnits: boolean;
}

export interface EligibilityContext {
  /** Plan period, inclusive ISO dates (normally 1 January – 31 December). */
  readonly period: { readonly from: string; readonly to: string };
  readonly ratios: SamplingRatios;
  readonly scope: PlanScope;
}

export type IneligibleReason = 'not-active' | 'out-of-scope' | 'already-drawn-this-period';

export type UnitEligibility =
  | {
      readonly eligible: true;
      /**
       * The frequency rule requires a check by `dueBy` and that date falls in this period:
       * crowd-dense key units at least yearly, other key units every 2 years. Planners use it to size
       * quotas; the draw itself stays purely random within strata (issue 3).
       */
      readonly due: boolean;
      readonly dueBy?: string;
    }
  | { readonly eligible: false; readonly reason: IneligibleReason; readonly message: string };

/** Years between required checks: 1 for crowd-dense key units, 2 for other key units, none otherwise. */
export function frequencyIntervalYears(unit: Pick<Unit, 'isKeyUnit' | 'isCrowdDense'>): number | undefined {
  if (!unit.isKeyUnit) return undefined;
  return unit.isCrowdDense ? 1 : 2;
}

/** Same calendar date `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

/**
 * Whether a unit belongs to the eligible population of a monthly draw, and whether it is due.
 * Excluded: units not active at the start of the month, outside the plan's scope, or already drawn
 * this period as often as their grade allows (ceil of the grade's yearly ratio, at least once).
 */
export function unitEligibility(
  unit: Pick<Unit, 'status' | 'district' | 'isKeyUnit' | 'isCrowdDense' | 'riskGrade'>,
  history: UnitInspectionHistory,
  context: EligibilityContext,
): UnitEligibility {
  if (unit.status !== 'active') {
    return { eligible: false, reason: 'not-active', message: unit.status === 'closed' ? '单位已停业关闭' : '单位已注销' };
  }
  const { scope } = context;
  const categoryIn = unit.isKeyUnit ? scope.includeKeyUnits : scope.includeNonKeyUnits;
  if (!categoryIn || (scope.districts !== undefined && !scope.districts.includes(unit.district))) {
    return { eligible: false, reason: 'out-of-scope', message: '单位不在本计划抽查范围内' };
  }
  const allowed = checksAllowedPerPeriod(context.ratios[unit.riskGrade]);
  if (history.drawsThisPeriod >= allowed) {
    return {
      eligible: false,
      reason: 'already-drawn-this-period',
      message: `本计划期内已抽取${history.drawsThisPeriod}次，${unit.riskGrade}级单位每期最多抽取${allowed}次`,
    };
  }
  const interval = frequencyIntervalYears(unit);
  if (interval === undefined) return { eligible: true, due: false };
  // Never inspected: due at once, i.e. by the end of this period at the latest.
  const dueBy = history.lastInspectedOn === undefined ? context.period.to : addYears(history.lastInspectedOn, interval);
  return { eligible: true, due: dueBy <= context.period.to, dueBy };
}
