import type { UpcastStep } from '../../events/upcasting';
import type { InspectionResultPublishedData } from '../inspection.events';

/**
 * The worked example of docs/events.md "Versioning", registered in tests only: suppose publication
 * came to record the address of the public record, so InspectionResultPublished moved to v2 with a
 * `recordUrl`. Cases published before then were stored as v1 and stay so; the step reads them as v2
 * with `recordUrl: null` (the address was not kept), which is all a v2 reader has to handle.
 */
export interface InspectionResultPublishedV2Data extends InspectionResultPublishedData {
  /** Where the public record was posted; null for publications recorded before v2. */
  readonly recordUrl: string | null;
}

export const PUBLISHED_V1 = 'InspectionResultPublished.v1';
export const PUBLISHED_V2 = 'InspectionResultPublished.v2';

export const PUBLISHED_V1_TO_V2: UpcastStep<InspectionResultPublishedData, InspectionResultPublishedV2Data> = {
  from: PUBLISHED_V1,
  to: PUBLISHED_V2,
  upcast: (data) => ({ publishedOn: data.publishedOn, recordUrl: null }),
};
