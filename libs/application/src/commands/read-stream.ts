import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@shuangsui/event-store';

/** A stream's events, or none when it does not exist yet. */
export async function readStreamOrEmpty(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
