import { upcastEvent, type DomainEvent, type StoredEvent, type Upcast } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';

/**
 * A recorded event as a decider folds it: domain type and data, upcast to the newest version of its
 * type (docs/events.md "Versioning"), id, and the domain's own time. `upcast` is for tests; every
 * fold in production reads through the production steps.
 */
export function toStoredEvent<Event extends DomainEvent>(event: RecordedEvent, upcast: Upcast = upcastEvent): StoredEvent<Event> {
  const metadata = event.metadata as { occurredAt?: string } | null;
  const { type, data } = upcast(event);
  return { type, data, id: event.id, occurredAt: metadata?.occurredAt ?? event.recordedAt } as unknown as StoredEvent<Event>;
}
