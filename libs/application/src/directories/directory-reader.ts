import { evolveUnit, unitStreamId, type Unit, type UnitEvent } from '@shuangsui/domain/directory';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { readStreamOrEmpty } from '../commands';

/** One unit from its own stream, now or as it stood at a global position (a month's freeze). */
export class DirectoryReader {
  constructor(private readonly store: EventStore) {}

  async unitAsOf(unitId: string, position: number): Promise<Unit | null> {
    const events = (await readStreamOrEmpty(this.store, unitStreamId(unitId))).filter((event) => event.position <= position);
    return foldUnit(events);
  }

  async unit(unitId: string): Promise<Unit | null> {
    return foldUnit(await readStreamOrEmpty(this.store, unitStreamId(unitId)));
  }
}

const foldUnit = (events: readonly RecordedEvent[]): Unit | null => events.reduce<Unit | null>((unit, event) => evolveUnit(unit, event as unknown as UnitEvent), null);
