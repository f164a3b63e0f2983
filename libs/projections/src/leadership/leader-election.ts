/**
 * Who runs the projections and process managers. Several servers may share one store; the writers
 * of read models and the process managers must run in exactly one of them at a time. The read
 * store's checkpoint check already makes a double-applied batch impossible; leader election makes
 * the second writer not try at all, and moves the work when the leader dies.
 */
export interface LeadershipCallbacks {
  /** This process just became the leader: start the work. */
  readonly onElected: () => Promise<void>;
  /** This process lost leadership (its lock connection dropped): stop the work at once. */
  readonly onDemoted: () => Promise<void>;
}

export interface LeadershipStatus {
  readonly mode: 'single-process' | 'postgres-advisory-lock';
  /** Whether this process is the active projector now. */
  readonly active: boolean;
  /** When this process last became the leader (ISO-8601), or null. */
  readonly since: string | null;
}

export interface LeaderElection {
  /** Starts campaigning; resolves after the first attempt (elected or not). */
  start(callbacks: LeadershipCallbacks): Promise<void>;
  status(): LeadershipStatus;
  /** Stops campaigning and gives leadership up (onDemoted is called if it was held). */
  stop(): Promise<void>;
}

/** One process owns its store (SQLite): it is always the leader. */
export class SingleProcessLeadership implements LeaderElection {
  private callbacks: LeadershipCallbacks | null = null;
  private since: string | null = null;

  async start(callbacks: LeadershipCallbacks): Promise<void> {
    this.callbacks = callbacks;
    this.since = new Date().toISOString();
    await callbacks.onElected();
  }

  status(): LeadershipStatus {
    return { mode: 'single-process', active: this.since !== null, since: this.since };
  }

  async stop(): Promise<void> {
    if (this.since === null) return;
    this.since = null;
    await this.callbacks?.onDemoted();
  }
}
