/**
 * Workload arithmetic of the annual plan (docs/domain.md §3): each day two inspectors inspect one unit;
 * 220 working days a year; 70 % of them are inspection days. All three are plan parameters; the
 * per-inspector minimum and the capacities are derived, never typed in.
 */

export interface WorkloadParameters {
  /** Working days in the plan year (default 220). */
  readonly workingDays: number;
  /** Share of working days spent inspecting, in (0, 1] (default 0.7). */
  readonly inspectionShare: number;
  /** Inspectors per inspected unit, at least 2 by rule (default 2). */
  readonly inspectorsPerUnit: number;
}

export const DEFAULT_WORKLOAD: WorkloadParameters = { workingDays: 220, inspectionShare: 0.7, inspectorsPerUnit: 2 };

/**
 * Decimal parameters such as 0.7 are not exact in binary: 220 × 0.7 is 154.00000000000003. Products
 * are therefore rounded to 9 decimals before the final ceil/floor, so 220 × 0.7 / 2 gives exactly 77.
 */
const clean = (x: number): number => Math.round(x * 1e9) / 1e9;

export function validateWorkload(p: WorkloadParameters): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(p.workingDays) || p.workingDays < 1 || p.workingDays > 366) {
    errors.push('全年工作日应为1至366之间的整数');
  }
  if (!(p.inspectionShare > 0 && p.inspectionShare <= 1)) errors.push('检查工作日占比应大于0且不超过1');
  if (!Number.isInteger(p.inspectorsPerUnit) || p.inspectorsPerUnit < 2) {
    errors.push('每家单位的检查人员数应为不少于2的整数');
  }
  return errors;
}

/**
 * Yearly minimum of units per inspector = ceil(workingDays × inspectionShare / inspectorsPerUnit).
 * Rounded UP: a minimum that is a fraction of a unit still has to be met by a whole inspection.
 * With the defaults: 220 × 0.7 / 2 = 77 exactly.
 */
export function yearlyMinimumPerInspector(p: WorkloadParameters = DEFAULT_WORKLOAD): number {
  assertValid(p);
  return Math.ceil(clean((p.workingDays * p.inspectionShare) / p.inspectorsPerUnit));
}

export interface MonthlyCapacityInput {
  /** Inspectors available for the whole month (see `isInspectorAvailableInMonth`). */
  readonly availableInspectors: number;
  /** Working days of that month, from the public-holiday calendar (another module's job). */
  readonly workingDaysInMonth: number;
  readonly inspectionShare: number;
  readonly inspectorsPerUnit: number;
}

/**
 * Units the brigade can inspect in a month =
 *   floor(availableInspectors × workingDaysInMonth × inspectionShare / inspectorsPerUnit).
 * Rounded DOWN: capacity must never promise a visit that no pair of inspectors has time for.
 */
export function monthlyCapacity(input: MonthlyCapacityInput): number {
  const { availableInspectors, workingDaysInMonth, inspectionShare, inspectorsPerUnit } = input;
  if (!Number.isInteger(availableInspectors) || availableInspectors < 0) {
    throw new RangeError('monthlyCapacity: availableInspectors must be a non-negative integer');
  }
  if (!Number.isInteger(workingDaysInMonth) || workingDaysInMonth < 0 || workingDaysInMonth > 31) {
    throw new RangeError('monthlyCapacity: workingDaysInMonth must be an integer in [0, 31]');
  }
  assertValid({ workingDays: 1, inspectionShare, inspectorsPerUnit });
  if (availableInspectors < inspectorsPerUnit) return 0;
  return Math.floor(clean((availableInspectors * workingDaysInMonth * inspectionShare) / inspectorsPerUnit));
}

/** Yearly capacity of a team: inspectors × yearly minimum (what the plan can promise for the year). */
export function yearlyCapacity(activeInspectors: number, p: WorkloadParameters = DEFAULT_WORKLOAD): number {
  if (!Number.isInteger(activeInspectors) || activeInspectors < 0) {
    throw new RangeError('yearlyCapacity: activeInspectors must be a non-negative integer');
  }
  if (activeInspectors < p.inspectorsPerUnit) return 0;
  assertValid(p);
  return Math.floor(clean((activeInspectors * p.workingDays * p.inspectionShare) / p.inspectorsPerUnit));
}

function assertValid(p: WorkloadParameters): void {
  const errors = validateWorkload(p);
  if (errors.length > 0) throw new RangeError(`workload parameters: ${errors.join('；')}`);
}
