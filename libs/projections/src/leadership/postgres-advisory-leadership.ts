import { Client } from 'pg';
import type { LeaderElection, LeadershipCallbacks, LeadershipStatus } from './leader-election';

export interface PostgresLeadershipOptions {
  readonly connectionString: string;
  /** Names the lock: every server sharing this name competes (the read store's schema). */
  readonly lockName: string;
  /** How often a follower tries to take the lock, and the leader checks its connection (ms). Default 1000. */
  readonly retryMs?: number;
  readonly log?: (message: string) => void;
}

/**
 * Leader election with a session-level PostgreSQL advisory lock held on a dedicated connection
 * (not a pool's: the lock belongs to the session). A follower tries `pg_try_advisory_lock` every
 * `retryMs`. When the leader process dies, or its connection drops, PostgreSQL ends the session and
 * releases the lock, so a follower takes over within about one retry interval after the server
 * notices (immediately for a killed process: the socket closes). The leader pings its connection
 * every interval; a failed ping or a connection error demotes it at once, before anyone else can
 * have been elected for longer than that interval.
 */
export class PostgresAdvisoryLeadership implements LeaderElection {
  private client: Client | null = null;
  private callbacks: LeadershipCallbacks | null = null;
  private leader = false;
  private since: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private tick: Promise<void> = Promise.resolve();
  private readonly retryMs: number;

  constructor(private readonly options: PostgresLeadershipOptions) {
    this.retryMs = options.retryMs ?? 1_000;
  }

  async start(callbacks: LeadershipCallbacks): Promise<void> {
    this.callbacks = callbacks;
    this.stopped = false;
    await this.attempt();
    this.schedule();
  }

  status(): LeadershipStatus {
    return { mode: 'postgres-advisory-lock', active: this.leader, since: this.leader ? this.since : null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
    await this.demote('stopping');
    // Closing the session releases the lock for the next server.
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.attempt().finally(() => this.schedule());
    }, this.retryMs);
  }

  /** One round: a follower tries to take the lock, a leader checks it still has its session. */
  private async attempt(): Promise<void> {
    try {
      const client = await this.connection();
      if (this.leader) {
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(1818584434, hashtext($1)) AS locked', [this.options.lockName]);
      if (rows[0]?.locked && !this.stopped) {
        this.leader = true;
        this.since = new Date().toISOString();
        this.options.log?.(`elected: this process is the active projector (lock "${this.options.lockName}")`);
        await this.callbacks?.onElected();
      }
    } catch (error) {
      // Lost or never had the session: whatever lock we held is gone with it.
      await this.dropConnection();
      await this.demote(`lock connection failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.connectionString });
    client.on('error', () => {
      // The session is gone, and with it the lock: stop projecting now, not at the next tick.
      if (this.client === client) this.client = null;
      void this.demote('lock connection lost');
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async dropConnection(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async demote(reason: string): Promise<void> {
    if (!this.leader) return;
    this.leader = false;
    this.since = null;
    this.options.log?.(`demoted (${reason}): this process stops projecting`);
    await this.callbacks?.onDemoted();
  }
}
