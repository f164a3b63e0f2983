import type { Upcast } from '@shuangsui/domain';
import { toLeanEvent, type EventStore, type LeanEvent, type RecordedEvent } from '@shuangsui/event-store';
import type { Subscription } from 'rxjs';
import type { Projection } from '../projection';
import { CheckpointConflictError, type ProjectionRunState, type ReadStore } from '../read-store.port';
import { applyBatch, type BeforeCommitHook } from './apply-batch';
import { ProjectionEventError } from './projection-event-error';
import { RowCache } from './unit-of-work';

export interface WorkerOptions {
  /** Most events per transaction. */
  readonly maxBatch: number;
  /** Buffered events above which the subscription pauses until the buffer is written (back-pressure). */
  readonly highWater: number;
  readonly cacheRows: number;
  /** How long a live event waits for others to share its transaction (0: the end of the tick). */
  readonly gatherMs: number;
  /** Reads each event as the newest version of its type (docs/events.md "Versioning"). */
  readonly upcast: Upcast;
  readonly beforeCommit?: BeforeCommitHook;
  readonly onError?: (error: Error) => void;
}

export interface WorkerStatus {
  readonly name: string;
  readonly state: ProjectionRunState;
  readonly generation: number;
  readonly position: number;
  readonly error: { readonly message: string; readonly eventId?: string; readonly eventType?: string; readonly position?: number } | null;
}

/**
 * Runs one projection: subscribe after its checkpoint, buffer what arrives, and write the buffer in
 * one transaction `gatherMs` after the first buffered event (so a catch-up page becomes one batch,
 * and live events arriving one by one under load share a transaction instead of one each). A failing
 * event stops this projection only, with the event named.
 */
export class ProjectionWorker {
  private state: ProjectionRunState = 'stopped';
  private generation = 0;
  private position = 0;
  private error: WorkerStatus['error'] = null;
  private subscription: Subscription | null = null;
  private buffer: LeanEvent[] = [];
  private bufferedUpTo = 0;
  private paused = false;
  private flushScheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly cache: RowCache;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly projection: Projection,
    private readonly options: WorkerOptions,
  ) {
    this.cache = new RowCache(options.cacheRows);
  }

  get name(): string {
    return this.projection.name;
  }

  status(): WorkerStatus {
    return { name: this.projection.name, state: this.state, generation: this.generation, position: this.position, error: this.error };
  }

  async start(): Promise<void> {
    const checkpoint = await this.store.register(this.projection);
    this.generation = checkpoint.generation;
    this.position = checkpoint.position;
    this.bufferedUpTo = checkpoint.position;
    this.error = null;
    this.state = 'running';
    this.subscribe(this.position);
  }

  /** Stops after the batch being written; buffered events are dropped (they are re-read next start). */
  async stop(): Promise<void> {
    this.unsubscribe();
    this.buffer = [];
    await this.writing;
    if (this.state === 'running') this.state = 'stopped';
  }

  /** Resolves when the writes queued so far are done. */
  async settled(): Promise<void> {
    await this.writing;
  }

  private subscribe(after: number): void {
    this.subscription = this.events.subscribeToAll({ after }).subscribe({
      next: (event) => this.receive(event),
      error: (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
    });
  }

  private unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private receive(event: RecordedEvent): void {
    if (this.state !== 'running' || event.position <= this.bufferedUpTo) return;
    this.buffer.push(this.options.upcast(toLeanEvent(event)));
    this.bufferedUpTo = event.position;
    if (this.buffer.length >= this.options.highWater && !this.paused) {
      this.paused = true;
      this.unsubscribe();
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      const flush = () => {
        this.flushScheduled = false;
        this.writing = this.writing.then(() => this.flush());
      };
      if (this.options.gatherMs > 0) setTimeout(flush, this.options.gatherMs);
      else setImmediate(flush);
    }
  }

  private async flush(): Promise<void> {
    while (this.state === 'running' && this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.maxBatch);
      try {
        this.position = await applyBatch(
          { store: this.store, projection: this.projection, generation: this.generation, cache: this.cache },
          this.position,
          batch,
          this.options.beforeCommit,
          true,
        );
      } catch (error) {
        if (error instanceof CheckpointConflictError) return this.reload();
        return this.fail(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (this.paused && this.state === 'running') {
      this.paused = false;
      this.subscribe(this.bufferedUpTo);
    }
  }

  /** Someone else moved our checkpoint (a replay swapped generations): start again from the store's truth. */
  private async reload(): Promise<void> {
    this.unsubscribe();
    this.buffer = [];
    this.cache.clear();
    this.paused = false;
    await this.start();
  }

  private fail(error: Error): void {
    this.unsubscribe();
    this.buffer = [];
    // The cache must hold committed state only; a failed batch may have changed rows it holds.
    this.cache.clear();
    this.state = 'failed';
    this.error =
      error instanceof ProjectionEventError
        ? { message: error.message, eventId: error.eventId, eventType: error.eventType, position: error.position }
        : { message: `Projection ${this.projection.name} stopped at position ${this.position}: ${error.message}` };
    this.options.onError?.(error);
  }
}
