import type { EventStore } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store.port';
import { compareGenerations, type TableDifference } from './compare-generations';
import { ReadModelRebuild, type ProgressListener, type RebuildOptions } from './read-model-rebuild';

export interface ProjectionReplayReport {
  readonly name: string;
  /** Live checkpoint the comparison was made at (null: no live model, or it kept moving). */
  readonly comparedAt: number | null;
  readonly note: string | null;
  readonly differences: readonly TableDifference[];
}

export interface ReplayReport {
  readonly position: number;
  readonly events: number;
  readonly seconds: number;
  readonly swapped: boolean;
  readonly projections: readonly ProjectionReplayReport[];
}

export interface ReplayOptions extends RebuildOptions {
  /** Make the rebuilt models live (blue-green). Without it they are compared and discarded. */
  readonly swap?: boolean;
  readonly onProgress?: ProgressListener;
  /** Rounds to chase a live model that keeps moving (a running server) before giving up the comparison. */
  readonly maxRounds?: number;
}

/**
 * The `replay` command's engine: rebuild every read model from event zero into fresh tables, compare
 * each with its live model AT THE SAME POSITION (the rebuild stops at each live checkpoint on its
 * way), finish the rebuild up to the head, then swap or discard.
 */
export async function replayReadModels(events: EventStore, store: ReadStore, projections: readonly Projection[], options: ReplayOptions = {}): Promise<ReplayReport> {
  const started = Date.now();
  const rebuild = await ReadModelRebuild.begin(events, store, projections, options);
  const reports = new Map<string, ProjectionReplayReport>();
  const pending = new Map(projections.map((projection) => [projection.name, projection]));
  const generationOf = new Map(rebuild.generations().map(({ projection, generation }) => [projection.name, generation]));

  for (let round = 0; round < (options.maxRounds ?? 10) && pending.size > 0; round += 1) {
    const live = new Map<string, number>();
    for (const name of pending.keys()) {
      const checkpoint = await store.checkpoint(name);
      if (!checkpoint) {
        reports.set(name, { name, comparedAt: null, note: 'no live read model to compare with', differences: [] });
        pending.delete(name);
      } else if (checkpoint.position < rebuild.reachedPosition) {
        reports.set(name, { name, comparedAt: null, note: `live model moved back to ${checkpoint.position} (swapped by another replay?)`, differences: [] });
        pending.delete(name);
      } else live.set(name, checkpoint.position);
    }
    if (live.size === 0) break;
    await rebuild.advance(Math.min(...live.values()), options.onProgress);
    for (const [name, position] of live) {
      if (!rebuild.isAt(position)) continue;
      const projection = pending.get(name)!;
      const before = await store.checkpoint(name);
      if (!before || before.position !== position) continue; // it moved: next round
      const differences = await compareGenerations(store, projection, before.generation, generationOf.get(name)!);
      const after = await store.checkpoint(name);
      if (after?.position !== position || after.generation !== before.generation) continue; // changed under us: next round
      reports.set(name, { name, comparedAt: position, note: null, differences });
      pending.delete(name);
    }
  }
  for (const name of pending.keys()) {
    reports.set(name, { name, comparedAt: null, note: 'live model kept moving; not compared (stop the server for an exact comparison)', differences: [] });
  }

  await rebuild.advance(undefined, options.onProgress);
  await rebuild.finish();
  if (options.swap) await rebuild.activate();
  else await rebuild.discard();

  return {
    position: rebuild.reachedPosition,
    events: rebuild.eventsApplied,
    seconds: (Date.now() - started) / 1000,
    swapped: options.swap ?? false,
    projections: projections.map((projection) => reports.get(projection.name)!),
  };
}
