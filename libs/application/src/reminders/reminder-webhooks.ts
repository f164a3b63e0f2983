import { createHmac } from 'node:crypto';
import { chinaDate, type Reminder } from '@shuangsui/domain';
import type { WebhookDeliveries } from '@shuangsui/projections';
import type { LeaderServiceStatus } from '../process-managers/leader-tasks';

/** Sends one webhook request; answers the HTTP status (0 when the receiver could not be reached). */
export type WebhookSend = (url: string, body: string, headers: Record<string, string>) => Promise<number>;

export interface ReminderWebhookOptions {
  readonly urls: readonly string[];
  readonly secret: string;
  readonly intervalMs: number;
  /** Attempts per reminder and receiver within one round; the next round tries again. Default 5. */
  readonly attempts?: number;
  /** The first retry's wait; it doubles each time. Default 1 s. */
  readonly baseDelayMs?: number;
}

/** `sha256=` HMAC of `<timestamp>.<body>`: the receiver recomputes it with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const fetchSend: WebhookSend = async (url, body, headers) => {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
};

/**
 * Outgoing reminder webhooks (issue 14, docs/reminders.md): every interval, each reminder due today
 * (near or overdue) that a receiver has not acknowledged is POSTed to it — JSON, signed with HMAC-SHA256
 * (`X-Shuangsui-Signature`), named by its stable id (`X-Shuangsui-Reminder-Id`) — with retries and
 * doubling back-off. A delivery is recorded only after a 2xx, so every reminder arrives at least once;
 * receivers de-duplicate on the id. Runs on the leader.
 */
export class ReminderWebhooks {
  readonly name = 'reminder-webhooks';
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();
  private state: LeaderServiceStatus['state'] = 'stopped';
  private error: string | null = null;
  private sent = 0;

  constructor(
    private readonly reminders: { due(today: string): Promise<Reminder[]> },
    private readonly deliveries: WebhookDeliveries,
    private readonly options: ReminderWebhookOptions,
    private readonly clock: () => Date = () => new Date(),
    private readonly send: WebhookSend = fetchSend,
  ) {}

  async start(): Promise<void> {
    this.state = 'running';
    this.timer = setInterval(() => void this.deliverNow(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
    if (this.state === 'running') this.state = 'stopped';
  }

  status(): LeaderServiceStatus {
    return { name: this.name, state: this.state, position: this.sent, error: this.error };
  }

  /** One round, after the one running (rounds never overlap). */
  deliverNow(): Promise<void> {
    this.round = this.round.then(() => this.deliverDue()).catch((error: unknown) => {
      this.error = error instanceof Error ? error.message : String(error);
    });
    return this.round;
  }

  private async deliverDue(): Promise<void> {
    const due = await this.reminders.due(chinaDate(this.clock()));
    for (const url of this.options.urls) {
      const done = await this.deliveries.delivered(url, due.map((reminder) => reminder.id));
      for (const reminder of due) if (!done.has(reminder.id)) await this.deliver(url, reminder);
    }
  }

  private async deliver(url: string, reminder: Reminder): Promise<void> {
    const body = JSON.stringify({ reminder, sentAt: this.clock().toISOString() });
    const attempts = this.options.attempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const timestamp = String(Math.floor(this.clock().getTime() / 1000));
      const status = await this.send(url, body, {
        'content-type': 'application/json; charset=utf-8',
        'x-shuangsui-reminder-id': reminder.id,
        'x-shuangsui-timestamp': timestamp,
        'x-shuangsui-signature': webhookSignature(this.options.secret, timestamp, body),
      });
      if (status >= 200 && status < 300) {
        await this.deliveries.markDelivered(url, reminder.id, this.clock().toISOString(), attempt);
        this.sent += 1;
        return;
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, (this.options.baseDelayMs ?? 1000) * 2 ** (attempt - 1)));
    }
    this.error = `${url}: reminder ${reminder.id} not acknowledged after ${attempts} attempts; the next round tries again`;
  }
}
