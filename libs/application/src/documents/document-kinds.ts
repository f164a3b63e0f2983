/** The three statutory documents of a case (docs/field-records.md "Statutory documents"). */
export const DOCUMENT_KINDS = ['inspection-record', 'rectification-order', 'reinspection-opinion'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, string>> = {
  'inspection-record': '消防监督检查记录',
  'rectification-order': '责令限期改正通知书',
  'reinspection-opinion': '复查意见书',
};

/** The word of each kind inside a document number (…消检字…, …消限字…, …消复字…). */
export const DOCUMENT_NUMBER_WORDS: Readonly<Record<DocumentKind, string>> = {
  'inspection-record': '检',
  'rectification-order': '限',
  'reinspection-opinion': '复',
};

export const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);
