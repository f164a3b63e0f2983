import { readStreamOrEmpty } from '../commands/read-stream';
export { readStreamOrEmpty };
import type { Actor } from '@shuangsui/domain';
import { hashOf, newEventId, sealEvents, type AppendResult, type EventStore, type ExpectedRevision, type Json, type RecordedEvent } from '@shuangsui/event-store';

/** Who asked, and how this write relates to others: becomes every appended event's metadata. */
export interface WriteContext {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export interface DomainEventToAppend {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Appends events the way the inspection handler does: metadata (occurredAt, actor, correlation,
 * causation, command id and name), the per-stream hash chain continued from the last recorded event,
 * and the loaded revision as expected revision, so a racing writer fails instead of interleaving.
 */
export async function appendSealed(
  store: EventStore,
  streamId: string,
  /** The stream's last recorded event, null for a new stream. */
  last: RecordedEvent | null | undefined,
  events: readonly DomainEventToAppend[],
  context: WriteContext & { readonly command: string; readonly occurredAt: string },
): Promise<{ readonly result: AppendResult; readonly events: readonly RecordedEvent[] }> {
  const metadata = {
    occurredAt: context.occurredAt,
    actor: { id: context.actor.id, role: context.actor.role },
    correlationId: context.correlationId,
    causationId: context.causationId,
    commandId: context.commandId,
    command: context.command,
  };
  const sealed = sealEvents(
    streamId,
    last ? { revision: last.revision, hash: hashOf(last) } : null,
    events.map((event) => ({ id: newEventId(), type: event.type, data: event.data as Json, metadata })),
  );
  const expectedRevision: ExpectedRevision = last ? last.revision : 'no_stream';
  const result = await store.appendToStream(streamId, sealed, { expectedRevision });
  const first = result.nextExpectedRevision - sealed.length + 1;
  const recordedNow = sealed.map((event, index) => ({
    ...event,
    streamId,
    revision: first + index,
    position: index === sealed.length - 1 ? result.position : 0,
    recordedAt: context.occurredAt,
  }));
  return { result, events: recordedNow };
}

/** Every event of streams whose id starts with `prefix`, in global order (a scan of the whole log). */
export async function readAllWithPrefix(
  store: EventStore,
  prefix: string,
  visit: (event: RecordedEvent) => void,
  options: { readonly upToPosition?: number } = {},
): Promise<void> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) return;
    for (const event of page) {
      if (options.upToPosition !== undefined && event.position > options.upToPosition) return;
      if (event.streamId.startsWith(prefix)) visit(event);
    }
    after = (page[page.length - 1] as RecordedEvent).position;
  }
}
