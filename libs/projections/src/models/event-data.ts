import {
  chinaDateOfIso,
  INSPECTION_EVENT_TYPES,
  type HazardReferralOpenedData,
  type InspectionCancelledData,
  type InspectionDrawnData,
  type InspectionResultPublishedData,
  type InspectionResultRecordedData,
  type InspectorsAssignedData,
  type InspectorsReassignedData,
  type RectificationOrderIssuedData,
  type ReinspectionRecordedData,
  type HazardReferralEscalatedData,
} from '@shuangsui/domain';
import type { LeanEvent } from '@shuangsui/event-store';

/** Typed access to the inspection events' payloads (docs/events.md) for the projections. */
export const T = INSPECTION_EVENT_TYPES;

export interface PayloadOf {
  [T.InspectionDrawn]: InspectionDrawnData;
  [T.InspectorsAssigned]: InspectorsAssignedData;
  [T.InspectorsReassigned]: InspectorsReassignedData;
  [T.InspectionResultRecorded]: InspectionResultRecordedData;
  [T.InspectionResultPublished]: InspectionResultPublishedData;
  [T.InspectionCancelled]: InspectionCancelledData;
  [T.HazardReferralOpened]: HazardReferralOpenedData;
  [T.RectificationOrderIssued]: RectificationOrderIssuedData;
  [T.ReinspectionRecorded]: ReinspectionRecordedData;
  [T.HazardReferralEscalated]: HazardReferralEscalatedData;
}

export function payload<K extends keyof PayloadOf>(event: LeanEvent, _type: K): PayloadOf[K] {
  return event.data as unknown as PayloadOf[K];
}

/** The China calendar date on which the event happened. */
export function dayOf(event: LeanEvent): string {
  return chinaDateOfIso(event.occurredAt);
}
