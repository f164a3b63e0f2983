import { history, INSPECTORS, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { projectInMemory, recorded, rowOf } from '../testing/given-events';
import { caseClockId, monthsBetween, quotaDueOf, REMINDER_CLOCKS, remindersProjection } from './reminders.projection';

describe('reminders projection: the running clocks, given events', () => {
  it('a drawn case runs its month-end clock; assigned, it follows the inspectors', () => {
    const drawn = projectInMemory(remindersProjection, recorded('c1', history.drawn('c1')));
    expect(rowOf(drawn, REMINDER_CLOCKS.name, caseClockId('notInspected', 'c1'))).toMatchObject({ kind: 'notInspected', base: '2026-03-31', inspector_ids: [] });
    const assigned = projectInMemory(remindersProjection, recorded('c1', history.assigned('c1')));
    expect(rowOf(assigned, REMINDER_CLOCKS.name, caseClockId('notInspected', 'c1'))).toMatchObject({ inspector_ids: [INSPECTORS.a, INSPECTORS.b] });
  });

  it('a recorded result stops the visit clock and starts the review clock; an order starts the reinspection clock', () => {
    const inspected = projectInMemory(remindersProjection, recorded('c1', history.inspected(resultWithHazard(), 'c1')));
    expect(rowOf(inspected, REMINDER_CLOCKS.name, caseClockId('notInspected', 'c1'))).toBeUndefined();
    expect(rowOf(inspected, REMINDER_CLOCKS.name, caseClockId('reviewPending', 'c1'))).toMatchObject({ base: '2026-03-01' });
    const ordered = projectInMemory(remindersProjection, recorded('c1', history.ordered('c1')));
    expect(rowOf(ordered, REMINDER_CLOCKS.name, caseClockId('referralOrder', 'c1'))).toBeUndefined();
    expect(rowOf(ordered, REMINDER_CLOCKS.name, caseClockId('referralReinspection', 'c1'))).toMatchObject({ base: '2026-03-26' });
  });

  it('quota clocks: due the 25th of the month before, for each month of the plan period', () => {
    expect(quotaDueOf('2026-10')).toBe('2026-09-25');
    expect(quotaDueOf('2027-01')).toBe('2026-12-25');
    expect(monthsBetween('2026-11-03', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
