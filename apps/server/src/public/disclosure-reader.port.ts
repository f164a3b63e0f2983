/**
 * The disclosure (公示) read model as the public endpoints use it: the projection's own reader and
 * types (libs/projections/src/models/disclosure.reader.ts), re-exported under the names this module uses.
 */
import type { DisclosureRecord } from '@shuangsui/projections';

export type {
  DisclosureFilter,
  DisclosurePage,
  DisclosurePageRequest as DisclosureQuery,
  DisclosureReader,
  DisclosureRecord,
} from '@shuangsui/projections';

/** One checklist item of a public record. */
export type DisclosedItem = DisclosureRecord['itemsChecked'][number];
