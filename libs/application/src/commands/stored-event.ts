import { upcastEvent, type DomainEvent, type StoredEvent, type Upcast } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';

/**
 * A recorded event as a decider folds it: domain type and data, upcast to the newest version of its
 * type (docs/events.md "Versioning"), id, and the domain's own time.
 */
export function toStoredEvent<Event extends DomainEvent>(event: RecordedEvent): StoredEvent<Event> {
  return storedEventOf<Event>(event, upcastEvent);
}

/** The same with other upcast steps than production's (tests of a version move). */
export function storedEventOf<Event extends DomainEvent>(event: RecordedEvent, upcast: Upcast): StoredEvent<Event> {
  const metadata = event.metadata as { occurredAt?: string } | null;
  const { type, data } = upcast(event);
  return { type, data, id: event.id, occurredAt: metadata?.occurredAt ?? event.recordedAt } as unknown as StoredEvent<Event>;
}
