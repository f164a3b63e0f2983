import type { Json, RecordedEvent } from './event-store.port';

/** What a read model needs of an event: the metadata reduced to the domain's own time. Bulk replays read only this. */
export interface LeanEvent {
  readonly id: string;
  readonly streamId: string;
  readonly position: number;
  readonly type: string;
  readonly data: Json;
  /** metadata.occurredAt when it is a string, else the commit time (recordedAt). */
  readonly occurredAt: string;
}

/** The reference of every adapter's readAllLean: what it returns is readAll's page mapped through this. */
export function toLeanEvent(event: RecordedEvent): LeanEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    position: event.position,
    type: event.type,
    data: event.data,
    occurredAt: occurredAtOf(event.metadata, event.recordedAt),
  };
}

/** The occurredAt rule on parsed metadata; adapters whose fast path does not apply fall back to it. */
export function occurredAtOf(metadata: Json, recordedAt: string): string {
  const value = (metadata as { readonly occurredAt?: unknown } | null)?.occurredAt;
  return typeof value === 'string' ? value : recordedAt;
}
