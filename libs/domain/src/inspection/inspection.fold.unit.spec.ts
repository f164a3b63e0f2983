import { foldInspection, statusOf, type StoredInspectionEvent } from './inspection.decider';
import { INSPECTION_EVENT_TYPES as T } from './inspection.events';
import { completeResult, history, INSPECTORS } from './testing/inspection.fixtures';

const AT = '2026-03-11T02:00:00.000Z';
const stored = (type: string, data: unknown, id: string): StoredInspectionEvent => ({ type, data, id, occurredAt: AT }) as StoredInspectionEvent;

/**
 * Recorded events are facts: the fold applies each known one whatever today's rules say, so a rule
 * tightened later never moves a recorded case back (the projections never re-check rules either).
 */
describe('inspection fold applies history, it does not judge it', () => {
  it('a pair that a guard would refuse today still assigns the case', () => {
    const state = foldInspection([...history.drawn(), stored(T.InspectorsAssigned, { inspectorIds: ['a', 'a'], drawId: null }, 'e2')]);
    expect(statusOf(state.snapshot).lifecycle).toBe('assigned');
    expect(state.snapshot.context.inspectorIds).toEqual(['a', 'a']);
    expect(state.revision).toBe(1);
  });

  it('a result that lacks a checklist item added later is still recorded', () => {
    const result = { ...completeResult(), items: completeResult().items.slice(0, 3) };
    const state = foldInspection([...history.assigned(), stored(T.InspectionResultRecorded, result, 'e3')]);
    expect(statusOf(state.snapshot).lifecycle).toBe('inspected');
  });

  it('an approval by one of the case inspectors (refused today) is still an approval', () => {
    const state = foldInspection([...history.inspected(), stored(T.InspectionResultApproved, { reviewerId: INSPECTORS.a, comment: null }, 'e4')]);
    expect(statusOf(state.snapshot).lifecycle).toBe('reviewed');
  });

  it('an order whose deadline a stricter rule refuses is still issued', () => {
    const state = foldInspection([...history.referred(), stored(T.RectificationOrderIssued, { orderNo: 'N', issuedOn: '2026-03-12', deadline: '2026-03-01' }, 'e9')]);
    expect(statusOf(state.snapshot).referral).toBe('orderIssued');
  });

  it('a reassignment to the same pair (refused today) still counts', () => {
    const state = foldInspection([
      ...history.assigned(),
      stored(T.InspectorsReassigned, { inspectorIds: [INSPECTORS.a, INSPECTORS.b], previousInspectorIds: [INSPECTORS.a, INSPECTORS.b], reasonCode: 'other', reason: 'x', drawId: null }, 'e3'),
    ]);
    expect(state.revision).toBe(2);
    expect(state.snapshot.context.assignments).toHaveLength(2);
  });
});
