import { type Row, type RowChanges, type RowRef, type TableSpec } from '../read-store.port';
import type { RowAccess } from '../projection';

/** `null` marks a row known not to exist (a miss is worth remembering, or every new case costs a lookup). */
export type CachedRow = Row | null;

/**
 * Committed rows kept between batches, bounded, so a long catch-up does not look up the same hot
 * rows again and again while memory stays flat however many events go by. It only ever holds
 * committed state: the batch's own changes enter after a successful commit.
 *
 * Two generations instead of a strict LRU: new entries go to `hot`; when `hot` is full it becomes
 * `cold` (the previous cold one is dropped) and a read from `cold` promotes the row. At most
 * 2 × capacity rows are held. A strict LRU on a Map (delete + re-insert, evict the first key) is
 * far slower: V8 leaves deleted entries as holes at the front of the Map, so finding the oldest
 * key scans them all — it dominated a rebuild's profile.
 */
export class RowCache {
  private hot = new Map<string, Map<string, CachedRow>>();
  private cold = new Map<string, Map<string, CachedRow>>();
  private hotSize = 0;

  constructor(private readonly capacity: number) {}

  get(table: string, key: string): CachedRow | undefined {
    const hot = this.hot.get(table)?.get(key);
    if (hot !== undefined) return hot;
    const cold = this.cold.get(table)?.get(key);
    if (cold !== undefined) this.set(table, key, cold);
    return cold;
  }

  set(table: string, key: string, row: CachedRow): void {
    let rows = this.hot.get(table);
    if (!rows?.has(key)) {
      if (this.hotSize >= this.capacity) {
        this.cold = this.hot;
        this.hot = new Map();
        this.hotSize = 0;
        rows = undefined;
      }
      this.hotSize += 1;
    }
    if (!rows) this.hot.set(table, (rows = new Map()));
    rows.set(key, row);
  }

  clear(): void {
    this.hot.clear();
    this.cold.clear();
    this.hotSize = 0;
  }
}

/** A row of the batch and whether the batch changed it. */
interface Slot {
  row: CachedRow;
  changed: boolean;
}

/** One table's rows in the batch, keyed by the row key itself. */
interface TableRows {
  readonly keyColumn: string;
  readonly slots: Map<string, Slot>;
}

/**
 * The rows a batch reads and the changes it makes, coalesced: a row changed ten times is written once.
 * One slot per row holds the row and its changed flag, in one Map per table keyed by the row key:
 * combined `table + key` strings, or a separate set of changed keys, cost a measurable share of a
 * rebuild (several lookups per event and projection).
 */
export class UnitOfWork implements RowAccess {
  private readonly tables = new Map<string, TableRows>();

  constructor(tables: readonly TableSpec[]) {
    for (const table of tables) this.tables.set(table.name, { keyColumn: table.key, slots: new Map() });
  }

  /** Rows fetched before the handlers run (from the cache or the store). */
  seed(table: string, key: string, row: CachedRow): void {
    const slots = this.slotsOf(table);
    if (!slots.has(key)) slots.set(key, { row, changed: false });
  }

  /** A row the store returned for a provisional miss: committed state, so not a change. */
  loaded(table: string, key: string, row: Row): void {
    const slots = this.slotsOf(table);
    const slot = slots.get(key);
    if (slot) slot.row = row;
    else slots.set(key, { row, changed: false });
  }

  isKnown(table: string, key: string): boolean {
    return this.tables.get(table)?.slots.has(key) ?? false;
  }

  get<R extends Row = Row>(table: string, key: string): R | undefined {
    const slot = this.tables.get(table)?.slots.get(key);
    if (slot === undefined) throw new Error(`Row ${table}/${key} was read but not declared by the handler's rows()`);
    return (slot.row ?? undefined) as R | undefined;
  }

  put(table: string, row: Row): void {
    const rows = this.tables.get(table);
    if (rows === undefined) throw new Error(`Unknown read-model table ${table}`);
    const key = row[rows.keyColumn];
    if (typeof key !== 'string' || key === '') throw new Error(`Row for ${table} lacks its key column ${rows.keyColumn}`);
    this.change(rows.slots, key, row);
  }

  delete(table: string, key: string): void {
    this.change(this.slotsOf(table), key, null);
  }

  changes(): RowChanges {
    const upserts: { table: string; row: Row }[] = [];
    const deletes: RowRef[] = [];
    for (const [table, { slots }] of this.tables) {
      for (const [key, { row, changed }] of slots) {
        if (!changed) continue;
        if (row) upserts.push({ table, row });
        else deletes.push({ table, key });
      }
    }
    return { upserts, deletes };
  }

  /** Visits every row this batch inserted, replaced or deleted. */
  forEachChanged(visit: (table: string, key: string) => void): void {
    for (const [table, { slots }] of this.tables) for (const [key, { changed }] of slots) if (changed) visit(table, key);
  }

  /** After a successful commit: every row this batch saw is now committed state. */
  publishTo(cache: RowCache): void {
    for (const [table, { slots }] of this.tables) for (const [key, { row }] of slots) cache.set(table, key, row);
  }

  private change(slots: Map<string, Slot>, key: string, row: CachedRow): void {
    const slot = slots.get(key);
    if (!slot) slots.set(key, { row, changed: true });
    else {
      slot.row = row;
      slot.changed = true;
    }
  }

  private slotsOf(table: string): Map<string, Slot> {
    const rows = this.tables.get(table);
    if (rows === undefined) throw new Error(`Unknown read-model table ${table}`);
    return rows.slots;
  }
}
