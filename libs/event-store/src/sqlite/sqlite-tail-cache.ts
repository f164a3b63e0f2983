import type { RecordedEvent } from '../event-store.port';

/**
 * The newest events read by this store's subscriptions, shared between them. Every live
 * subscription (each projection, the referral manager, the live feed) is woken by each commit and
 * reads the same new rows; with the cache the first one reads and parses them and the others get
 * the same objects, frozen, so that no subscriber can change what another one sees.
 *
 * It holds a contiguous window: every event with a position in (from, to] is in `events`. A read
 * that starts inside the window is answered from it, and whatever lies beyond `to` is read from
 * the database and appended to the window, so a cached answer never hides a newer event.
 * Positions only grow (AUTOINCREMENT under SQLite's write lock), so no event can later appear
 * inside a window already read.
 */
export class SqliteTailCache {
  private events: RecordedEvent[] = [];
  private from = 0;
  private to = 0;

  constructor(
    private readonly readRows: (after: number, maxCount: number) => RecordedEvent[],
    private readonly capacity: number,
  ) {}

  read(after: number, maxCount: number): RecordedEvent[] {
    // A subscriber far behind the window reads on its own rather than moving the window away from
    // the live tail that the others share.
    if (after < this.from) return this.readRows(after, maxCount).map(freezeEvent);
    if (after > this.to) return this.readAndRemember(after, maxCount, false);
    const cached = this.cachedAfter(after, maxCount);
    if (cached.length === maxCount) return cached;
    const fresh = this.readAndRemember(this.to, maxCount - cached.length, true);
    return cached.length === 0 ? fresh : cached.concat(fresh);
  }

  /** Forget everything (another process wrote, the store closed…): the next read goes to the database. */
  clear(): void {
    this.events = [];
    this.from = 0;
    this.to = 0;
  }

  private cachedAfter(after: number, maxCount: number): RecordedEvent[] {
    // Binary search for the first event with position > after.
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.position <= after) low = middle + 1;
      else high = middle;
    }
    return this.events.slice(low, low + maxCount);
  }

  /**
   * Reads (after, …] from the database. When `extends` (after is the window's end), the rows
   * continue the window and are added to it; otherwise they start a new window.
   */
  private readAndRemember(after: number, maxCount: number, extendsWindow: boolean): RecordedEvent[] {
    const rows = this.readRows(after, maxCount).map(freezeEvent);
    const last = rows[rows.length - 1];
    if (!last) return rows;
    if (!extendsWindow) {
      this.events = [];
      this.from = after;
    }
    for (const row of rows) this.events.push(row);
    this.to = last.position;
    if (this.events.length > this.capacity) {
      const dropped = this.events.length - this.capacity;
      this.from = this.events[dropped - 1]!.position;
      this.events = this.events.slice(dropped);
    }
    return rows;
  }
}

function freezeEvent(event: RecordedEvent): RecordedEvent {
  deepFreeze(event.data);
  deepFreeze(event.metadata);
  return Object.freeze(event);
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
