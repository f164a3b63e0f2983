/**
 * The transaction log behind the EventStoreDB gRPC double: one append-only array of records in
 * global order, plus a per-stream index. Pure data and rules, no gRPC, so the rules read plainly.
 *
 * It mirrors what a real node does for the calls the adapter makes:
 * - expected-revision checks (any / no_stream / stream_exists / exact revision);
 * - idempotent appends: a batch whose event ids are already in the stream, at the place the
 *   expectation points to, succeeds again with the first result and writes nothing; a batch that
 *   only partly matches is rejected as a wrong expected version (EventStoreDB's
 *   "corrupted idempotency");
 * - positions are byte offsets into a log that grows by each record's size, so they are sparse
 *   and start above zero, like a real node's commit positions, and only record boundaries can be
 *   read from.
 */

export type DoubleExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number };

export interface ProposedRecord {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LogRecord extends ProposedRecord {
  readonly streamName: string;
  readonly revision: number;
  /** Commit position; equal to the prepare position, as for every event written over gRPC. */
  readonly position: number;
  /** Unix epoch in 100 ns ticks, as EventStoreDB reports `created`. */
  readonly createdTicks: bigint;
}

export type AppendOutcome =
  | {
      readonly kind: 'success';
      readonly currentRevision: number;
      /** Position of the first and of the last record of the batch (EventStoreDB's prepare/commit). */
      readonly firstPosition: number;
      readonly lastPosition: number;
    }
  | {
      readonly kind: 'wrong_expected_version';
      /** -1 when the stream does not exist. */
      readonly currentRevision: number;
      readonly expected: DoubleExpectedRevision;
    };

/** Fixed per-record overhead in the fake byte offsets (header, ids, stream name). */
const RECORD_HEADER_BYTES = 128;
/** A real node writes its epoch and system records first: user positions never start at zero. */
const FIRST_POSITION = 4096;

export class InMemoryLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  get length(): number {
    return this.records.length;
  }

  recordAt(index: number): LogRecord | undefined {
    return this.records[index];
  }

  /** Index of the first record whose position is >= `position` (records.length if none). */
  indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.records[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * A real node only reads $all from the start of a record, the start of the log or its end; a
   * position inside a record is rejected ("invalid position").
   */
  isReadablePosition(position: number): boolean {
    if (position === 0 || position === this.nextPosition) return true;
    return this.records[this.indexAtOrAfter(position)]?.position === position;
  }

  stream(streamName: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamName);
  }

  /** Called after every successful write; used by live subscriptions. Returns an unsubscribe. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Synchronous, hence atomic: no other append can interleave with this one. */
  append(streamName: string, expected: DoubleExpectedRevision, batch: readonly ProposedRecord[]): AppendOutcome {
    const existing = this.streams.get(streamName) ?? [];
    const currentRevision = existing.length - 1;

    const idempotent = this.matchIdempotent(existing, expected, batch);
    if (idempotent === 'partial') return { kind: 'wrong_expected_version', currentRevision, expected };
    if (idempotent !== undefined) return idempotent;

    if (!this.expectationHolds(currentRevision, expected)) {
      return { kind: 'wrong_expected_version', currentRevision, expected };
    }
    if (batch.length === 0) {
      // An empty append only checks the expectation, as on a real node.
      const last = existing[existing.length - 1];
      return {
        kind: 'success',
        currentRevision,
        firstPosition: last?.position ?? 0,
        lastPosition: last?.position ?? 0,
      };
    }

    const createdTicks = BigInt(Date.now()) * 10_000n;
    const written: LogRecord[] = batch.map((proposed, i) => {
      const record: LogRecord = {
        ...proposed,
        streamName,
        revision: currentRevision + 1 + i,
        position: this.nextPosition,
        createdTicks,
      };
      this.nextPosition +=
        RECORD_HEADER_BYTES + streamName.length + proposed.type.length + proposed.data.length + proposed.customMetadata.length;
      return record;
    });
    this.records.push(...written);
    existing.push(...written);
    // Registered only once it has events: a failed first append must leave "stream not found".
    this.streams.set(streamName, existing);
    this.listeners.forEach((listener) => listener());
    return {
      kind: 'success',
      currentRevision: currentRevision + written.length,
      firstPosition: written[0]!.position,
      lastPosition: written[written.length - 1]!.position,
    };
  }

  private expectationHolds(currentRevision: number, expected: DoubleExpectedRevision): boolean {
    switch (expected.kind) {
      case 'any':
        return true;
      case 'no_stream':
        return currentRevision === -1;
      case 'stream_exists':
        return currentRevision >= 0;
      case 'revision':
        return currentRevision === expected.revision;
    }
  }

  /**
   * Where the batch would already sit if this is a retry: right after the expected revision, at
   * the start for 'no_stream', or wherever its first id is for 'any' / 'stream_exists'.
   */
  private matchIdempotent(
    existing: readonly LogRecord[],
    expected: DoubleExpectedRevision,
    batch: readonly ProposedRecord[],
  ): AppendOutcome | 'partial' | undefined {
    const first = batch[0];
    if (first === undefined) return undefined;
    let start: number;
    switch (expected.kind) {
      case 'revision':
        start = expected.revision + 1;
        break;
      case 'no_stream':
        start = 0;
        break;
      default:
        start = existing.findIndex((record) => record.id === first.id);
        if (start < 0) return undefined;
    }
    if (existing[start]?.id !== first.id) return undefined;
    for (let i = 0; i < batch.length; i += 1) {
      if (existing[start + i]?.id !== batch[i]!.id) return 'partial';
    }
    return {
      kind: 'success',
      currentRevision: start + batch.length - 1,
      firstPosition: existing[start]!.position,
      lastPosition: existing[start + batch.length - 1]!.position,
    };
  }
}
