import type { CancellationReason, ReassignmentReason } from './checklist';
import type {
  DrawnUnit,
  HazardReferralOpenedData,
  InspectionResultRecordedData,
  RectificationOrderIssuedData,
  ReinspectionRecordedData,
} from './inspection.events';

/** What the case knows, built only by folding its events. */
export interface InspectionContext {
  readonly caseId: string | null;
  readonly drawId: string | null;
  readonly planId: string | null;
  readonly month: string | null;
  readonly stratum: string | null;
  readonly authority: string | null;
  readonly unit: DrawnUnit | null;
  readonly drawnAt: string | null;
  readonly inspectorIds: readonly string[];
  readonly assignments: readonly {
    readonly inspectorIds: readonly string[];
    readonly at: string;
    readonly drawId: string | null;
    readonly reasonCode?: ReassignmentReason;
    readonly reason?: string;
  }[];
  readonly result: (InspectionResultRecordedData & { readonly recordedAt: string }) | null;
  readonly returns: readonly { readonly reviewerId: string; readonly reason: string; readonly at: string }[];
  readonly approval: { readonly reviewerId: string; readonly comment: string | null; readonly at: string; readonly eventId: string } | null;
  readonly publication: { readonly publishedOn: string; readonly at: string } | null;
  readonly cancellation: { readonly reasonCode: CancellationReason; readonly reason: string; readonly effectiveDate: string | null; readonly at: string } | null;
  readonly referral:
    | (HazardReferralOpenedData & {
        readonly openedAt: string;
        readonly orders: readonly (RectificationOrderIssuedData & { readonly at: string })[];
        readonly reinspections: readonly (ReinspectionRecordedData & { readonly at: string })[];
        readonly closedAt: string | null;
        readonly escalation: { readonly reason: string; readonly caseNo: string | null; readonly at: string } | null;
      })
    | null;
}

export const EMPTY_CONTEXT: InspectionContext = {
  caseId: null,
  drawId: null,
  planId: null,
  month: null,
  stratum: null,
  authority: null,
  unit: null,
  drawnAt: null,
  inspectorIds: [],
  assignments: [],
  result: null,
  returns: [],
  approval: null,
  publication: null,
  cancellation: null,
  referral: null,
};
