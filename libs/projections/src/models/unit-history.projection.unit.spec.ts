import { INSPECTION_EVENT_TYPES as T } from '@shuangsui/domain';
import { completeResult, drawnData, history, INSPECTORS } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { projectInMemory, recorded, rowOf } from '../testing/given-events';
import { recordedOn } from '../testing/given-streams';
import { UNIT_CASES, unitHistoryProjection } from './unit-history.projection';

const caseStream = (caseId: string) => `inspection-${caseId}`;
const drawn = (caseId: string) => ({ type: T.InspectionDrawn, data: drawnData(caseId) });
const assigned = (a: string, b: string) => ({ type: T.InspectorsAssigned, data: { inspectorIds: [a, b], drawId: 'draw-2026-03' } });
const reassigned = (a: string, b: string) => ({
  type: T.InspectorsReassigned,
  data: { inspectorIds: [a, b], previousInspectorIds: [INSPECTORS.a, INSPECTORS.b], reasonCode: 'conflict_of_interest', reason: '回避' },
});
const result = (visitDate: string) => ({ type: T.InspectionResultRecorded, data: completeResult({ visitDate }) });
const returned = { type: T.InspectionResultReturned, data: { reviewerId: INSPECTORS.reviewer, reason: '第3项记录不完整' } };
const cancelled = { type: T.InspectionCancelled, data: { reasonCode: 'unit_closed', reason: '单位已停业', effectiveDate: '2026-03-05' } };

const rowAfter = (events: readonly { type: string; data: unknown }[], caseId = 'c1') =>
  rowOf(projectInMemory(unitHistoryProjection, recordedOn(caseStream(caseId), events, 100)), UNIT_CASES.name, caseId);

describe('unit-history projection, given case events', () => {
  it('a drawn case is open, of its unit, plan and month, with no pair and no visit', () => {
    expect(rowAfter([drawn('c1')])).toEqual({
      case_id: 'c1', unit_id: 'unit-1', plan_id: 'plan-2026', month: '2026-03', open: 1, inspector_a: null, inspector_b: null,
      visit_date: null, visit_inspector_a: null, visit_inspector_b: null, visit_position: null,
    });
  });

  it('assigned and reassigned: still open, with the current pair', () => {
    expect(rowAfter([drawn('c1'), assigned(INSPECTORS.a, INSPECTORS.b)])).toMatchObject({ open: 1, inspector_a: INSPECTORS.a, inspector_b: INSPECTORS.b });
    expect(rowAfter([drawn('c1'), assigned(INSPECTORS.a, INSPECTORS.b), reassigned(INSPECTORS.c, INSPECTORS.b)])).toMatchObject({
      open: 1, inspector_a: INSPECTORS.c, inspector_b: INSPECTORS.b,
    });
  });

  it('a recorded result closes the case and keeps the visit: date, the pair that made it, its position', () => {
    expect(rowAfter([drawn('c1'), assigned(INSPECTORS.a, INSPECTORS.b), reassigned(INSPECTORS.c, INSPECTORS.b), result('2026-03-10')])).toMatchObject({
      open: 0, visit_date: '2026-03-10', visit_inspector_a: INSPECTORS.c, visit_inspector_b: INSPECTORS.b, visit_position: 103,
    });
  });

  it('returned, reassigned and recorded again: the last result wins, with the pair of that visit', () => {
    const events = [drawn('c1'), assigned(INSPECTORS.a, INSPECTORS.b), result('2026-03-10'), returned];
    // The machine puts a returned result back to `assigned`: open again, so a closure may cancel it.
    expect(rowAfter(events)).toMatchObject({ open: 1, visit_date: '2026-03-10', visit_position: 102 });
    expect(rowAfter([...events, reassigned(INSPECTORS.c, INSPECTORS.a), result('2026-03-18')])).toMatchObject({
      open: 0, visit_date: '2026-03-18', visit_inspector_a: INSPECTORS.c, visit_inspector_b: INSPECTORS.a, visit_position: 105,
      inspector_a: INSPECTORS.c, inspector_b: INSPECTORS.a,
    });
  });

  it('a cancellation closes a drawn or assigned case and leaves no visit', () => {
    expect(rowAfter([drawn('c1'), cancelled])).toMatchObject({ open: 0, visit_date: null });
    expect(rowAfter([drawn('c1'), assigned(INSPECTORS.a, INSPECTORS.b), cancelled])).toMatchObject({ open: 0, inspector_a: INSPECTORS.a, visit_date: null });
  });

  it('a result recorded without a pair keeps the visit with no pair', () => {
    expect(rowAfter([drawn('c1'), result('2026-03-10')])).toMatchObject({ open: 0, visit_date: '2026-03-10', visit_inspector_a: null, visit_inspector_b: null });
  });

  it('approval and publication leave the row as the result made it (they are not even handled)', () => {
    const inspected = rowOf(projectInMemory(unitHistoryProjection, recorded('c1', history.inspected(completeResult(), 'c1'))), UNIT_CASES.name, 'c1');
    const published = rowOf(projectInMemory(unitHistoryProjection, recorded('c1', history.published(completeResult(), 'c1'))), UNIT_CASES.name, 'c1');
    expect(published).toEqual(inspected);
    expect(unitHistoryProjection.handlers[T.InspectionResultApproved]).toBeUndefined();
    expect(unitHistoryProjection.handlers[T.InspectionResultPublished]).toBeUndefined();
  });

  it('ignores events of a case it never saw drawn, and streams that are not cases', () => {
    expect(rowAfter([assigned(INSPECTORS.a, INSPECTORS.b), result('2026-03-10')])).toBeUndefined();
    expect(projectInMemory(unitHistoryProjection, recordedOn('draw-2026-03', [drawn('x')])).size).toBe(0);
  });
});
