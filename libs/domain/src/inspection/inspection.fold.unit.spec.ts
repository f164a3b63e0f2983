import { foldInspection, statusOf } from './inspection.decider';
import { history, unusualHistories } from './testing/inspection.fixtures';

/**
 * Recorded events are facts: the fold applies each known one whatever today's rules say, so a rule
 * tightened later never moves a recorded case back (the projections never re-check rules either).
 */
describe('inspection fold applies history, it does not judge it', () => {
  it('a pair that a guard would refuse today still assigns the case', () => {
    const state = foldInspection(unusualHistories.sameInspectorTwice());
    expect(statusOf(state.snapshot).lifecycle).toBe('assigned');
    expect(state.snapshot.context.inspectorIds).toEqual(['a', 'a']);
    expect(state.revision).toBe(1);
  });

  it('a result that lacks a checklist item added later is still recorded', () => {
    expect(statusOf(foldInspection(unusualHistories.resultMissingItems()).snapshot).lifecycle).toBe('inspected');
  });

  it('an approval by one of the case inspectors (refused today) is still an approval', () => {
    expect(statusOf(foldInspection(unusualHistories.approvedByOwnInspector()).snapshot).lifecycle).toBe('reviewed');
  });

  it('an order whose deadline a stricter rule refuses is still issued', () => {
    expect(statusOf(foldInspection(unusualHistories.orderDeadlineBeforeIssue()).snapshot).referral).toBe('orderIssued');
  });

  it('a reassignment to the same pair (refused today) still counts', () => {
    const state = foldInspection(unusualHistories.reassignedToSamePair());
    expect(state.revision).toBe(2);
    expect(state.snapshot.context.assignments).toHaveLength(2);
  });

  it('the referral follows the approved result: a hazard withdrawn on return opens none', () => {
    expect(statusOf(foldInspection(unusualHistories.hazardWithdrawnOnReturn()).snapshot)).toEqual({ lifecycle: 'reviewed', referral: 'none' });
  });

  it('an event the state does not take leaves the case as it was', () => {
    const events = unusualHistories.ignoredEvents();
    expect(statusOf(foldInspection(events.slice(0, 1)).snapshot).lifecycle).toBe('notDrawn');
    const published = foldInspection(events);
    expect(statusOf(published.snapshot)).toEqual({ lifecycle: 'published', referral: 'none' });
    expect(published.revision).toBe(events.length - 1);
  });

  it('history.* walks a case through its life', () => {
    expect(statusOf(foldInspection(history.closed()).snapshot)).toEqual({ lifecycle: 'reviewed', referral: 'closed' });
    expect(statusOf(foldInspection(history.escalated()).snapshot)).toEqual({ lifecycle: 'reviewed', referral: 'escalated' });
    expect(statusOf(foldInspection(history.cancelled()).snapshot)).toEqual({ lifecycle: 'cancelled', referral: 'none' });
  });
});
