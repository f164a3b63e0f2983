import type { Inspector, Unit } from '@shuangsui/domain/directory';
import type { Condition, ReadStore, TableRef } from '../read-store.port';
import { DIRECTORY_INSPECTORS, DIRECTORY_UNITS, directoryProjection, type DirectoryInspectorRow, type DirectoryUnitRow } from './directory.projection';
import { keysetPages } from './keyset-pages';

const UNITS: TableRef = { projection: directoryProjection.name, table: DIRECTORY_UNITS };
const INSPECTORS: TableRef = { projection: directoryProjection.name, table: DIRECTORY_INSPECTORS };

export interface UnitSearch {
  readonly q?: string;
  readonly grade?: string;
  readonly status?: string;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface UnitPage {
  readonly items: readonly Unit[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * The directories as the `directory` read model holds them, in id order. The whole lists are one
 * query each (one consistent view); the iterators page by key so memory stays bounded.
 */
export class DirectoryReadModel {
  constructor(private readonly store: ReadStore) {}

  async units(): Promise<Unit[]> {
    return (await this.store.query(UNITS, { orderBy: [{ column: 'unit_id' }] })).map((row) => (row as DirectoryUnitRow).record);
  }

  async inspectors(): Promise<Inspector[]> {
    return (await this.store.query(INSPECTORS, { orderBy: [{ column: 'inspector_id' }] })).map((row) => (row as DirectoryInspectorRow).record);
  }

  /** One page of units, by name (then id): a substring of the name or credit code, a grade, a status. */
  async searchUnits(query: UnitSearch): Promise<UnitPage> {
    const where: Condition[] = [];
    if (query.q) where.push({ column: 'search_text', op: 'contains', value: query.q });
    if (query.grade) where.push({ column: 'risk_grade', op: 'eq', value: query.grade });
    if (query.status) where.push({ column: 'status', op: 'eq', value: query.status });
    const [rows, total] = await Promise.all([
      this.store.query(UNITS, { where, orderBy: [{ column: 'name' }], limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
      this.store.count(UNITS, where),
    ]);
    return { items: rows.map((row) => (row as DirectoryUnitRow).record), total, page: query.page, pageSize: query.pageSize };
  }

  async unit(unitId: string): Promise<Unit | null> {
    const [row] = await this.store.query(UNITS, { where: [{ column: 'unit_id', op: 'eq', value: unitId }] });
    return row ? (row as DirectoryUnitRow).record : null;
  }

  async *iterateUnits(): AsyncIterable<Unit> {
    for await (const row of keysetPages(this.store, UNITS)) yield (row as DirectoryUnitRow).record;
  }

  async *iterateInspectors(): AsyncIterable<Inspector> {
    for await (const row of keysetPages(this.store, INSPECTORS)) yield (row as DirectoryInspectorRow).record;
  }
}
