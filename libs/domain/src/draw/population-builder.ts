import type { Inspector } from '../directory/inspector';
import type { Unit } from '../directory/unit';
import type { SamplingRatios } from '../plan/sampling-ratios';
import { ratiosToBasisPoints } from '../plan/sampling-ratios';
import { unitEligibility, type EligibilityContext, type IneligibleReason, type UnitInspectionHistory } from '../plan/unit-eligibility';
import type { DrawInspector, DrawUnit, FrozenPopulation } from './draw.types';

export interface FreezeRequest {
  readonly month: string;
  readonly quota: number;
  readonly ratios: SamplingRatios;
  readonly jointPlan: boolean;
  readonly period: EligibilityContext['period'];
  readonly scope: EligibilityContext['scope'];
  readonly units: readonly { readonly unit: Unit; readonly history: UnitInspectionHistory }[];
  readonly inspectors: readonly Inspector[];
  /** Inspections already assigned to each inspector this period (absent = 0). */
  readonly priorAssignments?: ReadonlyMap<string, number>;
}

export interface FreezeOutcome {
  readonly population: FrozenPopulation;
  /** Units left out, with why (for the planner's screen, not part of the hash). */
  readonly excluded: readonly { readonly unitId: string; readonly reason: IneligibleReason; readonly message: string }[];
  /** Eligible units the frequency rules say are due this period. */
  readonly dueUnitIds: readonly string[];
}

export function toDrawUnit(unit: Unit, history: UnitInspectionHistory): DrawUnit {
  return history.lastPair === undefined
    ? { id: unit.id, riskGrade: unit.riskGrade, isKeyUnit: unit.isKeyUnit }
    : { id: unit.id, riskGrade: unit.riskGrade, isKeyUnit: unit.isKeyUnit, lastPair: history.lastPair };
}

export function toDrawInspector(inspector: Inspector, priorAssignments = 0): DrawInspector {
  return {
    id: inspector.id,
    isFireInspector: inspector.isFireInspector,
    canLead: inspector.canLead,
    certificateValidFrom: inspector.certificateValidFrom,
    certificateValidTo: inspector.certificateValidTo,
    leaves: inspector.leaves.map((leave) => ({ from: leave.from, to: leave.to })),
    conflictUnitIds: inspector.conflicts.map((conflict) => conflict.unitId),
    priorAssignments,
  };
}

/**
 * The population frozen when the monthly quota is set: eligible units (status, scope, frequency rules)
 * and active inspectors. Month availability (certificate, leave) is left to the draw, which applies it
 * from the frozen fields, so the hash covers the reason each inspector could or could not be drawn.
 */
export function buildFrozenPopulation(request: FreezeRequest): FreezeOutcome {
  const context: EligibilityContext = { period: request.period, ratios: request.ratios, scope: request.scope };
  const units: DrawUnit[] = [];
  const excluded: { unitId: string; reason: IneligibleReason; message: string }[] = [];
  const dueUnitIds: string[] = [];
  for (const { unit, history } of request.units) {
    const eligibility = unitEligibility(unit, history, context);
    if (!eligibility.eligible) {
      excluded.push({ unitId: unit.id, reason: eligibility.reason, message: eligibility.message });
      continue;
    }
    if (eligibility.due) dueUnitIds.push(unit.id);
    units.push(toDrawUnit(unit, history));
  }
  const inspectors = request.inspectors
    .filter((inspector) => inspector.active)
    .map((inspector) => toDrawInspector(inspector, request.priorAssignments?.get(inspector.id) ?? 0));
  return {
    population: {
      month: request.month,
      quota: request.quota,
      ratiosBp: ratiosToBasisPoints(request.ratios),
      jointPlan: request.jointPlan,
      units,
      inspectors,
    },
    excluded,
    dueUnitIds,
  };
}
