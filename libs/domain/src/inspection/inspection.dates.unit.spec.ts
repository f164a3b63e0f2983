import type { InspectionCommand } from './inspection.commands';
import { decide, foldInspection, type StoredInspectionEvent } from './inspection.decider';
import { completeResult, history, resultWithHazard } from './testing/inspection.fixtures';

/** The case of the fixtures is drawn for 2026-03; "now" is the end of that month unless a test says otherwise. */
const END_OF_MARCH = '2026-03-31T04:00:00.000Z';
const when = (events: readonly StoredInspectionEvent[], command: InspectionCommand, now = END_OF_MARCH) => decide(command, foldInspection(events), now);
const refused = (field: string, rule: string) => ({ kind: 'rejected', error: { kind: 'ruleViolation', field, rule } });

describe('dates a person types fit the case and the calendar', () => {
  it.each([
    ['1999-03-10', 'withinCaseMonth'],
    ['2030-03-10', 'withinCaseMonth'],
    ['2026-04-01', 'withinCaseMonth'],
  ])('a visit dated %s on a 2026-03 case is refused (%s)', (visitDate, rule) => {
    expect(when(history.assigned(), { type: 'recordResult', ...completeResult({ visitDate }) })).toMatchObject(refused('visitDate', rule));
  });

  it('a visit later today is not yet possible', () => {
    expect(when(history.assigned(), { type: 'recordResult', ...completeResult({ visitDate: '2026-03-20' }) }, '2026-03-12T04:00:00.000Z')).toMatchObject(refused('visitDate', 'notInFuture'));
  });

  it('an order is not issued before the visit, nor in the future', () => {
    const referred = history.referred();
    const order = (issuedOn: string, deadline: string): InspectionCommand => ({ type: 'issueRectificationOrder', orderNo: 'N1', issuedOn, deadline });
    expect(when(referred, order('2026-03-01', '2026-03-20'))).toMatchObject(refused('issuedOn', 'notBeforeVisit'));
    expect(when(referred, order('2026-04-02', '2026-04-20'))).toMatchObject(refused('issuedOn', 'notInFuture'));
    expect(when(referred, order('2026-03-12', '2026-03-26'))).toMatchObject({ kind: 'accepted' });
  });

  it('a re-inspection is not before its order', () => {
    expect(when(history.ordered(), { type: 'recordReinspection', reinspectedOn: '2026-03-11', rectified: true, note: null })).toMatchObject(refused('reinspectedOn', 'notBeforeOrder'));
  });

  it('a publication dated 2000-01-01 (before its approval) or after today is refused', () => {
    const reviewed = history.reviewed(resultWithHazard(true));
    expect(when(reviewed, { type: 'publish', publishedOn: '2000-01-01' })).toMatchObject(refused('publishedOn', 'notBeforeApproval'));
    expect(when(reviewed, { type: 'publish', publishedOn: '2026-04-30' })).toMatchObject(refused('publishedOn', 'notInFuture'));
    expect(when(reviewed, { type: 'publish', publishedOn: '2026-03-31' })).toMatchObject({ kind: 'accepted' });
  });
});
