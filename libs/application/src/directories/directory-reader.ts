import type { Inspector, Unit } from '@shuangsui/domain/directory';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { evolveInspector, evolveUnit, foldNext, foldStream, type Versioned } from './directory-fold';
import { INSPECTOR_STREAM_PREFIX, UNIT_STREAM_PREFIX, unitStreamId } from '@shuangsui/domain/directory';
import { readAllWithPrefix, readStreamOrEmpty } from './sealed-append';

export interface DirectorySnapshot {
  readonly units: ReadonlyMap<string, Versioned<Unit>>;
  readonly inspectors: ReadonlyMap<string, Versioned<Inspector>>;
  /** The last global position read: the snapshot is the directory as of this position. */
  readonly position: number;
}

/**
 * The directories as of now (or as of a global position: the freeze of a month). One scan of the log
 * folds every unit and inspector stream; at 100,000 units that is about a second. A read model would
 * make it cheaper still; the event streams stay the source of truth either way.
 */
export class DirectoryReader {
  constructor(private readonly store: EventStore) {}

  /** `visit` sees every event of the scan too, so other folds (open cases, inspection history) share the one pass. */
  async snapshot(options: { readonly upToPosition?: number; readonly visit?: (event: RecordedEvent) => void } = {}): Promise<DirectorySnapshot> {
    const units = new Map<string, Versioned<Unit>>();
    const inspectors = new Map<string, Versioned<Inspector>>();
    let position = 0;
    await readAllWithPrefix(
      this.store,
      '',
      (event) => {
        position = event.position;
        if (event.streamId.startsWith(UNIT_STREAM_PREFIX)) {
          const id = event.streamId.slice(UNIT_STREAM_PREFIX.length);
          const next = foldNext(units.get(id), event, evolveUnit);
          if (next) units.set(id, next);
        } else if (event.streamId.startsWith(INSPECTOR_STREAM_PREFIX)) {
          const id = event.streamId.slice(INSPECTOR_STREAM_PREFIX.length);
          const next = foldNext(inspectors.get(id), event, evolveInspector);
          if (next) inspectors.set(id, next);
        }
        options.visit?.(event);
      },
      options,
    );
    return { units, inspectors, position };
  }

  /** One unit as it was at a global position (a month's freeze): what its case records. */
  async unitAsOf(unitId: string, position: number): Promise<Unit | null> {
    const events = (await readStreamOrEmpty(this.store, unitStreamId(unitId))).filter((event) => event.position <= position);
    return foldStream(events, evolveUnit)?.record ?? null;
  }

  async unit(unitId: string): Promise<Unit | null> {
    return foldStream(await readStreamOrEmpty(this.store, unitStreamId(unitId)), evolveUnit)?.record ?? null;
  }
}
