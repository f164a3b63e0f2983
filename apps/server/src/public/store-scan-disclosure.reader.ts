import {
  CHECKLIST_ITEMS,
  INSPECTION_EVENT_TYPES as T,
  RESULT_CATEGORIES,
  type InspectionDrawnData,
  type InspectionResultRecordedData,
  type ResultCategory,
} from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { DisclosureFilter, DisclosurePage, DisclosureQuery, DisclosureReader, DisclosureRecord } from './disclosure-reader.port';

/**
 * INTERIM stand-in for the projected DisclosureReader of libs/projections: it builds the public
 * records by scanning the whole event store on every call (O(events), no read model). It exists so
 * the public endpoints run on real events until the projection lands; then public.module.ts
 * provides the real reader and this file goes. It copies only the fields of DOMAIN.md §4.5.
 */

interface CaseFacts {
  drawn?: InspectionDrawnData;
  result?: InspectionResultRecordedData;
  approved: boolean;
  publishedOn?: string;
  referral: 'none' | 'open' | 'ordered' | 'not_rectified' | 'closed' | 'escalated';
}

/** Same codes and labels as libs/projections' HAZARD_RECTIFICATION, so swapping readers changes no output. */
const RECTIFICATION = {
  no_hazard: '未发现隐患',
  corrected_on_site: '已当场整改',
  pending: '待后续处理',
  referred: '已移交后续处理',
  ordered: '已责令限期改正',
  not_rectified: '复查未整改，继续处理',
  rectified: '已整改',
  under_investigation: '已立案调查',
} as const;
type RectificationCode = keyof typeof RECTIFICATION;
const BY_REFERRAL: Record<CaseFacts['referral'], RectificationCode> = {
  none: 'pending',
  open: 'referred',
  ordered: 'ordered',
  not_rectified: 'not_rectified',
  closed: 'rectified',
  escalated: 'under_investigation',
};

const CASE_STREAM_PREFIX = 'inspection-';

export class StoreScanDisclosureReader implements DisclosureReader {
  constructor(private readonly store: Pick<EventStore, 'readAll'>) {}

  async list(query: DisclosureQuery): Promise<DisclosurePage> {
    const all = await this.published(query);
    const start = (query.page - 1) * query.pageSize;
    return { total: all.length, page: query.page, pageSize: query.pageSize, records: all.slice(start, start + query.pageSize) };
  }

  async *iterate(filter: DisclosureFilter): AsyncIterable<DisclosureRecord> {
    yield* await this.published(filter);
  }

  private async published(filter: DisclosureFilter): Promise<DisclosureRecord[]> {
    const cases = new Map<string, CaseFacts>();
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.streamId.startsWith(CASE_STREAM_PREFIX)) apply(cases, event);
        after = event.position;
      }
    }
    return [...cases.entries()]
      .flatMap(([caseId, facts]) => toRecord(caseId, facts) ?? [])
      .filter((record) => matches(record, filter))
      .sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || b.inspectionDate.localeCompare(a.inspectionDate) || a.caseId.localeCompare(b.caseId));
  }
}

function apply(cases: Map<string, CaseFacts>, event: RecordedEvent): void {
  const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
  const facts = cases.get(caseId) ?? { approved: false, referral: 'none' };
  cases.set(caseId, facts);
  switch (event.type) {
    case T.InspectionDrawn:
      facts.drawn = event.data as unknown as InspectionDrawnData;
      break;
    case T.InspectionResultRecorded:
      facts.result = event.data as unknown as InspectionResultRecordedData;
      facts.approved = false;
      break;
    case T.InspectionResultApproved:
      facts.approved = true;
      break;
    case T.InspectionResultPublished:
      facts.publishedOn = (event.data as { publishedOn: string }).publishedOn;
      break;
    case T.HazardReferralOpened:
      facts.referral = 'open';
      break;
    case T.RectificationOrderIssued:
      facts.referral = 'ordered';
      break;
    case T.ReinspectionRecorded:
      facts.referral = (event.data as { rectified: boolean }).rectified ? facts.referral : 'not_rectified';
      break;
    case T.HazardReferralClosed:
      facts.referral = 'closed';
      break;
    case T.HazardReferralEscalated:
      facts.referral = 'escalated';
      break;
  }
}

function toRecord(caseId: string, facts: CaseFacts): DisclosureRecord | null {
  const { drawn, result, publishedOn } = facts;
  if (!drawn || !result || !facts.approved || publishedOn === undefined) return null;
  const category = result.category as ResultCategory;
  const rectification = rectificationOf(result, facts.referral);
  return {
    caseId,
    unitName: drawn.unit.name,
    creditCode: drawn.unit.creditCode,
    authority: drawn.authority,
    inspectionDate: result.visitDate,
    itemsChecked: result.items.map(({ item, outcome }) => ({ item, label: CHECKLIST_ITEMS.find((entry) => entry.no === item)?.label ?? `第${item}项`, outcome })),
    resultCategory: category,
    resultLabel: RESULT_CATEGORIES[category],
    hazardRectification: RECTIFICATION[rectification],
    hazardRectificationCode: rectification,
    publishedOn,
  };
}

function rectificationOf(result: InspectionResultRecordedData, referral: CaseFacts['referral']): RectificationCode {
  if (result.hazards.length === 0) return 'no_hazard';
  if (referral === 'none' && result.hazards.every((hazard) => hazard.correctedOnSite)) return 'corrected_on_site';
  return BY_REFERRAL[referral];
}

function matches(record: DisclosureRecord, filter: DisclosureFilter): boolean {
  return (
    (filter.unitName === undefined || record.unitName.includes(filter.unitName)) &&
    (filter.creditCode === undefined || record.creditCode === filter.creditCode) &&
    (filter.from === undefined || record.inspectionDate >= filter.from) &&
    (filter.to === undefined || record.inspectionDate <= filter.to) &&
    (filter.result === undefined || record.resultCategory === filter.result)
  );
}
