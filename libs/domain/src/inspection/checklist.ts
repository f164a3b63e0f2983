/**
 * The fixed checklist of the annual plan (seed §五, items 1–7) and the national set of result
 * categories. Codes are English (API), labels are what people read.
 */
export const CHECKLIST_ITEMS = [
  { no: 1, label: '单位基本信息核查，消防安全责任人及管理人是否有变动' },
  { no: 2, label: '建筑物消防许可及备案情况' },
  { no: 3, label: '消防安全管理制度和信息落实情况' },
  { no: 4, label: '建筑防火情况是否符合消防规范要求' },
  { no: 5, label: '安全疏散是否畅通，应急照明灯等消防设施、器材是否完好有效' },
  { no: 6, label: '消防控制室设置、值班人员持证上岗，火灾自动报警、自动喷水灭火、消防给水系统运行情况' },
  { no: 7, label: '防火门、灭火器等设施是否符合消防要求' },
] as const;

export const CHECKLIST_ITEM_NUMBERS: readonly number[] = CHECKLIST_ITEMS.map((item) => item.no);

export const ITEM_OUTCOMES = ['compliant', 'non_compliant', 'not_applicable'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export const RESULT_CATEGORIES = {
  no_problem: '未发现问题',
  corrected: '发现问题已责令改正',
  pending_follow_up: '发现问题待后续处理',
  no_relevant_activity: '未发现本次抽查涉及的经营活动',
  unreachable: '通过登记的住所（经营场所）无法联系',
  uncooperative: '不配合检查情节严重',
  closed_or_deregistered: '已注销/已关闭停业',
} as const;
export type ResultCategory = keyof typeof RESULT_CATEGORIES;
export const RESULT_CATEGORY_CODES = Object.keys(RESULT_CATEGORIES) as ResultCategory[];

/** Categories of a visit that took place: the full checklist must be recorded. */
export const VISITED_CATEGORIES: readonly ResultCategory[] = ['no_problem', 'corrected', 'pending_follow_up'];
/** Categories that mean hazards were found. */
export const HAZARD_CATEGORIES: readonly ResultCategory[] = ['corrected', 'pending_follow_up'];

export const HAZARD_SEVERITIES = { ordinary: '一般火灾隐患', major: '重大火灾隐患' } as const;
export type HazardSeverity = keyof typeof HAZARD_SEVERITIES;

export const CANCELLATION_REASONS = {
  unit_closed: '单位已关闭停业',
  unit_deregistered: '单位已注销',
  /** The draw that created the case was superseded by a recorded redraw. */
  redrawn: '原抽取结果已被重新抽取取代',
} as const;
export type CancellationReason = keyof typeof CANCELLATION_REASONS;

export const REASSIGNMENT_REASONS = {
  illness: '执法人员因病不能参加',
  conflict_of_interest: '新申报的回避情形',
  leave: '执法人员休假',
  other: '其他原因',
} as const;
export type ReassignmentReason = keyof typeof REASSIGNMENT_REASONS;
