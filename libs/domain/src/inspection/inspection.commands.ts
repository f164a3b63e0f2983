import type { Actor } from '../events/event-metadata';
import type { CancellationReason, ReassignmentReason } from './checklist';
import type {
  InspectionDrawnData,
  InspectionResultRecordedData,
  RectificationOrderIssuedData,
  ReinspectionRecordedData,
} from './inspection.events';

/**
 * The fact a result needs from outside the case: which of the evidence hashes it references are
 * already in the evidence store, looked up by the application before deciding. Absent means none is.
 */
export interface EvidenceFacts {
  readonly storedEvidence?: readonly string[];
}

/** What someone asks the case to do. Each command, if accepted, yields exactly one event. */
export type InspectionCommand =
  | ({ readonly type: 'draw' } & InspectionDrawnData)
  | { readonly type: 'assign'; readonly inspectorIds: readonly [string, string]; readonly drawId: string | null }
  | {
      readonly type: 'reassign';
      readonly inspectorIds: readonly [string, string];
      readonly reasonCode: ReassignmentReason;
      readonly reason: string;
      readonly drawId: string | null;
    }
  | ({ readonly type: 'recordResult' } & InspectionResultRecordedData & EvidenceFacts)
  | { readonly type: 'review'; readonly decision: 'approve'; readonly reviewerId: string; readonly comment: string | null }
  | { readonly type: 'review'; readonly decision: 'return'; readonly reviewerId: string; readonly reason: string }
  | { readonly type: 'publish'; readonly publishedOn: string }
  | { readonly type: 'cancel'; readonly reasonCode: CancellationReason; readonly reason: string; readonly effectiveDate: string | null }
  | { readonly type: 'openReferral' }
  | ({ readonly type: 'issueRectificationOrder' } & RectificationOrderIssuedData)
  | ({ readonly type: 'recordReinspection' } & ReinspectionRecordedData)
  | { readonly type: 'closeReferral'; readonly note: string | null }
  | { readonly type: 'escalateReferral'; readonly reason: string; readonly caseNo: string | null };

export type InspectionCommandType = InspectionCommand['type'];

/**
 * A command with who sends it. The role check is the application's (permissions.ts); the rules that
 * depend on the case are the decider's: an inspector acts only on a case assigned to them, and a
 * reviewer is never one of the case's inspectors (the reviewer is the actor, never a body field).
 */
export type InspectionCommandFrom = InspectionCommand & { readonly actor?: Actor };
