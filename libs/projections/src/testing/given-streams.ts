import type { Inspector, Unit } from '@shuangsui/domain/directory';
import { sealEvents, type EventStore, type Json, type RecordedEvent } from '@shuangsui/event-store';

/** Given-events of any stream (directories, cases with made-up histories), for the read-model specs. */
export interface GivenEvent {
  readonly type: string;
  readonly data: unknown;
}

const OCCURRED_AT = '2026-03-01T08:00:00.000Z';

/** Recorded events of one stream for pure tests: revisions from `firstRevision`, positions from `firstPosition`. */
export function recordedOn(streamId: string, events: readonly GivenEvent[], firstPosition = 1, firstRevision = 0): RecordedEvent[] {
  return events.map((event, index) => ({
    id: `${streamId}-${firstRevision + index}`,
    type: event.type,
    data: event.data as Json,
    metadata: { occurredAt: OCCURRED_AT, actor: { id: 'test', role: 'system' }, correlationId: 'c', causationId: null, commandId: 'x' },
    streamId,
    revision: firstRevision + index,
    position: firstPosition + index,
    recordedAt: OCCURRED_AT,
  }));
}

/** Appends to a stream, sealed like the server seals (continuing the stream's hash chain). */
export async function appendTo(store: EventStore, streamId: string, events: readonly GivenEvent[]): Promise<number> {
  const previous = await store.readStream(streamId).then((all) => all[all.length - 1] ?? null, () => null);
  const sealed = sealEvents(
    streamId,
    previous ? { revision: previous.revision, hash: (previous.metadata as { hash: string }).hash } : null,
    events.map((event, index) => ({
      id: `${streamId}-${(previous?.revision ?? -1) + 1 + index}`,
      type: event.type,
      data: event.data as Json,
      metadata: { occurredAt: OCCURRED_AT, actor: { id: 'test', role: 'system' }, correlationId: `corr-${streamId}`, causationId: null, commandId: `given-${streamId}-${index}` },
    })),
  );
  const result = await store.appendToStream(streamId, sealed, { expectedRevision: previous ? previous.revision : 'no_stream' });
  return result.position;
}

export const aUnit = (overrides: Partial<Unit> = {}): Unit => ({
  id: 'unit-0001',
  name: '青枫商贸有限公司',
  creditCode: '91330703MA2D8K3L1X',
  address: '示例市东城区云杉路18号',
  district: '云杉街道',
  industry: '商场市场',
  isKeyUnit: true,
  isCrowdDense: true,
  riskGrade: 'C',
  responsiblePerson: '林晓川',
  manager: '周一鸣',
  contactPhone: '0579-88001234',
  status: 'active',
  ...overrides,
});

export const anInspector = (overrides: Partial<Inspector> = {}): Inspector => ({
  id: 'insp-01',
  name: '陈立',
  certificateNo: 'ZJ330703-0012',
  certificateValidFrom: '2024-01-01',
  certificateValidTo: '2026-12-31',
  department: '消防救援大队',
  isFireInspector: true,
  canLead: true,
  leaves: [],
  conflicts: [],
  active: true,
  ...overrides,
});
