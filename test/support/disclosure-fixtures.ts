import { CHECKLIST_ITEM_NUMBERS, INSPECTION_EVENT_TYPES as T, type InspectionResultRecordedData, type StoredInspectionEvent } from '@shuangsui/domain';
import { completeResult, drawnData, INSPECTORS, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';

/**
 * Given-events for the public disclosure tests: varied units, dates and results. The drawn unit
 * carries private contacts the public record must never show (made-up, like all demo data).
 */
export const PRIVATE_VALUES = ['王小明', '13800001111', '李四', '0579-8888 1234', INSPECTORS.a, INSPECTORS.b, INSPECTORS.reviewer];

export interface DisclosureCase {
  readonly caseId: string;
  readonly unitName: string;
  readonly creditCode: string;
  readonly visitDate: string;
  readonly result: InspectionResultRecordedData;
  /** null: approved but not yet published. */
  readonly publishedOn: string | null;
  readonly referral?: boolean;
}

export function disclosureCaseEvents(spec: DisclosureCase): StoredInspectionEvent[] {
  const drawn = drawnData(spec.caseId);
  const unit = { ...drawn.unit, name: spec.unitName, creditCode: spec.creditCode, responsiblePerson: '王小明', responsiblePhone: '13800001111', manager: '李四', contact: '0579-8888 1234' };
  let n = 0;
  const at = (type: string, data: unknown): StoredInspectionEvent => ({ type, data, id: `e${(n += 1)}`, occurredAt: `${spec.visitDate}T02:00:00.000Z` }) as StoredInspectionEvent;
  const events = [
    at(T.InspectionDrawn, { ...drawn, unit }),
    at(T.InspectorsAssigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.b], drawId: drawn.drawId }),
    at(T.InspectionResultRecorded, { ...spec.result, visitDate: spec.visitDate }),
    at(T.InspectionResultApproved, { reviewerId: INSPECTORS.reviewer, comment: '同意' }),
  ];
  if (spec.referral) events.push(at(T.HazardReferralOpened, { hazardIds: ['h1'], hasMajorHazard: false, approvalEventId: `${spec.caseId}-e4` }));
  if (spec.publishedOn) events.push(at(T.InspectionResultPublished, { publishedOn: spec.publishedOn }));
  return events;
}

export const DISCLOSURE_CASES: readonly DisclosureCase[] = [
  { caseId: 'pub-1', unitName: '示例市星河商贸有限公司', creditCode: '91330703MA29X0XX0X', visitDate: '2026-03-10', result: completeResult(), publishedOn: '2026-03-20' },
  { caseId: 'pub-2', unitName: '示例市金桥酒店管理有限公司', creditCode: '91330703MA2HJK3L4M', visitDate: '2026-04-15', result: resultWithHazard(true), publishedOn: '2026-04-30' },
  { caseId: 'pub-3', unitName: '示例区星光幼儿园', creditCode: '52330703MJ8765432P', visitDate: '2026-05-06', result: resultWithHazard(false), publishedOn: '2026-05-20', referral: true },
  { caseId: 'draft-1', unitName: '示例市未公示织造厂', creditCode: '91330703MA2XYZ1234', visitDate: '2026-05-08', result: completeResult(), publishedOn: null },
];

export const ALL_ITEMS = CHECKLIST_ITEM_NUMBERS;
