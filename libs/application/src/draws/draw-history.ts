import type { UnitInspectionHistory } from '@shuangsui/domain/plan';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { readAllWithPrefix } from '../directories/sealed-append';
import { DRAW_STREAM_PREFIX, isDrawRecord, type DrawRecordData } from './draw.events';

export interface PlanDrawHistory {
  /** The effective record of each earlier draw of the plan (a redraw replaces its draw's record). */
  readonly records: readonly DrawRecordData[];
  readonly units: ReadonlyMap<string, UnitInspectionHistory>;
  /** Inspections assigned to each inspector by the plan's draws so far: the balancing starts here. */
  readonly inspectorLoads: ReadonlyMap<string, number>;
}

/** What the plan's earlier draws mean for the next freeze: who was drawn, with which pair, how often. */
export async function readPlanDrawHistory(store: EventStore, planId: string, beforeMonth?: string): Promise<PlanDrawHistory> {
  const latest = new Map<string, RecordedEvent>();
  await readAllWithPrefix(store, `${DRAW_STREAM_PREFIX}${planId}.`, (event) => {
    if (isDrawRecord(event.type)) latest.set(event.streamId, event);
  });
  const records = [...latest.values()]
    .map((event) => event.data as unknown as DrawRecordData)
    .filter((record) => record.planId === planId && (beforeMonth === undefined || record.month < beforeMonth))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const units = new Map<string, { drawsThisPeriod: number; lastPair?: readonly [string, string] }>();
  const inspectorLoads = new Map<string, number>();
  for (const record of records) {
    for (const drawn of record.cases) {
      const previous = units.get(drawn.unit.id);
      units.set(drawn.unit.id, { drawsThisPeriod: (previous?.drawsThisPeriod ?? 0) + 1, lastPair: [drawn.inspectorIds[0], drawn.inspectorIds[1]] });
      for (const id of drawn.inspectorIds) inspectorLoads.set(id, (inspectorLoads.get(id) ?? 0) + 1);
    }
  }
  return { records, units, inspectorLoads };
}
