import { CHECKLIST_ITEM_NUMBERS } from '../checklist';
import type { InspectionCommand } from '../inspection.commands';
import type { StoredInspectionEvent } from '../inspection.decider';
import { INSPECTION_EVENT_TYPES as T, type InspectionDrawnData, type InspectionResultRecordedData } from '../inspection.events';

/** Given-events for tests: realistic-shaped cases with made-up names. */

export const INSPECTORS = { a: 'insp-a', b: 'insp-b', c: 'insp-c', reviewer: 'rev-1' } as const;

export function drawnData(caseId = 'case-1'): InspectionDrawnData {
  return {
    caseId,
    drawId: 'draw-2026-03',
    planId: 'plan-2026',
    month: '2026-03',
    stratum: 'C-key',
    authority: '示例区消防救援大队',
    unit: {
      id: 'unit-1',
      name: '示例市星河商贸有限公司',
      creditCode: '91330703MA29X0XX0X',
      address: '示例区星河路88号',
      district: '星河街道',
      riskGrade: 'C',
      isKeyUnit: true,
      isCrowdDense: true,
    },
  };
}

export function completeResult(overrides: Partial<InspectionResultRecordedData> = {}): InspectionResultRecordedData {
  return {
    visitDate: '2026-03-10',
    category: 'no_problem',
    items: CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: 'compliant' as const })),
    hazards: [],
    notInspectedReason: null,
    ...overrides,
  };
}

export function resultWithHazard(correctedOnSite = false): InspectionResultRecordedData {
  return completeResult({
    category: correctedOnSite ? 'corrected' : 'pending_follow_up',
    items: CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: item === 5 ? ('non_compliant' as const) : ('compliant' as const), note: item === 5 ? '安全出口被货物堵塞' : undefined })),
    hazards: [{ id: 'h1', item: 5, description: '二层东侧安全出口被货物堵塞', severity: 'ordinary', correctedOnSite }],
  });
}

let sequence = 0;
function stored(type: string, data: unknown, occurredAt = '2026-03-01T08:00:00.000Z'): StoredInspectionEvent {
  sequence += 1;
  return { type, data, id: `evt-${sequence}`, occurredAt } as StoredInspectionEvent;
}

/** The stored events of a case walked up to a named point of its life. */
export const history = {
  drawn: (caseId = 'case-1') => [stored(T.InspectionDrawn, drawnData(caseId))],
  assigned: (caseId = 'case-1') => [...history.drawn(caseId), stored(T.InspectorsAssigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.b], drawId: 'draw-2026-03' })],
  inspected: (result: InspectionResultRecordedData = completeResult(), caseId = 'case-1') => [
    ...history.assigned(caseId),
    stored(T.InspectionResultRecorded, result),
  ],
  reviewed: (result: InspectionResultRecordedData = completeResult(), caseId = 'case-1') => [
    ...history.inspected(result, caseId),
    stored(T.InspectionResultApproved, { reviewerId: INSPECTORS.reviewer, comment: null }),
  ],
  published: (result: InspectionResultRecordedData = completeResult(), caseId = 'case-1') => [
    ...history.reviewed(result, caseId),
    stored(T.InspectionResultPublished, { publishedOn: '2026-03-20' }),
  ],
  referred: (caseId = 'case-1') => {
    const reviewed = history.reviewed(resultWithHazard(), caseId);
    const approval = reviewed[reviewed.length - 1]!;
    return [...reviewed, stored(T.HazardReferralOpened, { hazardIds: ['h1'], hasMajorHazard: false, approvalEventId: approval.id })];
  },
  ordered: (caseId = 'case-1') => [
    ...history.referred(caseId),
    stored(T.RectificationOrderIssued, { orderNo: '示消限字〔2026〕第001号', issuedOn: '2026-03-12', deadline: '2026-03-26' }),
  ],
};

export const commands = {
  assign: (a: string = INSPECTORS.a, b: string = INSPECTORS.b): InspectionCommand => ({ type: 'assign', inspectorIds: [a, b], drawId: null }),
  approve: (reviewerId: string = INSPECTORS.reviewer): InspectionCommand => ({ type: 'review', decision: 'approve', reviewerId, comment: null }),
  returnIt: (reviewerId: string = INSPECTORS.reviewer): InspectionCommand => ({ type: 'review', decision: 'return', reviewerId, reason: '第3项记录不完整' }),
  record: (result: InspectionResultRecordedData = completeResult()): InspectionCommand => ({ type: 'recordResult', ...result }),
};
