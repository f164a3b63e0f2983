import { rowKey, type Row, type RowChanges, type RowRef, type TableSpec } from '../read-store.port';
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
  private hot = new Map<string, CachedRow>();
  private cold = new Map<string, CachedRow>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.hot.has(key) || this.cold.has(key);
  }

  get(key: string): CachedRow | undefined {
    const hot = this.hot.get(key);
    if (hot !== undefined) return hot;
    const cold = this.cold.get(key);
    if (cold !== undefined) this.set(key, cold);
    return cold;
  }

  set(key: string, row: CachedRow): void {
    if (this.hot.size >= this.capacity && !this.hot.has(key)) {
      this.cold = this.hot;
      this.hot = new Map();
    }
    this.hot.set(key, row);
  }

  clear(): void {
    this.hot.clear();
    this.cold.clear();
  }
}

/** The rows a batch reads and the changes it makes, coalesced: a row changed ten times is written once. */
export class UnitOfWork implements RowAccess {
  private readonly current = new Map<string, CachedRow>();
  private readonly dirty = new Map<string, RowRef>();
  private readonly keyColumn: ReadonlyMap<string, string>;

  constructor(tables: readonly TableSpec[]) {
    this.keyColumn = new Map(tables.map((table) => [table.name, table.key]));
  }

  /** Rows fetched before the handlers run (from the cache or the store). */
  seed(key: string, row: CachedRow): void {
    if (!this.current.has(key)) this.current.set(key, row);
  }

  /** A row the store returned for a provisional miss: committed state, so not a change. */
  loaded(key: string, row: Row): void {
    this.current.set(key, row);
  }

  isKnown(key: string): boolean {
    return this.current.has(key);
  }

  get<R extends Row = Row>(table: string, key: string): R | undefined {
    const found = this.current.get(rowKey(table, key));
    if (found === undefined) throw new Error(`Row ${table}/${key} was read but not declared by the handler's rows()`);
    return (found ?? undefined) as R | undefined;
  }

  put(table: string, row: Row): void {
    const keyColumn = this.keyColumn.get(table);
    if (keyColumn === undefined) throw new Error(`Unknown read-model table ${table}`);
    const key = row[keyColumn];
    if (typeof key !== 'string' || key === '') throw new Error(`Row for ${table} lacks its key column ${keyColumn}`);
    const id = rowKey(table, key);
    this.current.set(id, row);
    this.dirty.set(id, { table, key });
  }

  delete(table: string, key: string): void {
    const id = rowKey(table, key);
    this.current.set(id, null);
    this.dirty.set(id, { table, key });
  }

  get hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  changes(): RowChanges {
    const upserts: { table: string; row: Row }[] = [];
    const deletes: RowRef[] = [];
    for (const [id, ref] of this.dirty) {
      const row = this.current.get(id);
      if (row) upserts.push({ table: ref.table, row });
      else deletes.push(ref);
    }
    return { upserts, deletes };
  }

  /** After a successful commit: every row this batch saw is now committed state. */
  publishTo(cache: RowCache): void {
    for (const [id, row] of this.current) cache.set(id, row);
  }
}
