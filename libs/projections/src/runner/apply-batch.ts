import type { LeanEvent } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import { rowKey, type ReadStore, type RowRef } from '../read-store.port';
import { ProjectionEventError } from './projection-event-error';
import { UnitOfWork, type RowCache } from './unit-of-work';

export interface BatchTarget {
  readonly store: ReadStore;
  readonly projection: Projection;
  readonly generation: number;
  readonly cache: RowCache;
  /** False when the store cannot hold the row (a rebuild's fresh tables it never wrote): no lookup. */
  readonly mayExist?: (table: string, key: string) => boolean;
  /** Runs before rows are read from the store: a pipelined rebuild lets its batch in flight land first. */
  readonly beforeLoad?: () => Promise<void>;
}

/** Test seam: runs after the handlers applied the batch and before the commit (crash injection). */
export type BeforeCommitHook = (projection: string, toPosition: number) => void;

/**
 * Applies a batch of events (in position order, all after `fromPosition`) to one projection and
 * commits the rows with the new checkpoint in one transaction. If any handler throws, nothing of the
 * batch is committed and a ProjectionEventError names the event. Returns the new checkpoint.
 */
export async function applyBatch(
  target: BatchTarget,
  fromPosition: number,
  events: readonly LeanEvent[],
  beforeCommit?: BeforeCommitHook,
  requireActive = false,
): Promise<number> {
  const last = events[events.length - 1];
  if (!last) return fromPosition;
  const { store, projection, generation, cache } = target;
  const work = new UnitOfWork(projection.tables);
  await applyToWork(target, work, events);
  beforeCommit?.(projection.name, last.position);
  const changes = work.changes();
  await store.commit({ projection: projection.name, generation, fromPosition, toPosition: last.position, requireActive, ...changes });
  work.publishTo(cache);
  return last.position;
}

/**
 * Runs the handlers of `events` against `work` without committing: first every row they declare is
 * fetched (from the work itself, the cache, or the store in one round trip), then the handlers run
 * synchronously. A bulk rebuild calls it page after page on one unit of work, so the events of a
 * page can be dropped while the coalesced rows wait for the batch's commit.
 */
export async function applyToWork(target: BatchTarget, work: UnitOfWork, events: readonly LeanEvent[]): Promise<void> {
  const { store, projection, generation, cache } = target;
  const toLoad: RowRef[] = [];
  for (const event of events) {
    const handler = projection.handlers[event.type];
    if (!handler) continue;
    let refs: readonly RowRef[];
    try {
      refs = handler.rows(event);
    } catch (error) {
      throw new ProjectionEventError(projection.name, event, error);
    }
    for (const ref of refs) {
      if (work.isKnown(ref.table, ref.key)) continue;
      // A row the store cannot hold is not in the cache either (it holds committed state): most rows
      // of a rebuild are new, and this spares them the cache's lookups.
      if (target.mayExist?.(ref.table, ref.key) === false) {
        work.seed(ref.table, ref.key, null);
        continue;
      }
      const cached = cache.get(ref.table, ref.key);
      if (cached !== undefined) work.seed(ref.table, ref.key, cached);
      else {
        work.seed(ref.table, ref.key, null); // provisional: replaced below when the store has the row
        toLoad.push(ref);
      }
    }
  }
  if (toLoad.length > 0) {
    await target.beforeLoad?.();
    const loaded = await store.load(projection.name, generation, toLoad);
    if (loaded.size > 0) {
      for (const ref of toLoad) {
        const row = loaded.get(rowKey(ref.table, ref.key));
        if (row) work.loaded(ref.table, ref.key, row);
      }
    }
  }

  for (const event of events) {
    const handler = projection.handlers[event.type];
    if (!handler) continue;
    try {
      handler.apply(event, work);
    } catch (error) {
      throw new ProjectionEventError(projection.name, event, error);
    }
  }
}
