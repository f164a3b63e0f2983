import { upcastEvent, type Upcast } from '@shuangsui/domain';
import type { EventStore } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store.port';
import type { BeforeCommitHook } from './apply-batch';
import { ProjectionWorker, type WorkerStatus } from './projection-worker';

export interface ProjectionStatus extends WorkerStatus {
  /** Last known global position of the event store. */
  readonly head: number;
  /** head − position: events (positions) this projection still has to apply. */
  readonly lag: number;
}

export interface ProjectionRunnerOptions {
  readonly maxBatch?: number;
  readonly highWater?: number;
  readonly cacheRows?: number;
  /**
   * How long a live event waits for others to share its read-store transaction. Under bench:load
   * (200 commands/s) each of the nine projections otherwise committed once per event.
   */
  readonly gatherMs?: number;
  /** How old event versions are read as the newest; default the production upcasters (tests pass their own). */
  readonly upcast?: Upcast;
  /** Test seam: runs after the handlers, before the commit. */
  readonly beforeCommit?: BeforeCommitHook;
  readonly onError?: (error: Error) => void;
}

const HEAD_PROBE_PAGE = 1_000;

/** Runs every projection side by side, each with its own subscription and checkpoint. */
export class ProjectionRunner {
  private readonly workers: ProjectionWorker[];
  private head = 0;

  constructor(
    private readonly events: EventStore,
    store: ReadStore,
    projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.workers = projections.map(
      (projection) =>
        new ProjectionWorker(events, store, projection, {
          maxBatch: options.maxBatch ?? 2_000,
          highWater: options.highWater ?? 20_000,
          cacheRows: options.cacheRows ?? 20_000,
          gatherMs: options.gatherMs ?? 20,
          upcast: options.upcast ?? upcastEvent,
          beforeCommit: options.beforeCommit,
          onError: options.onError,
        }),
    );
  }

  async start(): Promise<void> {
    for (const worker of this.workers) await worker.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  /**
   * Each projection's position and lag. The head is the highest position seen so far, advanced by a
   * probe that reads at most one page past it: cheap, and exact whenever the lag is under a page.
   */
  async status(): Promise<ProjectionStatus[]> {
    const statuses = this.workers.map((worker) => worker.status());
    this.head = Math.max(this.head, ...statuses.map((status) => status.position));
    // One page at most per call: during a long catch-up the lag shown is a lower bound that
    // climbs towards the truth, instead of a status request that reads the whole backlog.
    const page = await this.events.readAll({ after: this.head, maxCount: HEAD_PROBE_PAGE });
    const last = page[page.length - 1];
    if (last) this.head = last.position;
    return statuses.map((status) => ({ ...status, head: this.head, lag: Math.max(0, this.head - status.position) }));
  }

  /** Resolves when every running projection has reached `position` (tests, CLI); rejects on timeout. */
  async waitUntil(position: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = this.workers.map((worker) => worker.status());
      if (statuses.every((status) => status.state !== 'running' || status.position >= position)) return;
      if (Date.now() > deadline) throw new Error(`Projections did not reach position ${position} within ${timeoutMs} ms: ${JSON.stringify(statuses)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
