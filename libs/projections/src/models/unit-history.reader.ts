import type { ReadStore, TableRef } from '../read-store.port';
import { keysetPages } from './keyset-pages';
import { UNIT_CASES, unitHistoryProjection, type UnitCaseRow } from './unit-history.projection';

/** A case with a recorded result: the last result's visit date, the pair that made it, its log position. */
export interface InspectedCase {
  readonly caseId: string;
  readonly unitId: string;
  readonly visitDate: string;
  /** Absent when the result was recorded on a case with no pair assigned. */
  readonly pair?: readonly [string, string];
  readonly position: number;
}

const REF: TableRef = { projection: unitHistoryProjection.name, table: UNIT_CASES };

/** Small enough for any SQL parameter limit (SQLite's default was 999 before 3.32). */
const IDS_PER_QUERY = 500;

export class UnitHistoryReader {
  constructor(private readonly store: ReadStore) {}

  /**
   * Open (drawn or assigned) case ids of each given unit, sorted. Units with no open case are absent
   * from the map. Served by the (unit_id, open) index, a few hundred units per query.
   */
  async openCasesOfUnits(unitIds: readonly string[]): Promise<Map<string, string[]>> {
    const ids = [...new Set(unitIds)];
    const byUnit = new Map<string, string[]>();
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const rows = await this.store.query(REF, {
        where: [{ column: 'unit_id', op: 'in', value: ids.slice(start, start + IDS_PER_QUERY) }, { column: 'open', op: 'eq', value: 1 }],
        orderBy: [{ column: 'case_id' }],
      });
      for (const row of rows as UnitCaseRow[]) {
        const cases = byUnit.get(row.unit_id);
        if (cases) cases.push(row.case_id);
        else byUnit.set(row.unit_id, [row.case_id]);
      }
    }
    return byUnit;
  }

  /**
   * The cases with a recorded result of the given units, in case id order. Served by the unit_id index,
   * a few hundred units per query: the cost follows the units' own inspections, not the log's length.
   */
  async inspectedCasesOf(unitIds: readonly string[]): Promise<InspectedCase[]> {
    const ids = [...new Set(unitIds)];
    const cases: InspectedCase[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const rows = await this.store.query(REF, {
        where: [{ column: 'unit_id', op: 'in', value: ids.slice(start, start + IDS_PER_QUERY) }, { column: 'visit_date', op: 'notNull' }],
      });
      for (const row of rows as UnitCaseRow[]) cases.push(inspectedCase(row));
    }
    return cases.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  }

  /** Every case with a recorded result, in case id order (paged by key, so the store is never asked for all rows at once). */
  async inspectedCases(): Promise<InspectedCase[]> {
    const cases: InspectedCase[] = [];
    for await (const row of keysetPages(this.store, REF, [{ column: 'visit_date', op: 'notNull' }], 5_000)) {
      cases.push(inspectedCase(row as UnitCaseRow));
    }
    return cases;
  }
}

function inspectedCase(row: UnitCaseRow): InspectedCase {
  const { case_id, unit_id, visit_date, visit_inspector_a: a, visit_inspector_b: b, visit_position } = row;
  const inspected = { caseId: case_id, unitId: unit_id, visitDate: visit_date!, position: visit_position! };
  return a !== null && b !== null ? { ...inspected, pair: [a, b] } : inspected;
}
