import { RESULT_CATEGORIES, type ResultCategory } from '@shuangsui/domain';
import type { Condition, ReadStore, TableRef } from '../read-store.port';
import { AnswersAtCheckpoint } from './answers-at-checkpoint';
import { checklistLabel, decodeItemsChecked, DISCLOSURE_RECORDS, disclosureProjection, HAZARD_RECTIFICATION, type DisclosureRow, type HazardRectification } from './disclosure.projection';

/** One public record (公示): exactly docs/domain.md §4.5, no personal data. */
export interface DisclosureRecord {
  readonly caseId: string;
  readonly unitName: string;
  readonly creditCode: string;
  readonly authority: string;
  readonly inspectionDate: string;
  readonly itemsChecked: readonly { readonly item: number; readonly label: string; readonly outcome: string }[];
  readonly resultCategory: string;
  readonly resultLabel: string;
  /** Public status label, e.g. 已整改. */
  readonly hazardRectification: string;
  /** Its stable code (no_hazard, corrected_on_site, pending, referred, ordered, not_rectified, rectified, under_investigation). */
  readonly hazardRectificationCode: string;
  readonly publishedOn: string;
  /** The publication event's id: its inclusion proof is at /public/log/inclusion/:eventId. */
  readonly publicationEventId: string | null;
}

export interface DisclosureFilter {
  /** Substring of the unit name. */
  readonly unitName?: string;
  /** Exact unified social credit code. */
  readonly creditCode?: string;
  /** Inspection date range, inclusive, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
  /** Result category code (no_problem, corrected, …). */
  readonly result?: string;
}

export interface DisclosurePageRequest extends DisclosureFilter {
  readonly page: number;
  readonly pageSize: number;
}

export interface DisclosurePage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly records: readonly DisclosureRecord[];
}

const REF: TableRef = { projection: disclosureProjection.name, table: DISCLOSURE_RECORDS };
const ORDER = [{ column: 'published_on', direction: 'desc' as const }, { column: 'credit_code' }];

/** The public list, newest publication first. The endpoint, CSV/XLSX export and web page build on this. */
export class DisclosureReader {
  /**
   * The public pages are the same for everyone, and the first ones are what nearly everyone opens:
   * each page is read once per checkpoint and shared (read-only) by everyone who asks until then.
   */
  private readonly pages: AnswersAtCheckpoint<DisclosurePage>;

  constructor(private readonly store: ReadStore) {
    this.pages = new AnswersAtCheckpoint(store, disclosureProjection.name);
  }

  list(request: DisclosurePageRequest): Promise<DisclosurePage> {
    const page = Math.max(1, Math.floor(request.page));
    const pageSize = Math.max(1, Math.min(500, Math.floor(request.pageSize)));
    const { unitName, creditCode, from, to, result } = request;
    return this.pages.get(JSON.stringify([unitName, creditCode, from, to, result, page, pageSize]), () => this.read(request, page, pageSize));
  }

  private async read(filter: DisclosureFilter, page: number, pageSize: number): Promise<DisclosurePage> {
    const where = conditions(filter);
    const [total, rows] = await Promise.all([
      this.store.count(REF, where),
      this.store.query(REF, { where, orderBy: ORDER, limit: pageSize, offset: (page - 1) * pageSize }),
    ]);
    return { total, page, pageSize, records: rows.map((row) => toRecord(row as DisclosureRow)) };
  }

  /** Every matching record, page by page from the store: memory stays flat for any export size. */
  async *iterate(filter: DisclosureFilter = {}): AsyncIterable<DisclosureRecord> {
    for await (const row of this.store.iterate(REF, { where: conditions(filter), orderBy: ORDER })) yield toRecord(row as DisclosureRow);
  }
}

function conditions(filter: DisclosureFilter): Condition[] {
  const where: Condition[] = [{ column: 'published', op: 'eq', value: 1 }];
  if (filter.unitName) where.push({ column: 'unit_name', op: 'contains', value: filter.unitName });
  if (filter.creditCode) where.push({ column: 'credit_code', op: 'eq', value: filter.creditCode });
  if (filter.from) where.push({ column: 'inspection_date', op: 'gte', value: filter.from });
  if (filter.to) where.push({ column: 'inspection_date', op: 'lte', value: filter.to });
  if (filter.result) where.push({ column: 'result_category', op: 'eq', value: filter.result });
  return where;
}

function toRecord(row: DisclosureRow): DisclosureRecord {
  const category = row.result_category ?? '';
  const code = row.hazard_rectification as HazardRectification;
  return {
    caseId: row.case_id,
    unitName: row.unit_name,
    creditCode: row.credit_code,
    authority: row.authority,
    inspectionDate: row.inspection_date ?? '',
    itemsChecked: decodeItemsChecked(row.items_checked).map(({ item, outcome }) => ({ item, label: checklistLabel(item), outcome })),
    resultCategory: category,
    resultLabel: RESULT_CATEGORIES[category as ResultCategory] ?? category,
    hazardRectification: HAZARD_RECTIFICATION[code] ?? code,
    hazardRectificationCode: code,
    publishedOn: row.published_on ?? '',
    publicationEventId: row.publication_event_id ?? null,
  };
}
