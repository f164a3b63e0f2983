import type { UnitInspectionHistory } from '@shuangsui/domain/plan';
import { drawIdOf, drawStreamId, isDrawRecord, type DrawRecordData } from '@shuangsui/domain/draw';
import { monthsOf } from '@shuangsui/domain/directory';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { readStreamOrEmpty } from '../commands';
import type { InspectedCase } from '../facts';

export interface PlanDrawHistory {
  /** The effective record of each earlier draw of the plan (a redraw replaces its draw's record). */
  readonly records: readonly DrawRecordData[];
  readonly units: ReadonlyMap<string, UnitInspectionHistory>;
  /** Inspections assigned to each inspector by the plan's draws so far: the balancing starts here. */
  readonly inspectorLoads: ReadonlyMap<string, number>;
}

/**
 * The latest record of each of the plan's draws for months before `beforeMonth`: one read of each
 * month's own draw stream (at most twelve), never a scan of the log.
 */
export async function earlierDrawRecords(
  store: EventStore,
  planId: string,
  period: { readonly from: string; readonly to: string },
  beforeMonth: string,
): Promise<RecordedEvent[]> {
  const months = monthsOf(period.from, period.to).filter((month) => month < beforeMonth);
  const streams = await Promise.all(months.map((month) => readStreamOrEmpty(store, drawStreamId(drawIdOf(planId, month)))));
  return streams.flatMap((events) => {
    const latest = [...events].reverse().find((event) => isDrawRecord(event.type));
    return latest ? [latest] : [];
  });
}

/**
 * The history the freeze needs. Per unit: checks this period = the plan's earlier drawn cases together
 * with any case inspected within the period (one case counts once); the last inspection date over all
 * periods; the last pair = the pair of whichever came last in the log, the unit's latest inspection or
 * its latest drawn case (so a unit drawn but not yet visited does not get that pair again).
 */
export function planDrawHistory(
  recordEvents: readonly RecordedEvent[],
  inspected: readonly InspectedCase[],
  period: { readonly from: string; readonly to: string },
): PlanDrawHistory {
  const ordered = [...recordEvents].sort((a, b) => a.position - b.position);
  const records = ordered.map((event) => event.data as unknown as DrawRecordData).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));

  const checked = new Map<string, Set<string>>();
  const last = new Map<string, { pair: readonly [string, string]; position: number }>();
  const lastInspectedOn = new Map<string, string>();
  const inspectorLoads = new Map<string, number>();
  const notePair = (unitId: string, pair: readonly [string, string] | undefined, position: number): void => {
    const previous = last.get(unitId);
    if (pair && (!previous || position >= previous.position)) last.set(unitId, { pair, position });
  };
  const noteCheck = (unitId: string, caseId: string): void => {
    checked.set(unitId, (checked.get(unitId) ?? new Set()).add(caseId));
  };
  for (const event of ordered) {
    for (const drawn of (event.data as unknown as DrawRecordData).cases) {
      noteCheck(drawn.unit.id, drawn.caseId);
      notePair(drawn.unit.id, [drawn.inspectorIds[0], drawn.inspectorIds[1]], event.position);
      for (const id of drawn.inspectorIds) inspectorLoads.set(id, (inspectorLoads.get(id) ?? 0) + 1);
    }
  }
  for (const visit of inspected) {
    const previous = lastInspectedOn.get(visit.unitId);
    if (previous === undefined || visit.visitDate > previous) lastInspectedOn.set(visit.unitId, visit.visitDate);
    if (visit.visitDate >= period.from && visit.visitDate <= period.to) noteCheck(visit.unitId, visit.caseId);
    notePair(visit.unitId, visit.pair, visit.position);
  }

  const units = new Map<string, UnitInspectionHistory>();
  for (const unitId of new Set([...checked.keys(), ...last.keys(), ...lastInspectedOn.keys()])) {
    const pair = last.get(unitId)?.pair;
    const inspectedOn = lastInspectedOn.get(unitId);
    units.set(unitId, {
      drawsThisPeriod: checked.get(unitId)?.size ?? 0,
      ...(inspectedOn === undefined ? {} : { lastInspectedOn: inspectedOn }),
      ...(pair === undefined ? {} : { lastPair: pair }),
    });
  }
  return { records, units, inspectorLoads };
}
