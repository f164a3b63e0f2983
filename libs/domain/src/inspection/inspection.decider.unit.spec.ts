import { CHECKLIST_ITEM_NUMBERS } from './checklist';
import type { InspectionCommand } from './inspection.commands';
import { allowedCommands, decide, foldInspection, statusOf, type InspectionDecision as Decision, type StoredInspectionEvent } from './inspection.decider';
import { INSPECTION_EVENT_TYPES as T } from './inspection.events';
import { commands, completeResult, drawnData, history, INSPECTORS, resultWithHazard } from './testing/inspection.fixtures';

const AT = '2026-03-30T02:00:00.000Z';

/** Given these stored events, when this command, then this decision. */
function given(events: readonly StoredInspectionEvent[]) {
  const state = foldInspection(events);
  return {
    when: (command: InspectionCommand): Decision => decide(command, state, AT),
    state,
  };
}

function expectEvent(decision: Decision, type: string): Record<string, unknown> {
  if (decision.kind !== 'accepted') throw new Error(`expected ${type}, got ${JSON.stringify(decision.error)}`);
  expect(decision.events).toHaveLength(1);
  expect(decision.events[0]!.type).toBe(type);
  return decision.events[0]!.data as unknown as Record<string, unknown>;
}

function expectInvalidTransition(decision: Decision, lifecycle: string) {
  expect(decision).toMatchObject({ kind: 'rejected', error: { kind: 'invalidTransition', state: { lifecycle } } });
  if (decision.kind === 'rejected' && decision.error.kind === 'invalidTransition') return decision.error;
  throw new Error('unreachable');
}

function expectViolation(decision: Decision, field: string, rule: string) {
  expect(decision).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolation', field, rule } });
}

describe('inspection decider', () => {
  describe('creation', () => {
    it('a draw creates the case in state drawn', () => {
      const decision = given([]).when({ type: 'draw', ...drawnData() });
      expectEvent(decision, T.InspectionDrawn);
      const state = foldInspection(history.drawn());
      expect(statusOf(state.snapshot)).toEqual({ lifecycle: 'drawn', referral: 'none' });
      expect(state.revision).toBe(0);
    });

    it('a case is drawn only once', () => {
      const error = expectInvalidTransition(given(history.drawn()).when({ type: 'draw', ...drawnData() }), 'drawn');
      expect(error.allowedCommands).toEqual(expect.arrayContaining(['assign', 'cancel']));
    });

    it('nothing but a draw is accepted before the case exists', () => {
      const error = expectInvalidTransition(given([]).when(commands.assign()), 'notDrawn');
      expect(error.allowedCommands).toEqual(['draw']);
    });
  });

  describe('assignment', () => {
    it('assigns two distinct inspectors', () => {
      const data = expectEvent(given(history.drawn()).when(commands.assign()), T.InspectorsAssigned);
      expect(data.inspectorIds).toEqual([INSPECTORS.a, INSPECTORS.b]);
    });

    it('refuses the same inspector twice', () => {
      expectViolation(given(history.drawn()).when(commands.assign(INSPECTORS.a, INSPECTORS.a)), 'inspectorIds', 'exactlyTwoDistinct');
    });

    it('reassigns while assigned, with the reason and the previous pair', () => {
      const data = expectEvent(
        given(history.assigned()).when({ type: 'reassign', inspectorIds: [INSPECTORS.a, INSPECTORS.c], reasonCode: 'illness', reason: '病假', drawId: null }),
        T.InspectorsReassigned,
      );
      expect(data).toMatchObject({ previousInspectorIds: [INSPECTORS.a, INSPECTORS.b], reasonCode: 'illness' });
    });

    it('refuses a reassignment to the same pair', () => {
      expectViolation(
        given(history.assigned()).when({ type: 'reassign', inspectorIds: [INSPECTORS.b, INSPECTORS.a], reasonCode: 'other', reason: 'x', drawId: null }),
        'inspectorIds',
        'mustChangePair',
      );
    });

    it('refuses a reassignment before the first assignment', () => {
      expectInvalidTransition(
        given(history.drawn()).when({ type: 'reassign', inspectorIds: [INSPECTORS.a, INSPECTORS.c], reasonCode: 'other', reason: 'x', drawId: null }),
        'drawn',
      );
    });
  });

  describe('recording the result', () => {
    it('records a visit that covers all seven items', () => {
      expectEvent(given(history.assigned()).when(commands.record()), T.InspectionResultRecorded);
    });

    it('refuses a visit record missing a checklist item', () => {
      const items = CHECKLIST_ITEM_NUMBERS.filter((n) => n !== 6).map((item) => ({ item, outcome: 'compliant' as const }));
      expectViolation(given(history.assigned()).when(commands.record(completeResult({ items }))), 'items', 'allSevenItems');
    });

    it('a visit that could not take place records why instead of the checklist', () => {
      const unreachable = completeResult({ category: 'unreachable', items: [], notInspectedReason: '登记地址无此单位' });
      expectEvent(given(history.assigned()).when(commands.record(unreachable)), T.InspectionResultRecorded);
      expectViolation(
        given(history.assigned()).when(commands.record({ ...unreachable, notInspectedReason: ' ' })),
        'notInspectedReason',
        'required',
      );
    });

    it('hazards require a "problem found" category', () => {
      const wrong = { ...resultWithHazard(), category: 'no_problem' as const };
      expectViolation(given(history.assigned()).when(commands.record(wrong)), 'category', 'hazardCategory');
    });

    it('a "problem found" category requires a hazard', () => {
      expectViolation(given(history.assigned()).when(commands.record(completeResult({ category: 'pending_follow_up' }))), 'hazards', 'requiredForCategory');
    });

    it('"corrected" means every hazard was corrected on the spot', () => {
      const wrong = { ...resultWithHazard(false), category: 'corrected' as const };
      expectViolation(given(history.assigned()).when(commands.record(wrong)), 'category', 'allCorrectedOnSite');
      expectEvent(given(history.assigned()).when(commands.record(resultWithHazard(true))), T.InspectionResultRecorded);
    });

    it('refuses evidence that is not in the evidence store, naming the missing hash; the event never carries the fact', () => {
      const photo = { sha256: 'a'.repeat(64), fileName: '安全出口.jpg' };
      const other = { sha256: 'b'.repeat(64), fileName: '消火栓.jpg' };
      const items = completeResult().items.map((entry) => (entry.item === 5 ? { ...entry, evidence: [photo, other] } : entry));
      const result = completeResult({ items });
      const index = items.findIndex((entry) => entry.item === 5);
      const refused = given(history.assigned()).when({ ...commands.record(result), storedEvidence: [photo.sha256] } as InspectionCommand);
      expectViolation(refused, `items[${index}].evidence`, 'evidenceUploaded');
      expect(refused.kind === 'rejected' && 'message' in refused.error ? refused.error.message : '').toContain(other.sha256);
      expectViolation(given(history.assigned()).when(commands.record(result)), `items[${index}].evidence`, 'evidenceUploaded');
      const data = expectEvent(given(history.assigned()).when({ ...commands.record(result), storedEvidence: [photo.sha256, other.sha256] } as InspectionCommand), T.InspectionResultRecorded);
      expect(data).not.toHaveProperty('storedEvidence');
    });

    it('refuses a result before inspectors are assigned', () => {
      expectInvalidTransition(given(history.drawn()).when(commands.record()), 'drawn');
    });
  });

  describe('review', () => {
    it('approves by an independent reviewer', () => {
      expectEvent(given(history.inspected()).when(commands.approve()), T.InspectionResultApproved);
      expect(statusOf(foldInspection(history.reviewed()).snapshot).lifecycle).toBe('reviewed');
    });

    it('refuses a reviewer who is one of the inspectors', () => {
      expectViolation(given(history.inspected()).when(commands.approve(INSPECTORS.a)), 'reviewerId', 'notOwnInspector');
      expectViolation(given(history.inspected()).when(commands.returnIt(INSPECTORS.b)), 'reviewerId', 'notOwnInspector');
    });

    it('a returned record goes back to recording and can be recorded again', () => {
      const data = expectEvent(given(history.inspected()).when(commands.returnIt()), T.InspectionResultReturned);
      expect(data.reason).toBe('第3项记录不完整');
      const returned = [...history.inspected(), { type: T.InspectionResultReturned, data, id: 'ret', occurredAt: AT } as unknown as StoredInspectionEvent];
      expect(statusOf(foldInspection(returned).snapshot).lifecycle).toBe('assigned');
      expectEvent(given(returned).when(commands.record()), T.InspectionResultRecorded);
    });

    it('refuses a review before the result is recorded', () => {
      expectInvalidTransition(given(history.assigned()).when(commands.approve()), 'assigned');
    });
  });

  describe('publication', () => {
    it('publishes an approved result', () => {
      expectEvent(given(history.reviewed()).when({ type: 'publish', publishedOn: '2026-03-20' }), T.InspectionResultPublished);
    });

    it('refuses to publish an unreviewed result, naming the state and what it allows', () => {
      const error = expectInvalidTransition(given(history.inspected()).when({ type: 'publish', publishedOn: '2026-03-20' }), 'inspected');
      expect(error.allowedCommands).toEqual(['review']);
    });

    it('a published case accepts nothing more on its lifecycle', () => {
      expect(allowedCommands(foldInspection(history.published()).snapshot)).toEqual([]);
    });
  });

  describe('cancellation', () => {
    const cancel: InspectionCommand = { type: 'cancel', reasonCode: 'unit_deregistered', reason: '单位已于2月注销', effectiveDate: '2026-02-20' };

    it('cancels a drawn or assigned case', () => {
      expectEvent(given(history.drawn()).when(cancel), T.InspectionCancelled);
      expectEvent(given(history.assigned()).when(cancel), T.InspectionCancelled);
    });

    it('refuses to cancel after the visit', () => {
      expectInvalidTransition(given(history.inspected()).when(cancel), 'inspected');
    });
  });

  describe('hazard referral', () => {
    it('an approved result with hazards awaits referral, before and regardless of publication', () => {
      const state = foldInspection(history.reviewed(resultWithHazard()));
      expect(statusOf(state.snapshot)).toEqual({ lifecycle: 'reviewed', referral: 'awaitingReferral' });
      expect(allowedCommands(state.snapshot)).toEqual(expect.arrayContaining(['publish', 'openReferral']));
    });

    it('opening the referral points at the approval and names the hazards', () => {
      const events = history.reviewed(resultWithHazard());
      const data = expectEvent(given(events).when({ type: 'openReferral' }), T.HazardReferralOpened);
      expect(data).toEqual({ hazardIds: ['h1'], hasMajorHazard: false, approvalEventId: events[events.length - 1]!.id });
    });

    it('a result without hazards never opens a referral', () => {
      expectInvalidTransition(given(history.reviewed()).when({ type: 'openReferral' }), 'reviewed');
    });

    it('a referral is opened once', () => {
      expectInvalidTransition(given(history.referred()).when({ type: 'openReferral' }), 'reviewed');
    });

    it('order → re-inspection rectified → closed', () => {
      expectEvent(
        given(history.referred()).when({ type: 'issueRectificationOrder', orderNo: 'N1', issuedOn: '2026-03-12', deadline: '2026-03-26' }),
        T.RectificationOrderIssued,
      );
      const reinspected = history.reinspected(true);
      expect(statusOf(foldInspection(reinspected).snapshot).referral).toBe('rectified');
      expectEvent(given(reinspected).when({ type: 'closeReferral', note: null }), T.HazardReferralClosed);
    });

    it('an order deadline must come after the order', () => {
      expectViolation(
        given(history.referred()).when({ type: 'issueRectificationOrder', orderNo: 'N1', issuedOn: '2026-03-12', deadline: '2026-03-12' }),
        'deadline',
        'afterIssueDate',
      );
    });

    it('not rectified at re-inspection: cannot close, can escalate', () => {
      const notRectified = history.reinspected(false);
      expect(statusOf(foldInspection(notRectified).snapshot).referral).toBe('notRectified');
      expectInvalidTransition(given(notRectified).when({ type: 'closeReferral', note: null }), 'reviewed');
      expectEvent(given(notRectified).when({ type: 'escalateReferral', reason: '逾期未改正，立案调查', caseNo: null }), T.HazardReferralEscalated);
    });

    it('a referral can be escalated straight away (e.g. a major hazard)', () => {
      expectEvent(given(history.referred()).when({ type: 'escalateReferral', reason: '重大火灾隐患', caseNo: 'C-1' }), T.HazardReferralEscalated);
    });
  });
});
