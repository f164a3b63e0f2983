import { randomUUID } from 'node:crypto';
import type { Observable, Subscription } from 'rxjs';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, ExpectedRevision, Json, NewEvent, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { toLeanEvent, type LeanEvent } from '../lean-event';

/**
 * The adapter-independent contract of the EventStore port. Every adapter's int spec calls
 *
 *   testEventStoreContract('SQLite (file)', async () => ({ store, teardown }));
 *
 * Each test gets a fresh store from the factory (closed and torn down after the test). The store may
 * be shared with other tests or other spec files (one PostgreSQL database, one EventStoreDB node),
 * so every test uses its own stream ids and only asserts on its own events.
 */
export interface EventStoreContractFixture {
  readonly store: EventStore;
  readonly teardown?: () => Promise<void>;
}

export function testEventStoreContract(
  adapterName: string,
  factory: () => Promise<EventStoreContractFixture>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: EventStoreContractFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await store.close();
      await fixture.teardown?.();
    });

    describeAppendExpectations(() => store);
    describeAtomicity(() => store);
    describeReadStream(() => store);
    describeReadAll(() => store);
    describeReadAllLean(() => store);
    describeHeadPosition(() => store);
    describeRoundTrip(() => store);
    describeIdempotentRetry(() => store);
    describeConcurrency(() => store);
    describeSubscribeToAll(() => store);

    it('close() is idempotent', async () => {
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

type StoreRef = () => EventStore;

function newStreamId(label = 'contract'): string {
  return `${label}-${randomUUID()}`;
}

function newEvent(type = 'ContractTested.v1', data: Json = { n: 0 }, metadata: Json = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

function numbered(count: number, from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent('Numbered.v1', { n: from + i }));
}

/** Appends `count` single-event appends in sequence with exact expected revisions. */
async function appendSequentially(store: EventStore, streamId: string, count: number): Promise<NewEvent[]> {
  const written: NewEvent[] = [];
  let expected: ExpectedRevision = 'no_stream';
  for (let i = 0; i < count; i += 1) {
    const event = newEvent('Numbered.v1', { n: i, streamId });
    const result = await store.appendToStream(streamId, [event], { expectedRevision: expected });
    expected = result.nextExpectedRevision;
    written.push(event);
  }
  return written;
}

async function expectWrongRevision(
  append: Promise<unknown>,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ expected, actual });
}

/** Reads every page of readAll after `after` with the given page size, checking page shapes. */
async function readAllPages(store: EventStore, after: number, maxCount: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount });
    expect(page.length).toBeLessThanOrEqual(maxCount);
    if (page.length === 0) return all;
    all.push(...page);
    cursor = page[page.length - 1]!.position;
  }
}

function expectStrictlyIncreasing(positions: readonly number[]): void {
  for (let i = 1; i < positions.length; i += 1) {
    expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
  }
}

interface Collector {
  readonly events: RecordedEvent[];
  /** Resolves once `predicate` holds for the collected events; rejects after `timeoutMs`. */
  until(predicate: (events: readonly RecordedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  readonly subscription: Subscription;
  error(): unknown;
}

function collect(source: Observable<RecordedEvent>): Collector {
  const events: RecordedEvent[] = [];
  let failure: unknown;
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((w) => w());
  const subscription = source.subscribe({
    next: (event) => {
      events.push(event);
      wake();
    },
    error: (e: unknown) => {
      failure = e;
      wake();
    },
  });
  return {
    events,
    subscription,
    error: () => failure,
    until: (predicate, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (failure !== undefined) finish(() => reject(failure));
          else if (predicate(events)) finish(resolve);
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`subscription: condition not met after ${timeoutMs} ms (${events.length} events)`))),
          timeoutMs,
        );
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      }),
  };
}

function ofStreams(events: readonly RecordedEvent[], streamIds: ReadonlySet<string>): RecordedEvent[] {
  return events.filter((e) => streamIds.has(e.streamId));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Longer than any adapter's polling interval: "nothing more arrives" is checked after this. */
const QUIET_MS = 600;

// ---------------------------------------------------------------------------------------------
// Append and expected revisions

function describeAppendExpectations(storeRef: StoreRef): void {
  describe('appendToStream with an expected revision', () => {
    it("'no_stream' creates a stream at revision 0 and fails once the stream exists", async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const first = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(0);
      expect(first.position).toBeGreaterThan(0);
      await store.appendToStream(streamId, [newEvent(), newEvent()], { expectedRevision: 0 });

      await expectWrongRevision(store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' }), 'no_stream', 2);
    });

    it("'any' appends to a missing and to an existing stream", async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const first = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'any' });
      const second = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'any' });
      expect(first.nextExpectedRevision).toBe(0);
      expect(second.nextExpectedRevision).toBe(1);
      expect(second.position).toBeGreaterThan(first.position);
    });

    it("'stream_exists' fails on a missing stream and succeeds on an existing one", async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await expectWrongRevision(
        store.appendToStream(streamId, [newEvent()], { expectedRevision: 'stream_exists' }),
        'stream_exists',
        'no_stream',
      );
      await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);

      await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const result = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('an exact revision succeeds only when it is the last revision of the stream', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await expectWrongRevision(store.appendToStream(streamId, [newEvent()], { expectedRevision: 0 }), 0, 'no_stream');

      const created = await store.appendToStream(streamId, numbered(3), { expectedRevision: 'no_stream' });
      expect(created.nextExpectedRevision).toBe(2);
      await expectWrongRevision(store.appendToStream(streamId, [newEvent()], { expectedRevision: 1 }), 1, 2);
      await expectWrongRevision(store.appendToStream(streamId, [newEvent()], { expectedRevision: 5 }), 5, 2);

      const next = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 2 });
      expect(next.nextExpectedRevision).toBe(3);
      expect(next.position).toBeGreaterThan(created.position);
    });

    it('a failed append leaves the stream unchanged', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await store.appendToStream(streamId, numbered(2), { expectedRevision: 'no_stream' });
      const before = await store.readStream(streamId);

      await expectWrongRevision(store.appendToStream(streamId, numbered(3, 10), { expectedRevision: 0 }), 0, 1);
      await expectWrongRevision(store.appendToStream(streamId, numbered(1, 20), { expectedRevision: 'no_stream' }), 'no_stream', 1);

      expect(await store.readStream(streamId)).toEqual(before);
    });

    it('positions increase with every successful append, across streams', async () => {
      const store = storeRef();
      const positions: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const result = await store.appendToStream(newStreamId(), [newEvent()], { expectedRevision: 'no_stream' });
        positions.push(result.position);
      }
      expectStrictlyIncreasing(positions);
    });

    it('the result names the revision and the position of the last event appended', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const result = await store.appendToStream(streamId, numbered(4), { expectedRevision: 'no_stream' });
      const stored = await store.readStream(streamId);
      expect(result.nextExpectedRevision).toBe(3);
      expect(result.position).toBe(stored[3]!.position);
    });
  });
}

function describeAtomicity(storeRef: StoreRef): void {
  describe('multi-event appends', () => {
    it('are contiguous in revision and increasing in position', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await store.appendToStream(streamId, numbered(2), { expectedRevision: 'no_stream' });
      await store.appendToStream(streamId, numbered(5, 2), { expectedRevision: 1 });
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(stored.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expectStrictlyIncreasing(stored.map((e) => e.position));
    });

    it('are all-or-nothing: a rejected multi-event append writes none of its events', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await store.appendToStream(streamId, numbered(1), { expectedRevision: 'no_stream' });
      const rejected = numbered(4, 100);
      await expectWrongRevision(store.appendToStream(streamId, rejected, { expectedRevision: 3 }), 3, 0);

      const stored = await store.readStream(streamId);
      expect(stored).toHaveLength(1);
      const page = await readAllPages(store, stored[0]!.position, 1000);
      const rejectedIds = new Set(rejected.map((e) => e.id));
      expect(page.filter((e) => rejectedIds.has(e.id))).toEqual([]);
    });

    it('interleave with other streams without splitting: concurrent multi-event appends stay contiguous per stream', async () => {
      const store = storeRef();
      const streamIds = Array.from({ length: 8 }, () => newStreamId('atomic'));
      await Promise.all(streamIds.map((id) => store.appendToStream(id, numbered(5), { expectedRevision: 'no_stream' })));
      for (const id of streamIds) {
        const stored = await store.readStream(id);
        expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expectStrictlyIncreasing(stored.map((e) => e.position));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

function describeReadStream(storeRef: StoreRef): void {
  describe('readStream', () => {
    it('returns the events in revision order with their stream, revision and position', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const written = await appendSequentially(store, streamId, 5);
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => e.id)).toEqual(written.map((e) => e.id));
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(stored.every((e) => e.streamId === streamId)).toBe(true);
      expectStrictlyIncreasing(stored.map((e) => e.position));
    });

    it('only returns events of that stream', async () => {
      const store = storeRef();
      const a = newStreamId('a');
      const b = newStreamId('b');
      await store.appendToStream(a, numbered(2), { expectedRevision: 'no_stream' });
      await store.appendToStream(b, numbered(3), { expectedRevision: 'no_stream' });
      await store.appendToStream(a, numbered(1, 2), { expectedRevision: 1 });
      expect((await store.readStream(a)).map((e) => e.streamId)).toEqual([a, a, a]);
      expect(await store.readStream(b)).toHaveLength(3);
    });

    it('honours fromRevision and maxCount', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await store.appendToStream(streamId, numbered(10), { expectedRevision: 'no_stream' });
      expect((await store.readStream(streamId, { fromRevision: 7 })).map((e) => e.revision)).toEqual([7, 8, 9]);
      expect((await store.readStream(streamId, { maxCount: 3 })).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect((await store.readStream(streamId, { fromRevision: 4, maxCount: 2 })).map((e) => e.revision)).toEqual([4, 5]);
      expect(await store.readStream(streamId, { fromRevision: 10 })).toEqual([]);
    });

    it('throws StreamNotFoundError for a stream that has no events', async () => {
      const store = storeRef();
      const streamId = newStreamId('missing');
      const error = await store.readStream(streamId).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamId });
    });
  });
}

function describeReadAll(storeRef: StoreRef): void {
  describe('readAll', () => {
    it('returns events of all streams in global order, `after` being exclusive', async () => {
      const store = storeRef();
      const marker = await store.appendToStream(newStreamId('marker'), [newEvent()], { expectedRevision: 'no_stream' });
      const a = newStreamId('a');
      const b = newStreamId('b');
      const written: string[] = [];
      for (const [streamId, expectedRevision] of [
        [a, 'no_stream'],
        [b, 'no_stream'],
        [a, 0],
        [b, 0],
        [a, 1],
      ] as const) {
        const event = newEvent();
        await store.appendToStream(streamId, [event], { expectedRevision });
        written.push(event.id);
      }

      const page = await store.readAll({ after: marker.position, maxCount: 1000 });
      expect(page.every((e) => e.position > marker.position)).toBe(true);
      expectStrictlyIncreasing(page.map((e) => e.position));
      expect(ofStreams(page, new Set([a, b])).map((e) => e.id)).toEqual(written);

      const fromFirst = page.find((e) => e.id === written[0])!;
      const afterFirst = await store.readAll({ after: fromFirst.position, maxCount: 1000 });
      expect(afterFirst.map((e) => e.id)).not.toContain(written[0]);
      expect(ofStreams(afterFirst, new Set([a, b])).map((e) => e.id)).toEqual(written.slice(1));
    });

    it('reads from the beginning by default and pages through everything with maxCount', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const written = await appendSequentially(store, streamId, 7);

      const lastPosition = (await store.readStream(streamId))[6]!.position;
      // Other writers sharing the store may append meanwhile: compare up to this test's last event.
      const upToLast = (events: readonly RecordedEvent[]): number[] =>
        events.filter((e) => e.position <= lastPosition).map((e) => e.position);

      const everything = await readAllPages(store, 0, 1_000_000);
      const paged = await readAllPages(store, 0, 2);
      expect(upToLast(paged)).toEqual(upToLast(everything));
      expectStrictlyIncreasing(paged.map((e) => e.position));
      expect(ofStreams(paged, new Set([streamId])).map((e) => e.id)).toEqual(written.map((e) => e.id));

      const byDefault = await store.readAll({ maxCount: 1_000_000 });
      expect(upToLast(byDefault)).toEqual(upToLast(everything));
      expect(byDefault[0]!.position).toBeGreaterThan(0);
    });

    it('returns an empty page after the last event', async () => {
      const store = storeRef();
      const last = await store.appendToStream(newStreamId(), numbered(2), { expectedRevision: 'no_stream' });
      const tail = await readAllPages(store, last.position, 100);
      // Other writers sharing the store may add events; this test's own are all at or before `last`.
      expect(tail.every((e) => e.position > last.position)).toBe(true);
      const end = tail.length > 0 ? tail[tail.length - 1]!.position : last.position;
      expect(await store.readAll({ after: end, maxCount: 10 })).toEqual([]);
    });
  });
}

function describeHeadPosition(storeRef: StoreRef): void {
  describe('headPosition', () => {
    it('is the position of the last event committed: this test\'s last append, or an event after it', async () => {
      const store = storeRef();
      const first = await store.appendToStream(newStreamId(), numbered(1), { expectedRevision: 'no_stream' });
      const last = await store.appendToStream(newStreamId(), numbered(3), { expectedRevision: 'no_stream' });
      const head = await store.headPosition();
      expect(head).toBeGreaterThanOrEqual(last.position);
      expect(head).toBeGreaterThan(first.position);
      // Other writers sharing the store may append meanwhile; the head is then one of their events.
      const after = await readAllPages(store, last.position, 100);
      expect([last.position, ...after.map((event) => event.position)]).toContain(head);
    });
  });
}

/**
 * Metadata a lean read must reduce exactly as toLeanEvent does (no `occurredAt`: the commit time),
 * chosen against a fast path that cuts occurredAt out of the stored JSON text.
 */
const AT = '2026-03-01T00:30:00.000Z';
const LEAN_METADATA: readonly { readonly label: string; readonly metadata: Json; readonly occurredAt?: string }[] = [
  {
    label: 'occurredAt first, as the app writes it',
    metadata: { occurredAt: AT, actor: { id: 'inspector-1', role: 'inspector' }, hash: 'f'.repeat(64) },
    occurredAt: AT,
  },
  { label: 'occurredAt not the first key', metadata: { actor: { id: 'x', role: 'system' }, occurredAt: AT }, occurredAt: AT },
  { label: 'no occurredAt', metadata: { actor: { id: 'x', role: 'system' }, correlationId: 'c' } },
  { label: 'occurredAt a number', metadata: { occurredAt: 1772325000000, actor: 'x' } },
  { label: 'occurredAt null', metadata: { occurredAt: null, actor: 'x' } },
  { label: 'occurredAt an object', metadata: { occurredAt: { at: AT } } },
  { label: 'occurredAt only nested', metadata: { actor: { occurredAt: AT } } },
  { label: 'an escaped quote in occurredAt', metadata: { occurredAt: 'at "noon"', next: 'x' }, occurredAt: 'at "noon"' },
  { label: 'backslashes in occurredAt', metadata: { occurredAt: 'C:\\time\\', next: '"' }, occurredAt: 'C:\\time\\' },
  { label: 'control characters in occurredAt', metadata: { occurredAt: 'line\nbreak\u0001' }, occurredAt: 'line\nbreak\u0001' },
  { label: 'non-ASCII occurredAt', metadata: { occurredAt: '二〇二六年三月一日 🚒 é', next: '"' }, occurredAt: '二〇二六年三月一日 🚒 é' },
  { label: 'an empty occurredAt', metadata: { occurredAt: '', next: 'x' }, occurredAt: '' },
  // A quote as the 40th character, where a 24-character ISO timestamp's closing quote would be.
  { label: 'a short occurredAt', metadata: { occurredAt: 'x', actor: { id: 'abcdef' } }, occurredAt: 'x' },
  { label: 'null metadata', metadata: null },
  { label: 'array metadata', metadata: ['occurredAt', AT] },
  { label: 'string metadata that reads like an object', metadata: `{"occurredAt":"${AT}"}` },
];

const LEAN_DATA: readonly Json[] = [
  { unit: { name: '金华市星河商贸有限公司', tags: ['人员密集场所', '重点单位'] }, emoji: '🚒🔥', accents: 'é ü ñ' },
  { quote: 'line1\nline2 "quoted" \\ back\tslash', occurredAt: 'data, not metadata' },
  null,
  [1, -2.5, 9007199254740991, 1e-7, true, false, null, '', {}],
  { nested: { deeper: { deepest: ['\u2028', '\u00e9', '"'] } } },
];

/** Appends one event per LEAN_METADATA entry, over two streams and in multi-event appends. */
async function appendLeanCases(store: EventStore): Promise<{ events: NewEvent[]; last: number }> {
  const events = LEAN_METADATA.map(({ metadata }, i) => newEvent('LeanTested.v1', LEAN_DATA[i % LEAN_DATA.length]!, metadata));
  const a = newStreamId('lean-a');
  const b = newStreamId('lean-b');
  await store.appendToStream(a, events.slice(0, 4), { expectedRevision: 'no_stream' });
  await store.appendToStream(b, events.slice(4, 5), { expectedRevision: 'no_stream' });
  await store.appendToStream(a, events.slice(5, 11), { expectedRevision: 3 });
  const { position } = await store.appendToStream(b, events.slice(11), { expectedRevision: 0 });
  return { events, last: position };
}

/** readAllLean and readAll with the same options, compared up to `last` (other writers may follow). */
async function expectLeanPage(store: EventStore, options: ReadAllOptions, last: number): Promise<LeanEvent[]> {
  const upToLast = <E extends { readonly position: number }>(events: readonly E[]): E[] =>
    events.filter((e) => e.position <= last);
  const lean = await store.readAllLean(options);
  const full = await store.readAll(options);
  expect(upToLast(lean)).toEqual(upToLast(full.map(toLeanEvent)));
  return lean;
}

function describeReadAllLean(storeRef: StoreRef): void {
  describe('readAllLean', () => {
    it.each([1, 4, 1000])('is readAll mapped through toLeanEvent, page by page (maxCount %p)', async (maxCount) => {
      const store = storeRef();
      const marker = await store.appendToStream(newStreamId('marker'), [newEvent()], { expectedRevision: 'no_stream' });
      const { events, last } = await appendLeanCases(store);

      const read: LeanEvent[] = [];
      let cursor = marker.position;
      while (cursor < last) {
        const page = await expectLeanPage(store, { after: cursor, maxCount }, last);
        expect(page.length).toBeGreaterThan(0);
        expect(page.length).toBeLessThanOrEqual(maxCount);
        read.push(...page);
        cursor = page[page.length - 1]!.position;
      }
      expectStrictlyIncreasing(read.map((e) => e.position));
      expect(read.filter((e) => e.position <= last).map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('reduces the metadata to occurredAt when it is a string, else to the commit time; data is whole', async () => {
      const store = storeRef();
      const marker = await store.appendToStream(newStreamId('marker'), [newEvent()], { expectedRevision: 'no_stream' });
      const { events } = await appendLeanCases(store);
      const ids = new Set(events.map((e) => e.id));
      const full = (await store.readAll({ after: marker.position, maxCount: 1000 })).filter((e) => ids.has(e.id));
      const recordedAt = new Map(full.map((e) => [e.id, e.recordedAt]));
      const lean = (await store.readAllLean({ after: marker.position, maxCount: 1000 })).filter((e) => ids.has(e.id));

      expect(lean.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(lean.map((e, i) => [LEAN_METADATA[i]!.label, e.occurredAt])).toEqual(
        LEAN_METADATA.map(({ label, occurredAt }, i) => [label, occurredAt ?? recordedAt.get(events[i]!.id)]),
      );
      expect(lean.map((e) => e.data)).toEqual(events.map((e) => e.data));
    });

    it('reads from the beginning by default and answers an empty page after the last event', async () => {
      const store = storeRef();
      const { last } = await appendLeanCases(store);
      await expectLeanPage(store, {}, last);
      const tail = await readAllPages(store, last, 1000);
      const end = tail.length > 0 ? tail[tail.length - 1]!.position : last;
      expect(await store.readAllLean({ after: end, maxCount: 10 })).toEqual([]);
    });
  });
}

function describeRoundTrip(storeRef: StoreRef): void {
  describe('stored data', () => {
    it('round-trips data and metadata JSON exactly', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const data: Json = {
        unit: { name: '金华市星河商贸有限公司', creditCode: '91330703MA2E0XXXX1', tags: ['人员密集场所', '重点单位'] },
        checklist: [
          { item: 1, ok: true, note: '消防安全责任人未变更' },
          { item: 2, ok: false, note: null },
        ],
        counts: { zero: 0, negative: -42, float: 3.25, big: 9007199254740991, small: 1e-7 },
        empty: { object: {}, array: [], text: '' },
        quote: 'line1\nline2 "quoted" \\ back\tslash 🚒',
        nothing: null,
      };
      const metadata: Json = {
        actor: { id: 'inspector-1', role: 'inspector' },
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: '2026-03-01T08:30:00.000+08:00',
      };
      const nullData = newEvent('NullData.v1', null, { note: '空' });
      const event = { ...newEvent('InspectionResultRecorded.v1'), data, metadata };
      await store.appendToStream(streamId, [event, nullData], { expectedRevision: 'no_stream' });

      const [stored, storedNull] = await store.readStream(streamId);
      expect(stored).toMatchObject({ id: event.id, type: 'InspectionResultRecorded.v1', streamId, revision: 0 });
      expect(stored!.data).toEqual(data);
      expect(stored!.metadata).toEqual(metadata);
      expect(storedNull!.data).toBeNull();
      expect(storedNull!.metadata).toEqual({ note: '空' });

      const [fromAll] = (await readAllPages(store, stored!.position - 1, 1000)).filter((e) => e.id === event.id);
      expect(fromAll).toEqual(stored);
    });

    it('records recordedAt as an ISO-8601 UTC timestamp of the commit', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const before = Date.now();
      await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const after = Date.now();
      const [stored] = await store.readStream(streamId);
      expect(stored!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      const recorded = Date.parse(stored!.recordedAt);
      // Allow for clock skew between this process and a database server.
      expect(recorded).toBeGreaterThanOrEqual(before - 5_000);
      expect(recorded).toBeLessThanOrEqual(after + 5_000);
    });
  });
}

function describeIdempotentRetry(storeRef: StoreRef): void {
  describe('idempotent retry (same event ids, same expected revision)', () => {
    it.each<{ expectedRevision: ExpectedRevision; label: string }>([
      { expectedRevision: 'no_stream', label: "'no_stream' on a new stream" },
      { expectedRevision: 0, label: 'an exact revision' },
    ])('returns the first result and writes nothing ($label)', async ({ expectedRevision }) => {
      const store = storeRef();
      const streamId = newStreamId();
      if (expectedRevision !== 'no_stream') {
        await store.appendToStream(streamId, numbered(1), { expectedRevision: 'no_stream' });
      }
      const events = numbered(3, 50);
      const first = await store.appendToStream(streamId, events, { expectedRevision });
      const before = await store.readStream(streamId);

      const retried = await store.appendToStream(streamId, events, { expectedRevision });
      expect(retried).toEqual(first);
      expect(await store.readStream(streamId)).toEqual(before);

      const ids = new Set(events.map((e) => e.id));
      const copies = (await readAllPages(store, before[0]!.position - 1, 1000)).filter((e) => ids.has(e.id));
      expect(copies).toHaveLength(3);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Concurrency

function describeConcurrency(storeRef: StoreRef): void {
  describe('concurrent appends', () => {
    it('to one stream expecting the same revision: exactly one wins, the others get WrongExpectedRevisionError', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      await store.appendToStream(streamId, numbered(1), { expectedRevision: 'no_stream' });

      const writers = 20;
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) =>
          store.appendToStream(streamId, [newEvent('Raced.v1', { writer: i }), newEvent('Raced.v1', { writer: i })], {
            expectedRevision: 0,
          }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(writers - 1);
      for (const loss of lost) {
        expect(loss.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(loss.reason).toMatchObject({ expected: 0, actual: 2 });
      }

      const stored = await store.readStream(streamId);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
      const winner = (stored[1]!.data as { writer: number }).writer;
      expect((stored[2]!.data as { writer: number }).writer).toBe(winner);
    });

    it('to one stream, each writer retrying on conflict: no gap, no duplicate', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const writers = 10;
      const perWriter = 5;
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; i < perWriter; i += 1) {
          const event = newEvent('Retried.v1', { w, i });
          for (;;) {
            const current = await store.readStream(streamId).then(
              (events) => events[events.length - 1]!.revision,
              (e: unknown) => {
                if (e instanceof StreamNotFoundError) return 'no_stream' as const;
                throw e;
              },
            );
            try {
              await store.appendToStream(streamId, [event], { expectedRevision: current });
              break;
            } catch (e) {
              if (!(e instanceof WrongExpectedRevisionError)) throw e;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

      const stored = await store.readStream(streamId);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i));
      expect(new Set(stored.map((e) => e.id)).size).toBe(writers * perWriter);
      expectStrictlyIncreasing(stored.map((e) => e.position));
    });

    it('to distinct streams all succeed', async () => {
      const store = storeRef();
      const streamIds = Array.from({ length: 32 }, () => newStreamId('distinct'));
      const results = await Promise.all(
        streamIds.map((id) => store.appendToStream(id, numbered(2), { expectedRevision: 'no_stream' })),
      );
      expect(results.every((r) => r.nextExpectedRevision === 1)).toBe(true);
      expect(new Set(results.map((r) => r.position)).size).toBe(streamIds.length);
      for (const id of streamIds) expect(await store.readStream(id)).toHaveLength(2);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Subscriptions

function describeSubscribeToAll(storeRef: StoreRef): void {
  describe('subscribeToAll', () => {
    it('catches up from the beginning, in global order', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const written = await appendSequentially(store, streamId, 5);
      const ids = written.map((e) => e.id);

      const collector = collect(store.subscribeToAll());
      try {
        await collector.until((events) => ofStreams(events, new Set([streamId])).length >= ids.length);
        expect(collector.events[0]!.position).toBeGreaterThan(0);
        expectStrictlyIncreasing(collector.events.map((e) => e.position));
        expect(ofStreams(collector.events, new Set([streamId])).map((e) => e.id)).toEqual(ids);
      } finally {
        collector.subscription.unsubscribe();
      }
    });

    it('catches up from a checkpoint (`after` exclusive)', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const first = await store.appendToStream(streamId, numbered(3), { expectedRevision: 'no_stream' });
      const rest = numbered(2, 3);
      await store.appendToStream(streamId, rest, { expectedRevision: first.nextExpectedRevision });

      const collector = collect(store.subscribeToAll({ after: first.position }));
      try {
        await collector.until((events) => ofStreams(events, new Set([streamId])).length >= 2);
        expect(collector.events.every((e) => e.position > first.position)).toBe(true);
        expect(ofStreams(collector.events, new Set([streamId])).map((e) => e.id)).toEqual(rest.map((e) => e.id));
      } finally {
        collector.subscription.unsubscribe();
      }
    });

    it('goes live: every event once, in strictly increasing position order, while writers append concurrently', async () => {
      const store = storeRef();
      const checkpoint = await store.appendToStream(newStreamId('checkpoint'), [newEvent()], { expectedRevision: 'no_stream' });
      // History written before subscribing, so the subscription hands over from catch-up to live
      // while the writers below are still appending.
      const historyStream = newStreamId('history');
      await store.appendToStream(historyStream, numbered(30), { expectedRevision: 'no_stream' });

      const writers = Array.from({ length: 5 }, () => newStreamId('live'));
      const ours = new Set([historyStream, ...writers]);
      const perWriter = 12;
      const expectedCount = 30 + writers.length * perWriter * 2;

      const collector = collect(store.subscribeToAll({ after: checkpoint.position }));
      try {
        await Promise.all(
          writers.map(async (streamId) => {
            let expected: ExpectedRevision = 'no_stream';
            for (let i = 0; i < perWriter; i += 1) {
              const result = await store.appendToStream(streamId, numbered(2, i * 2), { expectedRevision: expected });
              expected = result.nextExpectedRevision;
            }
          }),
        );
        await collector.until((events) => ofStreams(events, ours).length >= expectedCount);
        await sleep(QUIET_MS);

        expect(collector.error()).toBeUndefined();
        expectStrictlyIncreasing(collector.events.map((e) => e.position));
        const received = ofStreams(collector.events, ours);
        expect(received).toHaveLength(expectedCount);
        expect(new Set(received.map((e) => e.id)).size).toBe(expectedCount);
        for (const streamId of ours) {
          const revisions = received.filter((e) => e.streamId === streamId).map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
        // What the subscriber saw matches what the store reads back.
        const stored = ofStreams(await readAllPages(store, checkpoint.position, 1000), ours);
        expect(received.map((e) => e.id)).toEqual(stored.map((e) => e.id));
      } finally {
        collector.subscription.unsubscribe();
      }
    });

    it('delivers to several subscribers independently', async () => {
      const store = storeRef();
      const checkpoint = await store.appendToStream(newStreamId('checkpoint'), [newEvent()], { expectedRevision: 'no_stream' });
      const streamId = newStreamId();
      const one = collect(store.subscribeToAll({ after: checkpoint.position }));
      const two = collect(store.subscribeToAll({ after: checkpoint.position }));
      try {
        await appendSequentially(store, streamId, 4);
        for (const collector of [one, two]) {
          await collector.until((events) => ofStreams(events, new Set([streamId])).length >= 4);
        }
        expect(ofStreams(one.events, new Set([streamId])).map((e) => e.id)).toEqual(
          ofStreams(two.events, new Set([streamId])).map((e) => e.id),
        );
      } finally {
        one.subscription.unsubscribe();
        two.subscription.unsubscribe();
      }
    });

    it('stops delivering after unsubscribe', async () => {
      const store = storeRef();
      const streamId = newStreamId();
      const first = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const collector = collect(store.subscribeToAll({ after: first.position - 1 }));
      await collector.until((events) => events.some((e) => e.streamId === streamId));
      collector.subscription.unsubscribe();
      const seen = collector.events.length;

      await store.appendToStream(streamId, numbered(3), { expectedRevision: 0 });
      await sleep(QUIET_MS);
      expect(collector.events).toHaveLength(seen);
    });
  });
}
