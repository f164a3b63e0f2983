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
  /** Returned by the reviewer: back to recording. */
  returned: (result: InspectionResultRecordedData = completeResult(), caseId = 'case-1') => [
    ...history.inspected(result, caseId),
    stored(T.InspectionResultReturned, { reviewerId: INSPECTORS.reviewer, reason: '第3项记录不完整' }),
  ],
  reinspected: (rectified: boolean, caseId = 'case-1') => [
    ...history.ordered(caseId),
    stored(T.ReinspectionRecorded, { reinspectedOn: '2026-03-27', rectified, note: rectified ? null : '仍堵塞' }),
  ],
  closed: (caseId = 'case-1') => [...history.reinspected(true, caseId), stored(T.HazardReferralClosed, { note: null })],
  escalated: (caseId = 'case-1') => [
    ...history.reinspected(false, caseId),
    stored(T.HazardReferralEscalated, { reason: '逾期未改正，立案调查', caseNo: null }),
  ],
  cancelled: (caseId = 'case-1') => [
    ...history.assigned(caseId),
    stored(T.InspectionCancelled, { reasonCode: 'unit_deregistered', reason: '单位已于2月注销', effectiveDate: '2026-02-20' }),
  ],
};

/**
 * Recorded events that today's rules would refuse (the fold applies them all: recorded events are
 * facts), and events the state does not take (the fold ignores them), by what they show.
 */
export const unusualHistories = {
  sameInspectorTwice: () => [...history.drawn(), stored(T.InspectorsAssigned, { inspectorIds: ['a', 'a'], drawId: null })],
  resultMissingItems: () => [...history.assigned(), stored(T.InspectionResultRecorded, { ...completeResult(), items: completeResult().items.slice(0, 3) })],
  approvedByOwnInspector: () => [...history.inspected(), stored(T.InspectionResultApproved, { reviewerId: INSPECTORS.a, comment: null })],
  orderDeadlineBeforeIssue: () => [...history.referred(), stored(T.RectificationOrderIssued, { orderNo: 'N', issuedOn: '2026-03-12', deadline: '2026-03-01' })],
  reassignedToSamePair: () => [
    ...history.assigned(),
    stored(T.InspectorsReassigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.b], previousInspectorIds: [INSPECTORS.a, INSPECTORS.b], reasonCode: 'other', reason: 'x', drawId: null }),
  ],
  /** A hazard recorded, returned, then recorded again without: the approval opens no referral. */
  hazardWithdrawnOnReturn: () => [
    ...history.returned(resultWithHazard()),
    stored(T.InspectionResultRecorded, completeResult()),
    stored(T.InspectionResultApproved, { reviewerId: INSPECTORS.reviewer, comment: null }),
  ],
  /** Events the state does not accept (no decider would record them): the fold leaves the case as it was. */
  ignoredEvents: () => [
    stored(T.InspectorsAssigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.b], drawId: null }),
    ...history.drawn(),
    stored(T.InspectionDrawn, drawnData()),
    stored(T.InspectionResultApproved, { reviewerId: INSPECTORS.reviewer, comment: null }),
    ...history.published().slice(1),
    stored(T.InspectionCancelled, { reasonCode: 'unit_closed', reason: '已停业', effectiveDate: null }),
    stored(T.HazardReferralOpened, { hazardIds: [], hasMajorHazard: false, approvalEventId: 'x' }),
  ],
};

/** Every history above, by name: what the read models' equivalence test runs through. */
export function allHistories(): Record<string, StoredInspectionEvent[]> {
  return {
    drawn: history.drawn(),
    assigned: history.assigned(),
    inspected: history.inspected(),
    reviewed: history.reviewed(),
    published: history.published(),
    publishedWithHazard: history.published(resultWithHazard()),
    publishedCorrectedOnSite: history.published(resultWithHazard(true)),
    reviewedWithHazard: history.reviewed(resultWithHazard()),
    referred: history.referred(),
    ordered: history.ordered(),
    returned: history.returned(),
    rectified: history.reinspected(true),
    notRectified: history.reinspected(false),
    closed: history.closed(),
    escalated: history.escalated(),
    escalatedStraightAway: [...history.referred(), stored(T.HazardReferralEscalated, { reason: '重大火灾隐患', caseNo: 'C-1' })],
    reorderedAfterNotRectified: [...history.reinspected(false), stored(T.RectificationOrderIssued, { orderNo: 'N2', issuedOn: '2026-03-28', deadline: '2026-04-10' })],
    cancelledDrawn: [...history.drawn(), stored(T.InspectionCancelled, { reasonCode: 'unit_deregistered', reason: '单位已于2月注销', effectiveDate: '2026-02-20' })],
    cancelledAssigned: history.cancelled(),
    reassigned: [
      ...history.assigned(),
      stored(T.InspectorsReassigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.c], previousInspectorIds: [INSPECTORS.a, INSPECTORS.b], reasonCode: 'illness', reason: '病假', drawId: null }),
    ],
    ...Object.fromEntries(Object.entries(unusualHistories).map(([name, build]) => [name, build()])),
  };
}

export const commands = {
  assign: (a: string = INSPECTORS.a, b: string = INSPECTORS.b): InspectionCommand => ({ type: 'assign', inspectorIds: [a, b], drawId: null }),
  approve: (reviewerId: string = INSPECTORS.reviewer): InspectionCommand => ({ type: 'review', decision: 'approve', reviewerId, comment: null }),
  returnIt: (reviewerId: string = INSPECTORS.reviewer): InspectionCommand => ({ type: 'review', decision: 'return', reviewerId, reason: '第3项记录不完整' }),
  record: (result: InspectionResultRecordedData = completeResult()): InspectionCommand => ({ type: 'recordResult', ...result }),
};
