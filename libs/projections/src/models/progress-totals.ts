import type { EventHandler } from '../projection';
import type { Row, TableSpec } from '../read-store.port';
import type { ProgressCaseRow } from './progress.projection';

/**
 * GET /progress counted 20,000 case rows four times per request (four GROUP BYs, ~1 ms each on this
 * machine), which made it the slowest read under load. The progress projection therefore also keeps
 * the counts themselves: ONE row whose cells count cases per plan × (month | stratum | inspector) ×
 * state. Every case change moves its case from its old cells to its new ones, in the same batch and
 * transaction as the case row, so the counts are exactly as current as the rows (and a rebuild gives
 * the same cells). A few hundred cells for a district's year; the batch's unit of work writes the row
 * once per commit. Filters by month or stratum still count the rows (ProgressReader).
 */
export const PROGRESS_TOTALS: TableSpec = {
  name: 'progress_totals',
  key: 'id',
  columns: { id: 'text', cells: 'json' },
};
export const TOTALS_ROW_KEY = 'all';

/** A count's coordinates; `by` says which breakdown the cell belongs to. */
export type CellBy = 'month' | 'stratum' | 'inspector';
export type Cells = Readonly<Record<string, number>>;
// Not NUL: PostgreSQL's jsonb refuses \u0000 in text (ids and codes hold no control characters).
const SEPARATOR = '\u001f';

export function cellKey(by: CellBy, planId: string, value: string, state: string): string {
  return [by, planId, value, state].join(SEPARATOR);
}

export function parseCellKey(key: string): { by: CellBy; planId: string; value: string; state: string } {
  const [by, planId, value, state] = key.split(SEPARATOR) as [CellBy, string, string, string];
  return { by, planId, value, state };
}

/** The cells one case row counts in: its month, its stratum, and each assigned inspector. */
function cellsOf(row: ProgressCaseRow): string[] {
  const keys = [cellKey('month', row.plan_id, row.month, row.state), cellKey('stratum', row.plan_id, row.stratum, row.state)];
  for (const inspector of [row.inspector_a, row.inspector_b]) if (inspector !== null) keys.push(cellKey('inspector', row.plan_id, inspector, row.state));
  return keys;
}

/**
 * Takes `before` out of `cells` and puts `after` in (a case that is new has no `before`), in place:
 * copying a few hundred cells for every event cost a third of a rebuild's speed. In place is safe
 * because the cells object only ever lives in the projection worker's unit of work and row cache,
 * and the worker drops that cache whenever a batch fails (projection-worker.ts), so no change that
 * was not committed survives.
 */
export function moveCase(cells: Record<string, number>, before: ProgressCaseRow | undefined, after: ProgressCaseRow): void {
  if (before) {
    for (const key of cellsOf(before)) {
      const left = (cells[key] ?? 0) - 1;
      if (left > 0) cells[key] = left;
      else delete cells[key];
    }
  }
  for (const key of cellsOf(after)) cells[key] = (cells[key] ?? 0) + 1;
}

/**
 * Wraps a case-row handler of the progress projection: it also reads the totals row, and whenever the
 * case row changes, moves the case between cells.
 */
export function withTotals(caseTable: string, handler: EventHandler): EventHandler {
  return {
    rows: (event) => {
      const refs = handler.rows(event);
      return refs.length === 0 ? refs : [...refs, { table: PROGRESS_TOTALS.name, key: TOTALS_ROW_KEY }];
    },
    apply: (event, rows) => {
      const [ref] = handler.rows(event);
      if (!ref) return;
      const before = rows.get<ProgressCaseRow>(caseTable, ref.key);
      handler.apply(event, rows);
      const after = rows.get<ProgressCaseRow>(caseTable, ref.key);
      if (!after || after === before) return;
      const cells = rows.get<Row & { cells: Record<string, number> }>(PROGRESS_TOTALS.name, TOTALS_ROW_KEY)?.cells ?? {};
      moveCase(cells, before, after);
      rows.put(PROGRESS_TOTALS.name, { id: TOTALS_ROW_KEY, cells });
    },
  };
}
