import { violation, type RuleViolation } from '../shared/rule-violation';
import { isIsoDate, monthBounds, rangesOverlap } from './iso-date';
import { DIRECTORY_ID_PATTERN } from './unit';

export interface DateRange {
  /** Inclusive, 'YYYY-MM-DD'. */
  readonly from: string;
  /** Inclusive, 'YYYY-MM-DD'. */
  readonly to: string;
}

/** 回避: a unit this inspector must never be drawn for, and why. */
export interface ConflictOfInterest {
  readonly unitId: string;
  readonly reason: string;
}

/** An inspector of the inspector directory (执法检查人员名录库), docs/domain.md §2. */
export interface Inspector {
  readonly id: string;
  readonly name: string;
  /** 执法证号 */
  readonly certificateNo: string;
  readonly certificateValidFrom: string;
  readonly certificateValidTo: string;
  /** The fire brigade, or another department in a joint check. */
  readonly department: string;
  readonly isFireInspector: boolean;
  /** False for fire-station and auxiliary staff, who may not lead a check (Zhejiang 2025). */
  readonly canLead: boolean;
  readonly leaves: readonly DateRange[];
  readonly conflicts: readonly ConflictOfInterest[];
  readonly active: boolean;
}

const CERTIFICATE_NO = /^[0-9A-Za-z-]{4,32}$/;

/** Field-level checks of one inspector record; an empty list means valid. */
export function validateInspector(inspector: Inspector): RuleViolation[] {
  const errors: RuleViolation[] = [];
  if (!DIRECTORY_ID_PATTERN.test(inspector.id)) {
    errors.push(violation('id', 'id-format', '人员编号只能包含字母、数字和 _ . : -，长度1至128'));
  }
  if (inspector.name.trim() === '') errors.push(violation('name', 'required', '姓名不能为空'));
  if (!CERTIFICATE_NO.test(inspector.certificateNo)) {
    errors.push(violation('certificateNo', 'certificate-format', `执法证号格式不正确：“${inspector.certificateNo}”`));
  }
  const fromOk = isIsoDate(inspector.certificateValidFrom);
  const toOk = isIsoDate(inspector.certificateValidTo);
  if (!fromOk) errors.push(violation('certificateValidFrom', 'date', '执法证有效期起始日期格式应为YYYY-MM-DD'));
  if (!toOk) errors.push(violation('certificateValidTo', 'date', '执法证有效期截止日期格式应为YYYY-MM-DD'));
  if (fromOk && toOk && inspector.certificateValidTo < inspector.certificateValidFrom) {
    errors.push(violation('certificateValidTo', 'date-order', '执法证有效期截止日期不能早于起始日期'));
  }
  if (inspector.department.trim() === '') errors.push(violation('department', 'required', '所属部门不能为空'));
  inspector.leaves.forEach((leave, i) => {
    if (!isIsoDate(leave.from) || !isIsoDate(leave.to)) {
      errors.push(violation(`leaves[${i}]`, 'date', `第${i + 1}段请假日期格式应为YYYY-MM-DD`));
    } else if (leave.to < leave.from) {
      errors.push(violation(`leaves[${i}]`, 'date-order', `第${i + 1}段请假的结束日期不能早于开始日期`));
    }
  });
  const seen = new Set<string>();
  inspector.conflicts.forEach((conflict, i) => {
    if (!DIRECTORY_ID_PATTERN.test(conflict.unitId)) {
      errors.push(violation(`conflicts[${i}].unitId`, 'id-format', `第${i + 1}条回避记录的单位编号格式不正确`));
    }
    if (conflict.reason.trim() === '') {
      errors.push(violation(`conflicts[${i}].reason`, 'required', `第${i + 1}条回避记录必须写明回避原因`));
    }
    if (seen.has(conflict.unitId)) {
      errors.push(violation(`conflicts[${i}].unitId`, 'duplicate', `回避单位“${conflict.unitId}”重复登记`));
    }
    seen.add(conflict.unitId);
  });
  return errors;
}

/**
 * Available for a whole visit month: active, certificate valid on every day of the month, and no leave
 * on any day of it. Deliberately whole-month: a draw assigns a month, not a day, so an inspector who
 * cannot cover the whole month is not drawn (the plan's capacity counts the same inspectors).
 */
export function isInspectorAvailableInMonth(
  inspector: Pick<Inspector, 'active' | 'certificateValidFrom' | 'certificateValidTo' | 'leaves'>,
  month: string,
): boolean {
  const { first, last } = monthBounds(month);
  if (!inspector.active) return false;
  if (inspector.certificateValidFrom > first || inspector.certificateValidTo < last) return false;
  return !inspector.leaves.some((leave) => rangesOverlap(leave.from, leave.to, first, last));
}
