import type { DomainEvent } from '../events/event-metadata';
import type {
  CancellationReason,
  HazardSeverity,
  ItemOutcome,
  ReassignmentReason,
  ResultCategory,
} from './checklist';

/**
 * The inspection case's event catalogue (docs/events.md). Type names carry their schema version;
 * a v2 gets a new name and an upcaster in the fold, stored v1 events are never rewritten.
 */

export type RiskGrade = 'A' | 'B' | 'C' | 'D';

/** The unit as frozen at draw time: what the case and the public record need, no private contacts. */
export interface DrawnUnit {
  readonly id: string;
  readonly name: string;
  readonly creditCode: string;
  readonly address: string;
  readonly district: string;
  readonly riskGrade: RiskGrade;
  readonly isKeyUnit: boolean;
  readonly isCrowdDense: boolean;
}

export interface InspectionDrawnData {
  readonly caseId: string;
  readonly drawId: string;
  readonly planId: string;
  /** Visit month, YYYY-MM. */
  readonly month: string;
  readonly stratum: string;
  readonly authority: string;
  readonly unit: DrawnUnit;
}

export interface InspectorsAssignedData {
  readonly inspectorIds: readonly [string, string];
  /** The draw that picked the pair, so the choice can be verified. */
  readonly drawId: string | null;
}

export interface InspectorsReassignedData {
  readonly inspectorIds: readonly [string, string];
  readonly previousInspectorIds: readonly [string, string];
  readonly reasonCode: ReassignmentReason;
  readonly reason: string;
  readonly drawId: string | null;
}

export interface ChecklistItemRecord {
  readonly item: number;
  readonly outcome: ItemOutcome;
  readonly note?: string;
  /** Evidence files referenced by content hash (SHA-256, hex). */
  readonly evidence?: readonly { readonly sha256: string; readonly fileName: string }[];
}

export interface HazardRecord {
  readonly id: string;
  readonly item: number;
  readonly description: string;
  readonly severity: HazardSeverity;
  readonly correctedOnSite: boolean;
}

export interface InspectionResultRecordedData {
  /** Date of the visit (or attempted visit), YYYY-MM-DD. */
  readonly visitDate: string;
  readonly category: ResultCategory;
  readonly items: readonly ChecklistItemRecord[];
  readonly hazards: readonly HazardRecord[];
  /** Why the checklist could not be done, for categories of a visit that did not take place. */
  readonly notInspectedReason: string | null;
}

export interface InspectionResultApprovedData {
  readonly reviewerId: string;
  readonly comment: string | null;
}

export interface InspectionResultReturnedData {
  readonly reviewerId: string;
  readonly reason: string;
}

export interface InspectionResultPublishedData {
  readonly publishedOn: string;
}

export interface InspectionCancelledData {
  readonly reasonCode: CancellationReason;
  readonly reason: string;
  /** When the unit closed or was deregistered, YYYY-MM-DD. */
  readonly effectiveDate: string | null;
}

export interface HazardReferralOpenedData {
  readonly hazardIds: readonly string[];
  readonly hasMajorHazard: boolean;
  /** The approval this referral follows from (also the event's causation id). */
  readonly approvalEventId: string;
}

export interface RectificationOrderIssuedData {
  readonly orderNo: string;
  readonly issuedOn: string;
  readonly deadline: string;
}

export interface ReinspectionRecordedData {
  readonly reinspectedOn: string;
  readonly rectified: boolean;
  readonly note: string | null;
}

export interface HazardReferralClosedData {
  readonly note: string | null;
}

export interface HazardReferralEscalatedData {
  readonly reason: string;
  readonly caseNo: string | null;
}

export const INSPECTION_EVENT_TYPES = {
  InspectionDrawn: 'InspectionDrawn.v1',
  InspectorsAssigned: 'InspectorsAssigned.v1',
  InspectorsReassigned: 'InspectorsReassigned.v1',
  InspectionResultRecorded: 'InspectionResultRecorded.v1',
  InspectionResultApproved: 'InspectionResultApproved.v1',
  InspectionResultReturned: 'InspectionResultReturned.v1',
  InspectionResultPublished: 'InspectionResultPublished.v1',
  InspectionCancelled: 'InspectionCancelled.v1',
  HazardReferralOpened: 'HazardReferralOpened.v1',
  RectificationOrderIssued: 'RectificationOrderIssued.v1',
  ReinspectionRecorded: 'ReinspectionRecorded.v1',
  HazardReferralClosed: 'HazardReferralClosed.v1',
  HazardReferralEscalated: 'HazardReferralEscalated.v1',
} as const;

type T = typeof INSPECTION_EVENT_TYPES;
export type InspectionEvent =
  | DomainEvent<T['InspectionDrawn'], InspectionDrawnData>
  | DomainEvent<T['InspectorsAssigned'], InspectorsAssignedData>
  | DomainEvent<T['InspectorsReassigned'], InspectorsReassignedData>
  | DomainEvent<T['InspectionResultRecorded'], InspectionResultRecordedData>
  | DomainEvent<T['InspectionResultApproved'], InspectionResultApprovedData>
  | DomainEvent<T['InspectionResultReturned'], InspectionResultReturnedData>
  | DomainEvent<T['InspectionResultPublished'], InspectionResultPublishedData>
  | DomainEvent<T['InspectionCancelled'], InspectionCancelledData>
  | DomainEvent<T['HazardReferralOpened'], HazardReferralOpenedData>
  | DomainEvent<T['RectificationOrderIssued'], RectificationOrderIssuedData>
  | DomainEvent<T['ReinspectionRecorded'], ReinspectionRecordedData>
  | DomainEvent<T['HazardReferralClosed'], HazardReferralClosedData>
  | DomainEvent<T['HazardReferralEscalated'], HazardReferralEscalatedData>;

export type InspectionEventType = InspectionEvent['type'];

const KNOWN_TYPES = new Set<string>(Object.values(INSPECTION_EVENT_TYPES));
export function isInspectionEvent(event: { type: string }): event is InspectionEvent {
  return KNOWN_TYPES.has(event.type);
}

/** Stream id of a case. */
export const inspectionStreamId = (caseId: string): string => `inspection-${caseId}`;

/** The case id of a case's stream id, or null for a stream of another kind. */
export const caseIdOfStream = (streamId: string): string | null => (streamId.startsWith('inspection-') ? streamId.slice('inspection-'.length) : null);
