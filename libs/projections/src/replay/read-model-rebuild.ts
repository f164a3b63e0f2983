import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store.port';
import { applyBatch } from '../runner/apply-batch';
import { RowCache } from '../runner/unit-of-work';

export interface RebuildOptions {
  /** Events per readAll page. */
  readonly pageSize?: number;
  /** Events per read-model transaction: large batches coalesce many changes of one row into one write. */
  readonly batchEvents?: number;
  /** Rows kept in memory between batches, per projection (bounded: memory does not grow with history). */
  readonly cacheRows?: number;
}

export type ProgressListener = (position: number, eventsApplied: number) => void;

interface Target {
  readonly projection: Projection;
  readonly generation: number;
  readonly cache: RowCache;
}

/**
 * Rebuilds read models from event zero into fresh generations, streaming the event store page by
 * page. One read of the history feeds every projection. Readers keep seeing the live generations
 * until `activate()` switches each pointer atomically.
 */
export class ReadModelRebuild {
  private position = 0;
  private applied = 0;
  /** Highest position known to have no event after `position` (positions may have gaps). */
  private covered = 0;

  private constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly targets: readonly Target[],
    private readonly options: Required<RebuildOptions>,
  ) {}

  static async begin(events: EventStore, store: ReadStore, projections: readonly Projection[], options: RebuildOptions = {}): Promise<ReadModelRebuild> {
    const resolved = { pageSize: options.pageSize ?? 5_000, batchEvents: options.batchEvents ?? 20_000, cacheRows: options.cacheRows ?? 10_000 };
    const targets: Target[] = [];
    for (const projection of projections) {
      targets.push({ projection, generation: await store.createGeneration(projection), cache: new RowCache(resolved.cacheRows) });
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

  /** Applies every event up to and including `until` (default: the current end of the store). */
  async advance(until: number = Number.MAX_SAFE_INTEGER, onProgress?: ProgressListener): Promise<void> {
    let batch: RecordedEvent[] = [];
    let after = this.position;
    for (;;) {
      const page = await this.events.readAll({ after, maxCount: this.options.pageSize });
      let reachedEnd = page.length < this.options.pageSize;
      for (const event of page) {
        if (event.position > until) {
          reachedEnd = true;
          this.covered = event.position - 1;
          break;
        }
        batch.push(event);
        after = event.position;
      }
      if (batch.length >= this.options.batchEvents || (reachedEnd && batch.length > 0)) {
        await this.applyAll(batch);
        batch = [];
        onProgress?.(this.position, this.applied);
      }
      if (reachedEnd) {
        if (this.covered < this.position) this.covered = this.position;
        return;
      }
    }
  }

  /** Secondary indexes, built once after the bulk load (much faster than maintaining them per row). */
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

  private async applyAll(batch: readonly RecordedEvent[]): Promise<void> {
    for (const target of this.targets) {
      await applyBatch({ store: this.store, projection: target.projection, generation: target.generation, cache: target.cache }, this.position, batch);
    }
    this.position = batch[batch.length - 1]!.position;
    this.applied += batch.length;
  }
}
