import { inspectionStreamId, upcastEvent, type StoredInspectionEvent, type Upcast } from '@shuangsui/domain';
import { sealEvents, toLeanEvent, type EventStore, type Json, type RecordedEvent } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import { rowKey, type Row } from '../read-store.port';
import { UnitOfWork } from '../runner/unit-of-work';

/** Appends a case's "given" events, sealed like the server seals them. */
export async function appendCase(store: EventStore, caseId: string, events: readonly StoredInspectionEvent[], expectedRevision: 'no_stream' | number = 'no_stream'): Promise<void> {
  const streamId = inspectionStreamId(caseId);
  const previous = expectedRevision === 'no_stream' ? null : await store.readStream(streamId).then((all) => all[all.length - 1]!);
  const sealed = sealEvents(
    streamId,
    previous ? { revision: previous.revision, hash: (previous.metadata as { hash: string }).hash } : null,
    events.map((event) => ({
      id: `${caseId}-${event.id}`,
      type: event.type,
      data: event.data as unknown as Json,
      metadata: { occurredAt: event.occurredAt, actor: { id: 'test', role: 'system' }, correlationId: `corr-${caseId}`, causationId: null, commandId: `given-${caseId}-${event.id}` },
    })),
  );
  await store.appendToStream(streamId, sealed, { expectedRevision });
}

/** Recorded events for pure tests: positions and revisions assigned in order. */
export function recorded(caseId: string, events: readonly StoredInspectionEvent[], firstPosition = 1): RecordedEvent[] {
  return events.map((event, index) => ({
    id: `${caseId}-${event.id}`,
    type: event.type,
    data: event.data as unknown as Json,
    metadata: { occurredAt: event.occurredAt, actor: { id: 'test', role: 'system' }, correlationId: 'c', causationId: null, commandId: 'x' },
    streamId: inspectionStreamId(caseId),
    revision: index,
    position: firstPosition + index,
    recordedAt: event.occurredAt,
  }));
}

/** Runs a projection's handlers over events with every row in memory: the pure half of a projection. */
export function projectInMemory(projection: Projection, events: readonly RecordedEvent[], upcast: Upcast = upcastEvent): Map<string, Row> {
  const rows = new Map<string, Row | null>();
  for (const event of events.map((recorded) => upcast(toLeanEvent(recorded)))) {
    const handler = projection.handlers[event.type];
    if (!handler) continue;
    const work = new UnitOfWork(projection.tables);
    for (const ref of handler.rows(event)) work.seed(ref.table, ref.key, rows.get(rowKey(ref.table, ref.key)) ?? null);
    handler.apply(event, work);
    const changes = work.changes();
    for (const { table, row } of changes.upserts) rows.set(rowKey(table, String(row[projection.tables.find((t) => t.name === table)!.key])), row);
    for (const ref of changes.deletes) rows.set(rowKey(ref.table, ref.key), null);
  }
  return new Map([...rows].filter((entry): entry is [string, Row] => entry[1] !== null));
}

export const rowOf = (rows: Map<string, Row>, table: string, key: string): Row | undefined => rows.get(rowKey(table, key));
