import { INSPECTION_EVENT_TYPES as I, type InspectionDrawnData, type InspectionResultRecordedData, type InspectorsAssignedData } from '@shuangsui/domain';
import type { UnitInspectionHistory } from '@shuangsui/domain/plan';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { readAllWithPrefix } from '../directories/sealed-append';
import { DRAW_STREAM_PREFIX, isDrawRecord, type DrawRecordData } from '@shuangsui/domain/draw';

export interface PlanDrawHistory {
  /** The effective record of each earlier draw of the plan (a redraw replaces its draw's record). */
  readonly records: readonly DrawRecordData[];
  readonly units: ReadonlyMap<string, UnitInspectionHistory>;
  /** Inspections assigned to each inspector by the plan's draws so far: the balancing starts here. */
  readonly inspectorLoads: ReadonlyMap<string, number>;
}

interface CaseTrack {
  readonly unitId: string;
  pair?: readonly [string, string];
  /** The last recorded result: its visit date, the pair that made the visit, and where it stands in the log. */
  inspected?: { readonly visitDate: string; readonly pair?: readonly [string, string]; readonly position: number };
}

const CASE_STREAM_PREFIX = 'inspection-';

/**
 * What the log says about each unit's past checks, folded in the scan the freeze already makes over the
 * whole log (DirectoryReader.snapshot's `visit`): the latest record of every draw, and for every case its
 * unit, its current pair and its last recorded result (InspectionResultRecorded.v1). The frequency rules
 * then use the unit's last actual inspection, not only the plan's earlier draws.
 */
export class UnitHistoryFold {
  private readonly latestRecords = new Map<string, RecordedEvent>();
  private readonly cases = new Map<string, CaseTrack>();

  visit(event: RecordedEvent): void {
    if (event.streamId.startsWith(DRAW_STREAM_PREFIX)) {
      if (isDrawRecord(event.type)) this.latestRecords.set(event.streamId, event);
      return;
    }
    if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) return;
    const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
    if (event.type === I.InspectionDrawn) {
      this.cases.set(caseId, { unitId: (event.data as unknown as InspectionDrawnData).unit.id });
      return;
    }
    const track = this.cases.get(caseId);
    if (!track) return;
    if (event.type === I.InspectorsAssigned || event.type === I.InspectorsReassigned) {
      const [a, b] = (event.data as unknown as InspectorsAssignedData).inspectorIds;
      track.pair = [a, b];
    } else if (event.type === I.InspectionResultRecorded) {
      const { visitDate } = event.data as unknown as InspectionResultRecordedData;
      track.inspected = track.pair ? { visitDate, pair: track.pair, position: event.position } : { visitDate, position: event.position };
    }
  }

  /**
   * The history the freeze of `beforeMonth` needs. Per unit: checks this period = the plan's earlier drawn
   * cases together with any case inspected within the period (one case counts once); the last inspection
   * date over all periods; the last pair = the pair of whichever came last in the log, the unit's latest
   * inspection or its latest drawn case (so a unit drawn but not yet visited does not get that pair again).
   */
  history(planId: string, beforeMonth: string | undefined, period: { readonly from: string; readonly to: string } | undefined): PlanDrawHistory {
    const recordEvents = [...this.latestRecords.values()]
      .filter((event) => {
        const record = event.data as unknown as DrawRecordData;
        return record.planId === planId && (beforeMonth === undefined || record.month < beforeMonth);
      })
      .sort((a, b) => a.position - b.position);
    const records = recordEvents.map((event) => event.data as unknown as DrawRecordData).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));

    const checked = new Map<string, Set<string>>();
    const last = new Map<string, { pair: readonly [string, string]; position: number }>();
    const lastInspectedOn = new Map<string, string>();
    const inspectorLoads = new Map<string, number>();
    const note = (unitId: string, caseId: string, pair: readonly [string, string] | undefined, position: number): void => {
      checked.set(unitId, (checked.get(unitId) ?? new Set()).add(caseId));
      const previous = last.get(unitId);
      if (pair && (!previous || position >= previous.position)) last.set(unitId, { pair, position });
    };
    for (const event of recordEvents) {
      for (const drawn of (event.data as unknown as DrawRecordData).cases) {
        note(drawn.unit.id, drawn.caseId, [drawn.inspectorIds[0], drawn.inspectorIds[1]], event.position);
        for (const id of drawn.inspectorIds) inspectorLoads.set(id, (inspectorLoads.get(id) ?? 0) + 1);
      }
    }
    for (const [caseId, track] of this.cases) {
      const inspected = track.inspected;
      if (!inspected) continue;
      const previous = lastInspectedOn.get(track.unitId);
      if (previous === undefined || inspected.visitDate > previous) lastInspectedOn.set(track.unitId, inspected.visitDate);
      const inPeriod = period === undefined || (inspected.visitDate >= period.from && inspected.visitDate <= period.to);
      if (inPeriod) note(track.unitId, caseId, inspected.pair, inspected.position);
      else if (inspected.pair) {
        const latest = last.get(track.unitId);
        if (!latest || inspected.position >= latest.position) last.set(track.unitId, { pair: inspected.pair, position: inspected.position });
      }
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
}

/** The same history from a scan of its own (when no directory scan is being made anyway). */
export async function readPlanDrawHistory(
  store: EventStore,
  planId: string,
  beforeMonth?: string,
  period?: { readonly from: string; readonly to: string },
): Promise<PlanDrawHistory> {
  const fold = new UnitHistoryFold();
  await readAllWithPrefix(store, '', (event) => fold.visit(event));
  return fold.history(planId, beforeMonth, period);
}
