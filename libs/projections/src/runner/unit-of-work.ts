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

/**
 * The rows a batch reads and the changes it makes, coalesced: a row changed ten times is written once.
 * Rows are held in one Map per table, keyed by the row key itself: a combined `table + key` string
 * per lookup (several per event) was a measurable share of a rebuild.
 */
export class UnitOfWork implements RowAccess {
  private readonly current = new Map<string, Map<string, CachedRow>>();
  private readonly dirty = new Map<string, Set<string>>();
  private readonly keyColumn: ReadonlyMap<string, string>;

  constructor(tables: readonly TableSpec[]) {
    this.keyColumn = new Map(tables.map((table) => [table.name, table.key]));
  }

  /** Rows fetched before the handlers run (from the cache or the store). */
  seed(table: string, key: string, row: CachedRow): void {
    const rows = this.rowsOf(table);
    if (!rows.has(key)) rows.set(key, row);
  }

  /** A row the store returned for a provisional miss: committed state, so not a change. */
  loaded(table: string, key: string, row: Row): void {
    this.rowsOf(table).set(key, row);
  }

  isKnown(table: string, key: string): boolean {
    return this.current.get(table)?.has(key) ?? false;
  }

  get<R extends Row = Row>(table: string, key: string): R | undefined {
    const found = this.current.get(table)?.get(key);
    if (found === undefined) throw new Error(`Row ${table}/${key} was read but not declared by the handler's rows()`);
    return (found ?? undefined) as R | undefined;
  }

  put(table: string, row: Row): void {
    const keyColumn = this.keyColumn.get(table);
    if (keyColumn === undefined) throw new Error(`Unknown read-model table ${table}`);
    const key = row[keyColumn];
    if (typeof key !== 'string' || key === '') throw new Error(`Row for ${table} lacks its key column ${keyColumn}`);
    this.rowsOf(table).set(key, row);
    this.markDirty(table, key);
  }

  delete(table: string, key: string): void {
    this.rowsOf(table).set(key, null);
    this.markDirty(table, key);
  }

  get hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  changes(): RowChanges {
    const upserts: { table: string; row: Row }[] = [];
    const deletes: RowRef[] = [];
    for (const [table, keys] of this.dirty) {
      const rows = this.current.get(table)!;
      for (const key of keys) {
        const row = rows.get(key);
        if (row) upserts.push({ table, row });
        else deletes.push({ table, key });
      }
    }
    return { upserts, deletes };
  }

  /** After a successful commit: every row this batch saw is now committed state. */
  publishTo(cache: RowCache): void {
    for (const [table, rows] of this.current) for (const [key, row] of rows) cache.set(table, key, row);
  }

  private rowsOf(table: string): Map<string, CachedRow> {
    let rows = this.current.get(table);
    if (!rows) this.current.set(table, (rows = new Map()));
    return rows;
  }

  private markDirty(table: string, key: string): void {
    let keys = this.dirty.get(table);
    if (!keys) this.dirty.set(table, (keys = new Set()));
    keys.add(key);
  }
}
