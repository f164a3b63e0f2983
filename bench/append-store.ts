import { randomUUID } from 'node:crypto';
import { newEventId, type EventStore, type ExpectedRevision, type NewEvent } from '@shuangsui/event-store';

export interface StoreAppendOptions {
  /** Single-event appends, one after another, on one stream. Default 5,000. */
  readonly sequential?: number;
  /** Writers appending at the same time, each on its own stream. Default 64. */
  readonly concurrentWriters?: number;
  /** Appends over all concurrent writers. Default 64,000. */
  readonly concurrentTotal?: number;
}

export interface StoreAppendFigures {
  readonly sequentialAppendsPerSec: number;
  readonly concurrentAppendsPerSec: number;
}

/**
 * Durable single-event appends, each with the exact expected revision a command handler would
 * pass: first sequentially on one stream (latency-bound: one commit per append), then with many
 * writers on distinct streams (where group commit shares a commit between writers).
 */
export async function measureStoreAppends(store: EventStore, opts: StoreAppendOptions = {}): Promise<StoreAppendFigures> {
  const sequential = opts.sequential ?? 5_000;
  const writers = opts.concurrentWriters ?? 64;
  const perWriter = Math.max(1, Math.floor((opts.concurrentTotal ?? 64_000) / writers));
  const runId = randomUUID().slice(0, 8);

  // Warm up statement caches and the file before timing anything.
  await appendMany(store, `bench-${runId}-warmup`, 200);

  const sequentialSeconds = await timed(() => appendMany(store, `bench-${runId}-sequential`, sequential));
  const concurrentSeconds = await timed(() =>
    Promise.all(Array.from({ length: writers }, (_, w) => appendMany(store, `bench-${runId}-writer-${w}`, perWriter))),
  );

  return {
    sequentialAppendsPerSec: Math.round(sequential / sequentialSeconds),
    concurrentAppendsPerSec: Math.round((writers * perWriter) / concurrentSeconds),
  };
}

async function appendMany(store: EventStore, streamId: string, count: number): Promise<void> {
  let expectedRevision: ExpectedRevision = 'no_stream';
  for (let i = 0; i < count; i += 1) {
    const result = await store.appendToStream(streamId, [benchEvent(streamId, i)], { expectedRevision });
    expectedRevision = result.nextExpectedRevision;
  }
}

/** About the size of a real inspection event with its metadata; its id made as the command handler makes one. */
function benchEvent(streamId: string, n: number): NewEvent {
  return {
    id: newEventId(),
    type: 'InspectionResultRecorded.v1',
    data: { inspectionId: streamId, n, category: '未发现问题', items: [1, 2, 3, 4, 5, 6, 7].map((item) => ({ item, ok: true })) },
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      actor: { id: 'inspector-1', role: 'inspector' },
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}
