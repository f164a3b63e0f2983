import { CHECKLIST_ITEMS, chineseDate, HAZARD_SEVERITIES, RESULT_CATEGORIES, type InspectionContext } from '@shuangsui/domain';
import { DOCUMENT_TITLES, type DocumentKind } from './document-kinds';
import { DocumentNotAvailableError } from './document.errors';

/** One statutory document as data: what the renderer lays out, built only from the case's events. */
export interface DocumentContent {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly authority: string;
  readonly documentNo: string;
  /** The moment of the event the document records: the PDF's CreationDate, so the bytes are fixed. */
  readonly issuedAt: string;
  /** YYYY-MM-DD, the date printed on the document. */
  readonly date: string;
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly checklist: readonly { readonly no: number; readonly label: string; readonly outcome: string; readonly note: string }[] | null;
  readonly hazards: readonly { readonly item: number; readonly description: string; readonly severity: string; readonly correctedOnSite: boolean }[];
  readonly paragraphs: readonly string[];
  readonly legalBasis: string;
  readonly signatures: readonly string[];
  /** The case's public record (公示), when it has been published. */
  readonly publicRecordUrl: string | null;
}

/** What the document needs beyond the case's events: looked up by the generator. */
export interface DocumentFacts {
  readonly documentNo: string;
  /** The rectification order's own document number, which the reinspection opinion refers to. */
  readonly orderDocumentNo: string | null;
  readonly inspectorNames: readonly string[];
  readonly publicBaseUrl: string;
}

const OUTCOME_LABELS = { compliant: '符合', non_compliant: '不符合', not_applicable: '不涉及' } as const;
const LEGAL_BASIS = '《中华人民共和国消防法》第十五条、第五十三条、第六十条，《消防监督检查规定》（公安部令第120号）';

/** When the case has a document of this kind: the event it records. Null with the reason otherwise. */
export function documentEventTime(context: InspectionContext, kind: DocumentKind): { readonly at: string; readonly date: string } | { readonly missing: string } {
  const referral = context.referral;
  switch (kind) {
    case 'inspection-record':
      return context.result ? { at: context.result.recordedAt, date: context.result.visitDate } : { missing: '检查结果尚未录入' };
    case 'rectification-order': {
      const order = referral?.orders[referral.orders.length - 1];
      return order ? { at: order.at, date: order.issuedOn } : { missing: '尚未下达责令限期改正（隐患移交的“责令改正”步骤）' };
    }
    case 'reinspection-opinion': {
      const reinspection = referral?.reinspections[referral.reinspections.length - 1];
      return reinspection ? { at: reinspection.at, date: reinspection.reinspectedOn } : { missing: '尚未录入复查结果' };
    }
  }
}

export function buildDocumentContent(caseId: string, context: InspectionContext, kind: DocumentKind, facts: DocumentFacts): DocumentContent {
  const time = documentEventTime(context, kind);
  if ('missing' in time) throw new DocumentNotAvailableError(caseId, kind, time.missing);
  const unit = context.unit;
  const result = context.result;
  if (!unit || !result) throw new DocumentNotAvailableError(caseId, kind, '检查结果尚未录入');
  const order = context.referral?.orders[context.referral.orders.length - 1] ?? null;
  const reinspection = context.referral?.reinspections[context.referral.reinspections.length - 1] ?? null;
  const inspectors = facts.inspectorNames.join('、');
  const unitFields = [
    { label: '被检查单位', value: unit.name },
    { label: '统一社会信用代码', value: unit.creditCode },
    { label: '单位地址', value: unit.address },
  ];
  const hazards = result.hazards.map(({ item, description, severity, correctedOnSite }) => ({ item, description, severity: HAZARD_SEVERITIES[severity], correctedOnSite }));
  const base = {
    kind,
    title: DOCUMENT_TITLES[kind],
    authority: context.authority ?? '',
    documentNo: facts.documentNo,
    issuedAt: time.at,
    date: time.date,
    legalBasis: LEGAL_BASIS,
    publicRecordUrl: context.publication ? publicRecordUrl(facts.publicBaseUrl, unit.creditCode) : null,
  };
  switch (kind) {
    case 'inspection-record':
      return {
        ...base,
        fields: [
          ...unitFields,
          { label: '检查日期', value: chineseDate(result.visitDate) },
          { label: '检查人员', value: inspectors },
          { label: '检查结果', value: RESULT_CATEGORIES[result.category] },
          ...(result.notInspectedReason ? [{ label: '未检查原因', value: result.notInspectedReason }] : []),
        ],
        checklist: CHECKLIST_ITEMS.map(({ no, label }) => {
          const record = result.items.find((entry) => entry.item === no);
          return { no, label, outcome: record ? OUTCOME_LABELS[record.outcome] : '未检查', note: record?.note ?? '' };
        }),
        hazards,
        paragraphs: [`依据${LEGAL_BASIS}，${base.authority}于${chineseDate(result.visitDate)}对你单位进行了消防监督抽查，检查情况记录如上。`],
        signatures: ['检查人员（签名）', '被检查单位随同检查人员（签名）'],
      };
    case 'rectification-order':
      return {
        ...base,
        fields: [...unitFields, { label: '检查日期', value: chineseDate(result.visitDate) }, { label: '检查人员', value: inspectors }, { label: '改正期限', value: chineseDate(order!.deadline) }, { label: '登记文号', value: order!.orderNo }],
        checklist: null,
        hazards,
        paragraphs: [
          `${unit.name}：`,
          `根据${LEGAL_BASIS}，${base.authority}于${chineseDate(result.visitDate)}对你单位进行消防监督检查，发现你单位存在下列消防安全违法行为（火灾隐患），现责令你单位于${chineseDate(order!.deadline)}前改正。`,
          '改正期间，你单位应当采取措施，确保消防安全。逾期不改正的，将依法予以处罚。',
          '如不服本决定，可在收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。',
        ],
        signatures: ['被检查单位签收人（签名）', `${base.authority}（印章）`],
      };
    case 'reinspection-opinion':
      return {
        ...base,
        fields: [
          ...unitFields,
          { label: '责令限期改正通知书', value: order ? `${facts.orderDocumentNo ?? order.orderNo}（改正期限 ${chineseDate(order.deadline)}）` : '' },
          { label: '复查日期', value: chineseDate(reinspection!.reinspectedOn) },
          { label: '复查人员', value: inspectors },
          { label: '复查结论', value: reinspection!.rectified ? '火灾隐患已改正' : '火灾隐患未改正' },
          ...(reinspection!.note ? [{ label: '复查情况', value: reinspection!.note }] : []),
        ],
        checklist: null,
        hazards,
        paragraphs: [
          `${unit.name}：`,
          reinspection!.rectified
            ? `根据${LEGAL_BASIS}，${base.authority}于${chineseDate(reinspection!.reinspectedOn)}对你单位责令限期改正的火灾隐患进行了复查，上述火灾隐患已改正。`
            : `根据${LEGAL_BASIS}，${base.authority}于${chineseDate(reinspection!.reinspectedOn)}对你单位责令限期改正的火灾隐患进行了复查，上述火灾隐患逾期未改正，将依法处理。`,
        ],
        signatures: ['复查人员（签名）', '被检查单位签收人（签名）', `${base.authority}（印章）`],
      };
  }
}

/** The public disclosure page filtered to the unit: the record anyone can check. */
export function publicRecordUrl(publicBaseUrl: string, creditCode: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/public/disclosures?creditCode=${encodeURIComponent(creditCode)}`;
}

