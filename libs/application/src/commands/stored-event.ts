import type { DomainEvent, StoredEvent } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';

/** A recorded event as a decider folds it: domain type and data, id, and the domain's own time. */
export function toStoredEvent<Event extends DomainEvent>(event: RecordedEvent): StoredEvent<Event> {
  const metadata = event.metadata as { occurredAt?: string } | null;
  return { type: event.type, data: event.data, id: event.id, occurredAt: metadata?.occurredAt ?? event.recordedAt } as unknown as StoredEvent<Event>;
}
