import type { RiskGrade } from '../inspection/inspection.events';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { validateCreditCode } from './credit-code';
import { isIsoDate } from './iso-date';

export const RISK_GRADE_VALUES: readonly RiskGrade[] = ['A', 'B', 'C', 'D'];
export const UNIT_STATUSES = ['active', 'closed', 'deregistered'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** A unit of the unit directory (检查对象名录库), docs/domain.md §2. */
export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly creditCode: string;
  readonly address: string;
  /** 辖区: the street / township within the district. */
  readonly district: string;
  readonly industry: string;
  readonly isKeyUnit: boolean;
  readonly isCrowdDense: boolean;
  readonly riskGrade: RiskGrade;
  /** 消防安全责任人 */
  readonly responsiblePerson: string;
  /** 消防安全管理人 */
  readonly manager: string;
  readonly contactPhone: string;
  readonly status: UnitStatus;
  /** Date the unit closed or was deregistered; required unless active. */
  readonly statusDate?: string;
}

/** Ids go into the draw's population encoding, so they are restricted to a printable ASCII set. */
export const DIRECTORY_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
const PHONE = /^[0-9+\-() ]{5,20}$/;

const required = (field: string, value: string, label: string): RuleViolation[] =>
  value.trim() === '' ? [violation(field, 'required', `${label}不能为空`)] : [];

/** Field-level checks of one unit record; an empty list means valid. */
export function validateUnit(unit: Unit): RuleViolation[] {
  const errors: RuleViolation[] = [];
  if (!DIRECTORY_ID_PATTERN.test(unit.id)) {
    errors.push(violation('id', 'id-format', '单位编号只能包含字母、数字和 _ . : -，长度1至128'));
  }
  errors.push(...required('name', unit.name, '单位名称'));
  const code = validateCreditCode(unit.creditCode);
  if (!code.valid) errors.push(violation('creditCode', `credit-code-${code.rule}`, code.message));
  errors.push(...required('address', unit.address, '单位地址'));
  errors.push(...required('district', unit.district, '所属辖区'));
  errors.push(...required('industry', unit.industry, '行业类别'));
  if (!RISK_GRADE_VALUES.includes(unit.riskGrade)) {
    errors.push(violation('riskGrade', 'risk-grade', `风险等级应为A、B、C、D之一，实际为“${String(unit.riskGrade)}”`));
  }
  // Imports build these from 是/否 cells; a non-boolean here is a mapping bug worth reporting per field.
  if (typeof unit.isKeyUnit !== 'boolean') errors.push(violation('isKeyUnit', 'boolean', '是否重点单位应为是或否'));
  if (typeof unit.isCrowdDense !== 'boolean') {
    errors.push(violation('isCrowdDense', 'boolean', '是否人员密集场所应为是或否'));
  }
  errors.push(...required('responsiblePerson', unit.responsiblePerson, '消防安全责任人'));
  errors.push(...required('manager', unit.manager, '消防安全管理人'));
  if (!PHONE.test(unit.contactPhone)) {
    errors.push(violation('contactPhone', 'phone', `联系电话格式不正确：“${unit.contactPhone}”`));
  }
  errors.push(...validateStatusFields(unit.status, unit.statusDate));
  return errors;
}

function validateStatusFields(status: UnitStatus, statusDate: string | undefined): RuleViolation[] {
  if (!UNIT_STATUSES.includes(status)) {
    return [violation('status', 'status', `单位状态应为在营、停业关闭或已注销，实际为“${String(status)}”`)];
  }
  if (status === 'active') {
    return statusDate === undefined || isIsoDate(statusDate)
      ? []
      : [violation('statusDate', 'date', `状态日期格式应为YYYY-MM-DD，实际为“${statusDate}”`)];
  }
  if (statusDate === undefined) {
    return [violation('statusDate', 'required', status === 'closed' ? '停业关闭的单位必须填写关闭日期' : '已注销的单位必须填写注销日期')];
  }
  return isIsoDate(statusDate) ? [] : [violation('statusDate', 'date', `状态日期格式应为YYYY-MM-DD，实际为“${statusDate}”`)];
}

/**
 * A status change of an existing unit. Deregistration is final (a re-registered business gets a new
 * record); a closed unit may reopen. Dates may not go backwards.
 */
export function validateUnitStatusChange(
  current: Pick<Unit, 'status' | 'statusDate'>,
  next: UnitStatus,
  date: string,
): RuleViolation[] {
  if (!UNIT_STATUSES.includes(next)) {
    return [violation('status', 'status', `单位状态应为在营、停业关闭或已注销，实际为“${String(next)}”`)];
  }
  if (!isIsoDate(date)) return [violation('statusDate', 'date', `状态日期格式应为YYYY-MM-DD，实际为“${date}”`)];
  if (current.status === 'deregistered') {
    return [violation('status', 'deregistered-final', '单位已注销，不能再变更状态')];
  }
  if (current.status === next) return [violation('status', 'unchanged', '单位状态未发生变化')];
  if (current.statusDate !== undefined && date < current.statusDate) {
    return [violation('statusDate', 'date-order', `状态日期不能早于上次状态变更日期${current.statusDate}`)];
  }
  return [];
}
