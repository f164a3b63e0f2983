import type { DisclosedItem, DisclosureRecord } from './disclosure-reader.port';

/**
 * The column layout of the disclosure export (docs/disclosure-export.md), in order. One definition
 * serves CSV, XLSX and the public page, so the three never disagree. Changing it changes what the
 * provincial platform receives: update the document with it.
 */
export interface DisclosureColumn {
  readonly key: string;
  readonly header: string;
  /** Width in characters for XLSX. */
  readonly width: number;
  readonly value: (record: DisclosureRecord, rowNumber: number) => string | number;
}

export const ITEM_OUTCOME_LABELS: Record<string, string> = {
  compliant: '符合',
  non_compliant: '不符合',
  not_applicable: '不涉及',
};

/** "1.单位基本信息核查…：符合；2.…：不符合" — one cell, as the platform's 检查事项 field takes it. */
export function describeItems(items: readonly DisclosedItem[]): string {
  if (items.length === 0) return '未实施检查';
  return items.map(({ item, label, outcome }) => `${item}.${label}：${ITEM_OUTCOME_LABELS[outcome] ?? outcome}`).join('；');
}

/** Only for a reader that leaves the status empty; the projection always names one. */
export const NO_HAZARD_TEXT = '未发现隐患';

export const DISCLOSURE_COLUMNS: readonly DisclosureColumn[] = [
  { key: 'no', header: '序号', width: 6, value: (_record, rowNumber) => rowNumber },
  { key: 'unitName', header: '检查对象名称', width: 32, value: (r) => r.unitName },
  { key: 'creditCode', header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { key: 'authority', header: '检查实施机关', width: 24, value: (r) => r.authority },
  { key: 'inspectionDate', header: '检查日期', width: 12, value: (r) => r.inspectionDate },
  { key: 'itemsChecked', header: '检查事项', width: 60, value: (r) => describeItems(r.itemsChecked) },
  { key: 'resultLabel', header: '检查结果', width: 28, value: (r) => r.resultLabel },
  { key: 'hazardRectification', header: '隐患整改情况', width: 24, value: (r) => r.hazardRectification || NO_HAZARD_TEXT },
  { key: 'publishedOn', header: '公示日期', width: 12, value: (r) => r.publishedOn },
  { key: 'caseId', header: '记录编号', width: 20, value: (r) => r.caseId },
];

export const DISCLOSURE_HEADERS: readonly string[] = DISCLOSURE_COLUMNS.map((column) => column.header);

/** The JSON shape: an explicit copy of the public fields, so nothing else a reader returns leaks out. */
export function toPublicRecord(record: DisclosureRecord): DisclosureRecord {
  const { caseId, unitName, creditCode, authority, inspectionDate, itemsChecked, resultCategory, resultLabel, hazardRectification, hazardRectificationCode, publishedOn, publicationEventId } = record;
  return {
    caseId,
    unitName,
    creditCode,
    authority,
    inspectionDate,
    itemsChecked: itemsChecked.map(({ item, label, outcome }) => ({ item, label, outcome })),
    resultCategory,
    resultLabel,
    hazardRectification,
    hazardRectificationCode,
    publishedOn,
    publicationEventId,
  };
}
