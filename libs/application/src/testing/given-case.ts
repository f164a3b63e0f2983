import { inspectionStreamId, type StoredInspectionEvent } from '@shuangsui/domain';
import { sealEvents, type EventStore, type Json } from '@shuangsui/event-store';

/**
 * Writes a case's "given" events straight into a store, sealed (hash chain, metadata) exactly as the
 * command handler seals them — for tests, which may not create cases any other way than a draw.
 */
export async function appendGivenCase(store: EventStore, caseId: string, events: readonly StoredInspectionEvent[]): Promise<void> {
  const streamId = inspectionStreamId(caseId);
  const sealed = sealEvents(
    streamId,
    null,
    events.map((event) => ({
      id: `${caseId}-${event.id}`,
      type: event.type,
      data: event.data as unknown as Json,
      metadata: { occurredAt: event.occurredAt, actor: { id: 'test', role: 'system' }, correlationId: 'given', causationId: null, commandId: `given-${event.id}` },
    })),
  );
  await store.appendToStream(streamId, sealed, { expectedRevision: 'no_stream' });
}
