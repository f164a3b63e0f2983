import type { Inspector, Unit } from '@shuangsui/domain/directory';
import type { RecordedEvent } from '@shuangsui/event-store';
import {
  DIRECTORY_EVENT_TYPES as T,
  type InspectorRegisteredData,
  type InspectorUpdatedData,
  type UnitRegisteredData,
  type UnitStatusChangedData,
  type UnitUpdatedData,
} from '@shuangsui/domain/directory';

/** A directory record with the revision of its stream (the expected revision of the next write). */
export interface Versioned<T> {
  readonly record: T;
  readonly revision: number;
  /** The last recorded event, so a writer can continue the hash chain without reading again. */
  readonly last: RecordedEvent;
}

/** Applies one unit event; unknown types are ignored so newer event kinds do not break old readers. */
export function evolveUnit(unit: Unit | null, event: Pick<RecordedEvent, 'type' | 'data'>): Unit | null {
  switch (event.type) {
    case T.UnitRegistered:
      return (event.data as unknown as UnitRegisteredData).unit;
    case T.UnitUpdated:
      return unit ? { ...unit, ...(event.data as unknown as UnitUpdatedData).changes } : unit;
    case T.UnitStatusChanged: {
      if (!unit) return unit;
      const { status, statusDate } = event.data as unknown as UnitStatusChangedData;
      const { statusDate: _previous, ...rest } = unit;
      return statusDate === null ? { ...rest, status } : { ...rest, status, statusDate };
    }
    default:
      return unit;
  }
}

export function evolveInspector(inspector: Inspector | null, event: Pick<RecordedEvent, 'type' | 'data'>): Inspector | null {
  switch (event.type) {
    case T.InspectorRegistered:
      return (event.data as unknown as InspectorRegisteredData).inspector;
    case T.InspectorUpdated:
      return inspector ? { ...inspector, ...(event.data as unknown as InspectorUpdatedData).changes } : inspector;
    default:
      return inspector;
  }
}

export function foldStream<T>(events: readonly RecordedEvent[], evolve: (state: T | null, event: RecordedEvent) => T | null): Versioned<T> | null {
  let state: T | null = null;
  for (const event of events) state = evolve(state, event);
  const last = events[events.length - 1];
  return state && last ? { record: state, revision: last.revision, last } : null;
}

/** Folds one more event into a versioned record (directory scans fold as they read). */
export function foldNext<T>(current: Versioned<T> | undefined, event: RecordedEvent, evolve: (state: T | null, event: RecordedEvent) => T | null): Versioned<T> | undefined {
  const record = evolve(current?.record ?? null, event);
  return record ? { record, revision: event.revision, last: event } : current;
}
