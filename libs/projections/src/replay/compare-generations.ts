import { canonicalJson } from '@shuangsui/domain';
import type { Projection } from '../projection';
import type { ReadStore, Row, TableSpec } from '../read-store.port';

export interface TableDifference {
  readonly table: string;
  readonly onlyLive: number;
  readonly onlyRebuilt: number;
  readonly different: number;
  /** A few examples (keys) to start an investigation with. */
  readonly samples: readonly { readonly key: string; readonly kind: 'only_live' | 'only_rebuilt' | 'different'; readonly live?: Row; readonly rebuilt?: Row }[];
}

const MAX_SAMPLES = 5;

/**
 * Row-by-row comparison of two generations of one projection, by merge-joining both tables in key
 * order page by page (memory stays flat). Returns only the tables that differ.
 */
export async function compareGenerations(store: ReadStore, projection: Projection, live: number, rebuilt: number): Promise<TableDifference[]> {
  const differences: TableDifference[] = [];
  for (const table of projection.tables) {
    const difference = await compareTable(store, projection.name, table, live, rebuilt);
    if (difference.onlyLive + difference.onlyRebuilt + difference.different > 0) differences.push(difference);
  }
  return differences;
}

async function compareTable(store: ReadStore, projection: string, table: TableSpec, live: number, rebuilt: number): Promise<TableDifference> {
  const left = store.iterate({ projection, table, generation: live })[Symbol.asyncIterator]();
  const right = store.iterate({ projection, table, generation: rebuilt })[Symbol.asyncIterator]();
  let a = await left.next();
  let b = await right.next();
  let onlyLive = 0;
  let onlyRebuilt = 0;
  let different = 0;
  const samples: TableDifference['samples'][number][] = [];
  const sample = (entry: TableDifference['samples'][number]) => samples.length < MAX_SAMPLES && samples.push(entry);
  while (!a.done || !b.done) {
    const keyA = a.done ? null : String(a.value[table.key]);
    const keyB = b.done ? null : String(b.value[table.key]);
    if (keyB === null || (keyA !== null && keyA < keyB)) {
      onlyLive += 1;
      sample({ key: keyA!, kind: 'only_live', live: a.value as Row });
      a = await left.next();
    } else if (keyA === null || keyB < keyA) {
      onlyRebuilt += 1;
      sample({ key: keyB, kind: 'only_rebuilt', rebuilt: b.value as Row });
      b = await right.next();
    } else {
      if (canonicalJson(a.value as never) !== canonicalJson(b.value as never)) {
        different += 1;
        sample({ key: keyA, kind: 'different', live: a.value as Row, rebuilt: b.value as Row });
      }
      a = await left.next();
      b = await right.next();
    }
  }
  return { table: table.name, onlyLive, onlyRebuilt, different, samples };
}
