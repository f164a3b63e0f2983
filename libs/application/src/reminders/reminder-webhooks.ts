import { createHmac } from 'node:crypto';
import { chinaDate, type Reminder } from '@shuangsui/domain';
import type { WebhookDeliveries } from '@shuangsui/projections';
import type { LeaderService, LeaderServiceStatus } from '../process-managers/leader-tasks';
import { PeriodicTask } from '../process-managers/periodic-task';

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
export class ReminderWebhooks implements LeaderService {
  private sent = 0;
  private readonly task: PeriodicTask;

  constructor(
    private readonly reminders: { due(today: string): Promise<readonly Reminder[]> },
    private readonly deliveries: WebhookDeliveries,
    private readonly options: ReminderWebhookOptions,
    private readonly clock: () => Date = () => new Date(),
    private readonly send: WebhookSend = fetchSend,
  ) {
    this.task = new PeriodicTask('reminder-webhooks', options.intervalMs, () => this.deliverDue(), () => this.sent);
  }

  get name(): string {
    return this.task.name;
  }

  start(): Promise<void> {
    return this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  status(): LeaderServiceStatus {
    return this.task.status();
  }

  /** One round, after the one running (rounds never overlap). */
  deliverNow(): Promise<void> {
    return this.task.runNow();
  }

  private async deliverDue(): Promise<void> {
    const due = await this.reminders.due(chinaDate(this.clock()));
    const unacknowledged: string[] = [];
    for (const url of this.options.urls) {
      const done = await this.deliveries.delivered(url, due.map((reminder) => reminder.id));
      for (const reminder of due) if (!done.has(reminder.id) && !(await this.deliver(url, reminder))) unacknowledged.push(`${url}: ${reminder.id}`);
    }
    if (unacknowledged.length > 0) {
      throw new Error(`${unacknowledged.length} reminder(s) not acknowledged after ${this.options.attempts ?? 5} attempts (first: ${unacknowledged[0]}); the next round tries again`);
    }
  }

  /** True once the receiver answered 2xx and the delivery is recorded. */
  private async deliver(url: string, reminder: Reminder): Promise<boolean> {
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
        return true;
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, (this.options.baseDelayMs ?? 1000) * 2 ** (attempt - 1)));
    }
    return false;
  }
}
