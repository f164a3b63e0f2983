import type { ProjectionSchema, ReadStore, TableRef, TableSpec } from '../read-store.port';

/**
 * Which reminder went to which webhook receiver (docs/reminders.md, "Webhooks"): one row per delivered
 * (receiver, reminder id), written after the receiver answered 2xx, so a restart or a new leader sends
 * only what was not acknowledged (receivers de-duplicate on the reminder id for the rare resend).
 */
export const WEBHOOK_DELIVERIES: TableSpec = {
  name: 'webhook_deliveries',
  key: 'delivery',
  columns: { delivery: 'text', url: 'text', reminder_id: 'text', delivered_at: 'text', attempts: 'integer' },
};
const SCHEMA: ProjectionSchema = { name: 'webhook-deliveries', version: 1, tables: [WEBHOOK_DELIVERIES] };
const REF: TableRef = { projection: SCHEMA.name, table: WEBHOOK_DELIVERIES };
const keyOf = (url: string, reminderId: string): string => `${url}\u0000${reminderId}`;

export class WebhookDeliveries {
  private generation: number | null = null;

  constructor(private readonly store: ReadStore) {}

  /** The reminder ids already delivered to `url`, of those asked about. */
  async delivered(url: string, reminderIds: readonly string[]): Promise<Set<string>> {
    await this.ready();
    if (reminderIds.length === 0) return new Set();
    const rows = await this.store.query(REF, { where: [{ column: 'delivery', op: 'in', value: reminderIds.map((id) => keyOf(url, id)) }] });
    return new Set(rows.map((row) => String(row['reminder_id'])));
  }

  async markDelivered(url: string, reminderId: string, deliveredAt: string, attempts: number): Promise<void> {
    const generation = await this.ready();
    // Not a projection of the log: the checkpoint stays where it is (0), the row is the record.
    const position = (await this.store.generationPosition(SCHEMA.name, generation)) ?? 0;
    await this.store.commit({
      projection: SCHEMA.name,
      generation,
      fromPosition: position,
      toPosition: position,
      upserts: [{ table: WEBHOOK_DELIVERIES.name, row: { delivery: keyOf(url, reminderId), url, reminder_id: reminderId, delivered_at: deliveredAt, attempts } }],
      deletes: [],
    });
  }

  private async ready(): Promise<number> {
    this.generation ??= (await this.store.register(SCHEMA)).generation;
    return this.generation;
  }
}
