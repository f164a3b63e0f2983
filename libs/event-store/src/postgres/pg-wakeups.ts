import { Client, type Pool } from 'pg';
import { quoteIdent } from './schema-name';
import type { WakeSignal } from './wake-signal';

/**
 * Cross-process wake-ups over LISTEN/NOTIFY; the subscriptions' polling is the safety net, so a lost
 * notification (listener reconnecting, NOTIFY failing) only delays delivery, never loses an event.
 *
 * NOTIFY is not sent inside the append transaction on purpose: Postgres serialises the commits of
 * notifying transactions on one database-wide lock held through the WAL flush, which would undo
 * concurrent commit (group fsync). Instead, after appends this process sends a coalesced NOTIFY:
 * at most one in flight, at most one per `minIntervalMs`, however many appends happened meanwhile.
 */
export class PgWakeups {
  private listener: Client | undefined;
  private listening = false;
  private notifyInFlight = false;
  private notifyPending = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly signal: WakeSignal,
    private readonly minIntervalMs = 10,
  ) {}

  /** Starts the LISTEN connection once; later calls are no-ops. Failures fall back to polling. */
  ensureListening(): void {
    if (this.listening || this.closed) return;
    this.listening = true;
    void this.listen();
  }

  /** Tells local subscribers now and other processes soon (coalesced). */
  poke(): void {
    this.signal.notify();
    if (this.closed) return;
    if (this.notifyInFlight) {
      this.notifyPending = true;
      return;
    }
    this.notifyInFlight = true;
    this.pool
      // A wake-up need not survive a crash, so its commit does not wait for a WAL flush.
      .query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')", [this.channel])
      .catch(() => undefined) // polling covers a lost wake-up
      .then(() => new Promise((resolve) => setTimeout(resolve, this.minIntervalMs).unref()))
      .finally(() => {
        this.notifyInFlight = false;
        if (this.notifyPending && !this.closed) {
          this.notifyPending = false;
          this.poke();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await listener.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', () => this.signal.notify());
    client.on('error', () => this.retryLater(client));
    try {
      await client.connect();
      if (this.closed) {
        await client.end();
        return;
      }
      await client.query(`LISTEN ${quoteIdent(this.channel)}`);
      this.listener = client;
      // Anything committed while we were not listening is found by the wake below.
      this.signal.notify();
    } catch {
      this.retryLater(client);
    }
  }

  private retryLater(client: Client): void {
    if (this.listener === client) this.listener = undefined;
    void client.end().catch(() => undefined);
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed) void this.listen();
    }, 1000);
    this.reconnectTimer.unref();
  }
}
