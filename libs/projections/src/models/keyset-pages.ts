import type { Condition, ReadStore, Row, TableRef } from '../read-store.port';

/**
 * Rows in key order, one page at a time, each page starting after the last key seen (keyset paging).
 * Unlike offset pages, a row written meanwhile by the runner never shifts the pages, so no row that
 * exists throughout is skipped or seen twice, and each page costs the same however deep it is.
 */
export async function* keysetPages(store: ReadStore, ref: TableRef, where: readonly Condition[] = [], pageSize = 1_000): AsyncIterable<Row> {
  const key = ref.table.key;
  let after: string | null = null;
  for (;;) {
    const conditions: Condition[] = after === null ? [...where] : [...where, { column: key, op: 'gt', value: after }];
    const page = await store.query(ref, { where: conditions, orderBy: [{ column: key }], limit: pageSize });
    yield* page;
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return;
    after = String(last[key]);
  }
}
