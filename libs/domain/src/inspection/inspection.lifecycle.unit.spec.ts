import { foldInspection, statusOf } from './inspection.decider';
import {
  INITIAL_LIFECYCLE_STATE,
  INITIAL_REFERRAL_STATE,
  LIFECYCLE_STATES,
  lifecycleAfter,
  OPEN_REFERRAL_STATES,
  OPENED_REFERRAL_STATES,
  REFERRAL_STATES,
  referralAfter,
  referralAfterApproval,
  type CaseLifecycle,
  type ReferralState,
} from './inspection.lifecycle';
import { INSPECTION_EVENT_TYPES as T } from './inspection.events';
import { allHistories } from './testing/inspection.fixtures';

describe('lifecycle tables read from the machine', () => {
  it('name the regions’ states in the machine’s order', () => {
    expect(LIFECYCLE_STATES).toEqual(['drawn', 'assigned', 'inspected', 'reviewed', 'published', 'cancelled']);
    expect(REFERRAL_STATES).toEqual(['none', 'awaitingReferral', 'referred', 'orderIssued', 'rectified', 'notRectified', 'closed', 'escalated']);
    expect(OPENED_REFERRAL_STATES).toEqual(['referred', 'orderIssued', 'rectified', 'notRectified', 'closed', 'escalated']);
    expect(OPEN_REFERRAL_STATES).toEqual(['referred', 'orderIssued', 'rectified', 'notRectified']);
  });

  it('follow a guarded choice by the event data, and ignore what a state does not take', () => {
    expect(referralAfter('orderIssued', T.ReinspectionRecorded, { rectified: true })).toBe('rectified');
    expect(referralAfter('orderIssued', T.ReinspectionRecorded, { rectified: false })).toBe('notRectified');
    expect(lifecycleAfter('inspected', T.InspectionCancelled)).toBeUndefined();
    expect(lifecycleAfter('assigned', T.InspectorsReassigned)).toBe('assigned');
  });

  // The tables alone, without the machine, reach the fold's state after every prefix of every history.
  it.each(Object.entries(allHistories()))('agree with the fold on every prefix of %s', (_name, events) => {
    let lifecycle: CaseLifecycle = 'notDrawn';
    let referral: ReferralState = INITIAL_REFERRAL_STATE;
    let resultHasHazards = false;
    events.forEach((event, index) => {
      if (lifecycle === 'notDrawn') {
        if (event.type === T.InspectionDrawn) lifecycle = INITIAL_LIFECYCLE_STATE;
      } else {
        const nextLifecycle = lifecycleAfter(lifecycle, event.type, event.data);
        if (nextLifecycle !== undefined && event.type === T.InspectionResultRecorded) resultHasHazards = (event.data as { hazards: readonly unknown[] }).hazards.length > 0;
        if (nextLifecycle !== undefined && event.type === T.InspectionResultApproved) referral = referralAfterApproval(referral, resultHasHazards) ?? referral;
        lifecycle = nextLifecycle ?? lifecycle;
        referral = referralAfter(referral, event.type, event.data) ?? referral;
      }
      expect({ at: index, lifecycle, referral }).toEqual({ at: index, ...statusOf(foldInspection(events.slice(0, index + 1)).snapshot) });
    });
  });
});
