import { violation, type RuleViolation } from '../shared/rule-violation';
import { CHECKLIST_ITEM_NUMBERS, HAZARD_CATEGORIES, VISITED_CATEGORIES } from './checklist';
import type { InspectionResultRecordedData, RectificationOrderIssuedData } from './inspection.events';

/**
 * The lifecycle's business rules as pure checks. The machine's guards call them (so the machine
 * decides), and the decider calls them again to explain a refusal field by field.
 */

export function checkInspectorPair(inspectorIds: readonly string[]): RuleViolation | null {
  if (inspectorIds.length !== 2 || inspectorIds[0] === inspectorIds[1]) {
    return violation('inspectorIds', 'exactlyTwoDistinct', '每次检查须由两名不同的执法人员实施');
  }
  return null;
}

export function checkReassignment(current: readonly string[], next: readonly string[]): RuleViolation | null {
  const pair = checkInspectorPair(next);
  if (pair) return pair;
  if (next.every((id) => current.includes(id))) {
    return violation('inspectorIds', 'mustChangePair', '重新指派的执法人员与当前人员相同');
  }
  return null;
}

export function checkReviewer(reviewerId: string, inspectorIds: readonly string[]): RuleViolation | null {
  if (inspectorIds.includes(reviewerId)) {
    return violation('reviewerId', 'notOwnInspector', '审核人不得为本案的检查人员');
  }
  return null;
}

/** An inspector may only act on a case they are assigned to (DOMAIN.md §2). */
export function checkAssignedInspector(actor: { readonly id: string; readonly role: string } | undefined, inspectorIds: readonly string[]): RuleViolation | null {
  if (actor?.role === 'inspector' && !inspectorIds.includes(actor.id)) {
    return violation('actor', 'assignedInspector', `执法人员 ${actor.id} 不是本案的检查人员，不能办理本案`);
  }
  return null;
}

/** Every evidence hash a result references, each once, in the order of the items. */
export function referencedEvidence(result: Pick<InspectionResultRecordedData, 'items'>): readonly string[] {
  return [...new Set(result.items.flatMap((item) => (item.evidence ?? []).map((file) => file.sha256)))];
}

/** A result may reference only evidence files already uploaded (`stored`: the hashes the store holds). */
export function checkEvidenceStored(result: Pick<InspectionResultRecordedData, 'items'>, stored: readonly string[]): RuleViolation | null {
  const held = new Set(stored);
  for (const [index, item] of result.items.entries()) {
    const missing = (item.evidence ?? []).find((file) => !held.has(file.sha256));
    if (missing) {
      return violation(`items[${index}].evidence`, 'evidenceUploaded', `第${item.item}项引用的证据文件“${missing.fileName}”（SHA-256 ${missing.sha256}）尚未上传，请先通过 POST /evidence 上传`);
    }
  }
  return null;
}

export function checkResult(result: InspectionResultRecordedData): RuleViolation | null {
  const visited = VISITED_CATEGORIES.includes(result.category);
  const recordedItems = result.items.map((item) => item.item);
  if (visited) {
    const missing = CHECKLIST_ITEM_NUMBERS.filter((no) => !recordedItems.includes(no));
    if (missing.length > 0 || recordedItems.length !== CHECKLIST_ITEM_NUMBERS.length) {
      return violation('items', 'allSevenItems', `实地检查须逐项记录全部7项检查内容（缺少第${missing.join('、') || '?'}项或有重复）`);
    }
  } else {
    if (!result.notInspectedReason?.trim()) {
      return violation('notInspectedReason', 'required', '未能实施检查的，须说明原因');
    }
    if (result.hazards.length > 0) {
      return violation('hazards', 'noHazardsWithoutVisit', '未实施检查的结果不能记录火灾隐患');
    }
  }
  const hazardCategory = HAZARD_CATEGORIES.includes(result.category);
  if (result.hazards.length > 0 && !hazardCategory) {
    return violation('category', 'hazardCategory', '发现火灾隐患的，检查结果须为“发现问题已责令改正”或“发现问题待后续处理”');
  }
  if (hazardCategory && result.hazards.length === 0) {
    return violation('hazards', 'requiredForCategory', '检查结果为“发现问题”的，须记录至少一处火灾隐患');
  }
  if (result.category === 'corrected' && result.hazards.some((hazard) => !hazard.correctedOnSite)) {
    return violation('category', 'allCorrectedOnSite', '存在未当场改正的隐患，检查结果应为“发现问题待后续处理”');
  }
  if (result.category === 'pending_follow_up' && result.hazards.every((hazard) => hazard.correctedOnSite)) {
    return violation('category', 'someUncorrected', '隐患均已当场改正，检查结果应为“发现问题已责令改正”');
  }
  const nonCompliant = new Set(result.items.filter((item) => item.outcome === 'non_compliant').map((item) => item.item));
  const stray = result.hazards.find((hazard) => !nonCompliant.has(hazard.item));
  if (stray) {
    return violation('hazards', 'itemNonCompliant', `隐患“${stray.description}”所属的第${stray.item}项未记录为不符合`);
  }
  const ids = result.hazards.map((hazard) => hazard.id);
  if (new Set(ids).size !== ids.length) {
    return violation('hazards', 'uniqueIds', '隐患编号重复');
  }
  return null;
}

export function checkRectificationOrder(order: RectificationOrderIssuedData): RuleViolation | null {
  if (order.deadline <= order.issuedOn) {
    return violation('deadline', 'afterIssueDate', '整改期限须晚于责令改正通知书的签发日期');
  }
  return null;
}
