import { upcastEvent, type Upcast } from '@shuangsui/domain';
import type { EventStore, LeanEvent } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import { rowKey, type ReadStore } from '../read-store.port';
import { applyToWork, type BatchTarget } from '../runner/apply-batch';
import { RowCache, UnitOfWork } from '../runner/unit-of-work';
import { BloomFilter } from './bloom-filter';

export interface RebuildOptions {
  /** Events per readAll page. */
  readonly pageSize?: number;
  /** Events per read-model transaction: large batches coalesce many changes of one row into one write. */
  readonly batchEvents?: number;
  /** Rows kept in memory between batches, per projection (bounded: memory does not grow with history). */
  readonly cacheRows?: number;
  /** How old event versions are read as the newest; default the production upcasters (tests pass their own). */
  readonly upcast?: Upcast;
}

export type ProgressListener = (position: number, eventsApplied: number) => void;

interface Target {
  readonly projection: Projection;
  readonly generation: number;
  readonly cache: RowCache;
  /** Every row key this rebuild has handed to the store: any other row cannot be in its fresh tables. */
  readonly written: BloomFilter;
  /** The batch being built: rows changed by the pages applied since the last commit. */
  work: UnitOfWork;
}

/**
 * Rebuilds read models from event zero into fresh generations, streaming the event store page by
 * page. One read of the history feeds every projection. Readers keep seeing the live generations
 * until `activate()` switches each pointer atomically.
 */
export class ReadModelRebuild {
  /** Position of the last batch handed to the store (committed once `inFlight` settles). */
  private position = 0;
  private applied = 0;
  /** The commits of the last batch handed off, still being written (the store may write on another thread). */
  private inFlight: Promise<void> = Promise.resolve();
  /** Highest position known to have no event after `position` (positions may have gaps). */
  private covered = 0;

  private constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly targets: readonly Target[],
    private readonly options: Required<RebuildOptions>,
  ) {}

  static async begin(events: EventStore, store: ReadStore, projections: readonly Projection[], options: RebuildOptions = {}): Promise<ReadModelRebuild> {
    // Small pages, large batches: a page's events are applied and dropped at once (young garbage,
    // cheap to collect), while a batch's coalesced rows wait for one commit per projection.
    const resolved = {
      pageSize: options.pageSize ?? 1_000,
      batchEvents: options.batchEvents ?? 50_000,
      cacheRows: options.cacheRows ?? 10_000,
      upcast: options.upcast ?? upcastEvent,
    };
    const targets: Target[] = [];
    for (const projection of projections) {
      const generation = await store.createGeneration(projection);
      targets.push({ projection, generation, cache: new RowCache(resolved.cacheRows), written: new BloomFilter(), work: new UnitOfWork(projection.tables) });
    }
    return new ReadModelRebuild(events, store, targets, resolved);
  }

  get reachedPosition(): number {
    return this.position;
  }

  /** True when the rebuilt state is the state as of `position` (no event lies between). */
  isAt(position: number): boolean {
    return this.position <= position && position <= this.covered;
  }

  get eventsApplied(): number {
    return this.applied;
  }

  generations(): { readonly projection: Projection; readonly generation: number }[] {
    return this.targets.map(({ projection, generation }) => ({ projection, generation }));
  }

  /**
   * Applies every event up to and including `until` (default: the current end of the store). Each
   * page is applied to every projection's unit of work as soon as it is read; the rows are
   * committed (with the checkpoint) every `batchEvents` events and at the end. The next page is
   * asked for before a page is applied, and a batch's commit runs while the next batch is applied
   * (stores that can, read and write on other threads); everything is committed when this resolves.
   */
  async advance(until: number = Number.MAX_SAFE_INTEGER, onProgress?: ProgressListener): Promise<void> {
    let pending = 0;
    let last = this.position;
    let next = this.readPage(last);
    for (;;) {
      const read = await next;
      let reachedEnd = read.length < this.options.pageSize;
      let page = read;
      const beyond = read.findIndex((event) => event.position > until);
      if (beyond >= 0) {
        reachedEnd = true;
        this.covered = read[beyond]!.position - 1;
        page = read.slice(0, beyond);
      }
      if (!reachedEnd) next = this.readPage(read[read.length - 1]!.position);
      if (page.length > 0) {
        for (const target of this.targets) await applyToWork(this.batchTarget(target), target.work, page);
        pending += page.length;
        last = page[page.length - 1]!.position;
      }
      if (pending >= this.options.batchEvents || (reachedEnd && pending > 0)) {
        await this.handOff(last, pending);
        pending = 0;
        onProgress?.(this.position, this.applied);
      }
      if (reachedEnd) {
        await this.inFlight;
        if (this.covered < this.position) this.covered = this.position;
        return;
      }
    }
  }

  /**
   * Secondary indexes the store did not create up front (see TableSpec.indexes): built once after the
   * bulk load, which costs less than maintaining them row by row on the thread applying the events.
   */
  async finish(): Promise<void> {
    for (const { projection, generation } of this.targets) await this.store.finishGeneration(projection, generation);
  }

  /** Blue-green switch: each projection's readers move to the rebuilt generation in one transaction. */
  async activate(): Promise<void> {
    for (const { projection, generation } of this.targets) {
      const previous = (await this.store.checkpoint(projection.name))?.generation;
      await this.store.activateGeneration(projection.name, generation);
      // Keep the generation just replaced: readers mid-query still use it, and it allows a rollback.
      await this.store.dropInactiveGenerations(projection.name, previous);
    }
  }

  /** Throws the rebuilt tables away (a replay without --swap). */
  async discard(): Promise<void> {
    for (const { projection } of this.targets) {
      const active = (await this.store.checkpoint(projection.name))?.generation;
      await this.store.dropInactiveGenerations(projection.name, active);
    }
  }

  /** A page as the projections read it: each event upcast in place (the same object when no step applies). */
  private readPage(after: number): Promise<LeanEvent[]> {
    const { upcast } = this.options;
    const page = this.events.readAllLean({ after, maxCount: this.options.pageSize }).then((events) => {
      for (let i = 0; i < events.length; i += 1) events[i] = upcast(events[i]!);
      return events;
    });
    page.catch(() => undefined); // a read ahead that is never awaited (a handler failed) is not an unhandled rejection
    return page;
  }

  private batchTarget(target: Target): BatchTarget {
    return {
      store: this.store,
      projection: target.projection,
      generation: target.generation,
      cache: target.cache,
      mayExist: (table, key) => target.written.mightContain(rowKey(table, key)),
      // A row evicted from the cache is read back from the store: the batch in flight must land first.
      beforeLoad: () => this.inFlight,
    };
  }

  /**
   * Hands the batch's rows to the store and returns once the PREVIOUS batch is committed, so one
   * batch is written while the next is applied. The rows enter the caches at once: they are the
   * state the store will hold, and a failed commit fails the whole rebuild (at the next await).
   */
  private async handOff(toPosition: number, events: number): Promise<void> {
    await this.inFlight;
    const fromPosition = this.position;
    const commits = this.targets.map((target) => {
      const { projection, generation, work } = target;
      const commit = this.store.commit({ projection: projection.name, generation, fromPosition, toPosition, ...work.changes() });
      work.forEachChanged((table, key) => target.written.add(rowKey(table, key)));
      work.publishTo(target.cache);
      target.work = new UnitOfWork(projection.tables);
      return commit;
    });
    this.inFlight = Promise.all(commits).then(() => undefined);
    this.inFlight.catch(() => undefined); // observed by the next await; not an unhandled rejection meanwhile
    this.position = toPosition;
    this.applied += events;
  }
}
