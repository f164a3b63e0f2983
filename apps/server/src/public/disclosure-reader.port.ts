/**
 * The disclosure (公示) read model as this module uses it: the shape of `DisclosureReader` in
 * libs/projections/src/models/disclosure.reader.ts, which satisfies this interface structurally.
 * Once that reader is exported and fed by the server's projection runner, only the provider in
 * public.module.ts changes.
 */
import type { ResultCategory } from '@shuangsui/domain';

export interface DisclosureFilter {
  /** Substring of the unit's name. */
  readonly unitName?: string;
  /** Exact 18-character unified social credit code. */
  readonly creditCode?: string;
  /** Inspection date range, inclusive, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
  /** Result category code (no_problem, corrected, …). */
  readonly result?: ResultCategory;
}

export interface DisclosureQuery extends DisclosureFilter {
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface DisclosedItem {
  /** Checklist item number 1–7. */
  readonly item: number;
  readonly label: string;
  /** compliant | non_compliant | not_applicable. */
  readonly outcome: string;
}

/** The public record of DOMAIN.md §4.5 and nothing more: no personal data. */
export interface DisclosureRecord {
  readonly caseId: string;
  readonly unitName: string;
  readonly creditCode: string;
  readonly authority: string;
  /** YYYY-MM-DD. */
  readonly inspectionDate: string;
  readonly itemsChecked: readonly DisclosedItem[];
  readonly resultCategory: string;
  readonly resultLabel: string;
  /** Rectification status of the hazards, in words, e.g. 已整改 (the projection always sets it). */
  readonly hazardRectification: string | null;
  /** Its stable code: no_hazard, corrected_on_site, pending, referred, ordered, not_rectified, rectified, under_investigation. */
  readonly hazardRectificationCode?: string;
  /** YYYY-MM-DD. */
  readonly publishedOn: string;
}

export interface DisclosurePage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly records: readonly DisclosureRecord[];
}

export interface DisclosureReader {
  list(query: DisclosureQuery): Promise<DisclosurePage>;
  /** Every matching record, for exports; streamed so an export never holds the whole list. */
  iterate(filter: DisclosureFilter): AsyncIterable<DisclosureRecord>;
}

export const DISCLOSURE_READER = Symbol('DISCLOSURE_READER');
