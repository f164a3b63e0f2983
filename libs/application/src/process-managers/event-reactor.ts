import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { Subscription } from 'rxjs';

/** Where a process manager keeps the position it has handled (the read store's plain checkpoints). */
export interface CheckpointStore {
  loadCheckpoint(name: string): Promise<number>;
  saveCheckpoint(name: string, position: number): Promise<void>;
}

export interface ReactorStatus {
  readonly [counter: string]: unknown;
  readonly name: string;
  readonly state: 'running' | 'failed' | 'stopped';
  readonly position: number;
  readonly handled: number;
  readonly error: string | null;
}

/** What one process manager does: which events it reacts to, and how (idempotently: it may see one twice). */
export interface Reaction {
  readonly name: string;
  readonly reactsTo: ReadonlySet<string>;
  readonly react: (event: RecordedEvent) => Promise<void>;
  /** What the reaction counts, shown in the status (e.g. referrals opened). */
  readonly counters?: () => Readonly<Record<string, number>>;
}

/**
 * Runs a process manager from its checkpoint: subscribes to the log after the saved position, handles
 * the events it reacts to one at a time, in order, and saves the position after each. A crash between
 * the reaction and the save repeats the reaction after the restart, so every reaction sends commands
 * with ids derived from the event: the command handler answers a repeat from the stream. A failure
 * stops the manager at that event (named in the status) rather than skipping it.
 */
export class EventReactor {
  get name(): string {
    return this.reaction.name;
  }

  private state: ReactorStatus['state'] = 'stopped';
  private position = 0;
  private handled = 0;
  private error: string | null = null;
  private subscription: Subscription | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly reaction: Reaction,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  private get checkpointName(): string {
    return `process:${this.reaction.name}`;
  }

  async start(): Promise<void> {
    this.position = await this.checkpoints.loadCheckpoint(this.checkpointName);
    this.state = 'running';
    this.error = null;
    this.subscription = this.events.subscribeToAll({ after: this.position }).subscribe({
      next: (event) => {
        this.queue = this.queue.then(() => this.handle(event));
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = null;
    await this.queue;
    if (this.state === 'running') this.state = 'stopped';
  }

  status(): ReactorStatus {
    return { ...this.reaction.counters?.(), name: this.reaction.name, state: this.state, position: this.position, handled: this.handled, error: this.error };
  }

  /** Resolves when every event received so far is handled. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async handle(event: RecordedEvent): Promise<void> {
    if (this.state !== 'running' || event.position <= this.position) return;
    try {
      if (this.reaction.reactsTo.has(event.type)) {
        await this.reaction.react(event);
        this.handled += 1;
        await this.checkpoints.saveCheckpoint(this.checkpointName, event.position);
      }
      this.position = event.position;
    } catch (error) {
      this.fail(error, event);
    }
  }

  private fail(error: unknown, event?: RecordedEvent): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.state = 'failed';
    const reason = error instanceof Error ? error.message : String(error);
    this.error = event
      ? `${this.reaction.name} failed on event ${event.id} (${event.type}, position ${event.position}): ${reason}`
      : `${this.reaction.name} stopped at position ${this.position}: ${reason}`;
    this.log(this.error);
  }
}
