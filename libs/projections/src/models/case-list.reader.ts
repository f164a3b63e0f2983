import type { Condition, ReadStore, TableRef } from '../read-store.port';
import { AnswersAtCheckpoint } from './answers-at-checkpoint';
import { CASE_LIST, caseListProjection, inspectorTag, type CaseListRow } from './case-list.projection';

/** One case as the case list shows it (the shape docs/api-contracts and the web interface use). */
export interface CaseListItem {
  readonly id: string;
  readonly state: string;
  readonly referralState: string;
  readonly planId: string;
  readonly month: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly creditCode: string;
  readonly grade: string;
  readonly key: boolean;
  readonly inspectorIds: readonly string[];
  readonly result: string | null;
  readonly deadline: string | null;
  readonly updatedAt: string;
}

export interface CaseListPage {
  readonly items: readonly CaseListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The columns the list sorts on, by their API name. The case id always breaks ties. */
export const CASE_LIST_SORTS = {
  id: 'case_id',
  updatedAt: 'updated_at',
  month: 'month',
  deadline: 'deadline',
  unitName: 'unit_name',
  creditCode: 'credit_code',
  grade: 'grade',
  state: 'state',
} as const;
export type CaseListSort = keyof typeof CASE_LIST_SORTS;

export interface CaseListQuery {
  readonly state?: string;
  readonly referralState?: string;
  readonly month?: string;
  readonly planId?: string;
  readonly grade?: string;
  readonly key?: boolean;
  /** Cases this inspector is assigned to now. */
  readonly inspectorId?: string;
  readonly result?: string;
  /** A substring of the unit's name or credit code. */
  readonly q?: string;
  /** Only cases this inspector is or was assigned to (what an inspector may read). */
  readonly visibleTo?: string;
  readonly sort?: CaseListSort;
  readonly order?: 'asc' | 'desc';
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

const REF: TableRef = { projection: caseListProjection.name, table: CASE_LIST };

/** The case list: one indexed query for the page and one count, whatever the filters. */
export class CaseListReader {
  /** Every page of a filter counts the same matches (20,000 index entries take ~0.8 ms). */
  private readonly totals: AnswersAtCheckpoint<number>;

  constructor(private readonly store: ReadStore) {
    this.totals = new AnswersAtCheckpoint(store, caseListProjection.name);
  }

  async list(query: CaseListQuery): Promise<CaseListPage> {
    const where = conditions(query);
    const [rows, total] = await Promise.all([
      this.store.query(REF, {
        where,
        orderBy: [{ column: CASE_LIST_SORTS[query.sort ?? 'updatedAt'], direction: query.order ?? (query.sort === undefined ? 'desc' : 'asc') }],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
      this.totals.get(JSON.stringify(where), () => this.store.count(REF, where)),
    ]);
    return { items: (rows as CaseListRow[]).map(toItem), total, page: query.page, pageSize: query.pageSize };
  }
}

function conditions(query: CaseListQuery): Condition[] {
  const where: Condition[] = [];
  const eq = (column: string, value: string | number | undefined): void => {
    if (value !== undefined) where.push({ column, op: 'eq', value });
  };
  eq('state', query.state);
  eq('referral_state', query.referralState);
  eq('month', query.month);
  eq('plan_id', query.planId);
  eq('grade', query.grade);
  eq('key_unit', query.key === undefined ? undefined : query.key ? 1 : 0);
  eq('result', query.result);
  if (query.inspectorId !== undefined) where.push({ column: 'inspector_tags', op: 'contains', value: inspectorTag(query.inspectorId) });
  if (query.visibleTo !== undefined) where.push({ column: 'ever_inspector_tags', op: 'contains', value: inspectorTag(query.visibleTo) });
  if (query.q !== undefined && query.q !== '') where.push({ column: 'search_text', op: 'contains', value: query.q });
  return where;
}

function toItem(row: CaseListRow): CaseListItem {
  return {
    id: row.case_id,
    state: row.state,
    referralState: row.referral_state,
    planId: row.plan_id,
    month: row.month,
    unitId: row.unit_id,
    unitName: row.unit_name,
    creditCode: row.credit_code,
    grade: row.grade,
    key: row.key_unit === 1,
    inspectorIds: row.inspector_ids,
    result: row.result,
    deadline: row.deadline,
    updatedAt: row.updated_at,
  };
}
