import { DIRECTORY_ID_PATTERN } from '../directory/unit';
import { isIsoDate, isIsoMonth } from '../directory/iso-date';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { duplicateIds } from './population-encoding';
import { WITNESS_KINDS, type DrawInput, type FrozenPopulation } from './draw.types';

const HEX64 = /^[0-9a-f]{64}$/;
const GRADES = new Set(['A', 'B', 'C', 'D']);
/** More than this many problems and the rest are summarised: a broken 1 M-unit file must not produce 1 M messages. */
const MAX_REPORTED = 50;

/**
 * Everything the encoding and the algorithm assume: ASCII ids without separators, valid dates,
 * integer parameters, unique ids, enough witness inputs. Returns field-level problems.
 */
export function validateDrawInput(input: DrawInput): RuleViolation[] {
  const errors: RuleViolation[] = [];
  if (!HEX64.test(input.secret)) errors.push(violation('secret', 'hex64', '种子原文应为64位小写十六进制字符'));
  if (!HEX64.test(input.commitment)) errors.push(violation('commitment', 'hex64', '种子承诺值应为64位小写十六进制字符'));
  if (!HEX64.test(input.populationHash)) errors.push(violation('populationHash', 'hex64', '名录哈希应为64位小写十六进制字符'));
  const min = input.minWitnessInputs ?? 1;
  if (!Number.isInteger(min) || min < 0) errors.push(violation('minWitnessInputs', 'non-negative-integer', '公开输入最少个数应为不小于0的整数'));
  input.witnessInputs.forEach((w, i) => {
    if (!WITNESS_KINDS.includes(w.kind)) errors.push(violation(`witnessInputs[${i}].kind`, 'kind', `第${i + 1}个公开输入的类型无效`));
    if (w.source.trim() === '') errors.push(violation(`witnessInputs[${i}].source`, 'required', `第${i + 1}个公开输入必须记录提供者`));
    if (w.value.trim() === '') errors.push(violation(`witnessInputs[${i}].value`, 'required', `第${i + 1}个公开输入的值不能为空`));
  });
  errors.push(...validatePopulation(input.population));
  return errors;
}

export function validatePopulation(p: FrozenPopulation): RuleViolation[] {
  const errors: RuleViolation[] = [];
  let dropped = 0;
  const add = (v: RuleViolation): void => {
    if (errors.length < MAX_REPORTED) errors.push(v);
    else dropped += 1;
  };
  if (!isIsoMonth(p.month)) add(violation('population.month', 'month', '抽查月份格式应为YYYY-MM'));
  if (!Number.isInteger(p.quota) || p.quota < 0) add(violation('population.quota', 'non-negative-integer', '抽查数应为不小于0的整数'));
  for (const grade of ['A', 'B', 'C', 'D'] as const) {
    const bp = p.ratiosBp[grade];
    if (!Number.isInteger(bp) || bp < 0 || bp > 120000) {
      add(violation(`population.ratiosBp.${grade}`, 'basis-points', `${grade}级抽查比例应为0至120000之间的整数（万分比）`));
    }
  }
  p.units.forEach((u, i) => {
    if (!DIRECTORY_ID_PATTERN.test(u.id)) add(violation(`population.units[${i}].id`, 'id-format', `第${i + 1}家单位编号格式不正确`));
    if (!GRADES.has(u.riskGrade)) add(violation(`population.units[${i}].riskGrade`, 'risk-grade', `单位“${u.id}”风险等级无效`));
    if (u.lastPair !== undefined && (!DIRECTORY_ID_PATTERN.test(u.lastPair[0]) || !DIRECTORY_ID_PATTERN.test(u.lastPair[1]) || u.lastPair[0] === u.lastPair[1])) {
      add(violation(`population.units[${i}].lastPair`, 'pair', `单位“${u.id}”上次检查人员组合无效`));
    }
  });
  const inspectorIds = new Set<string>();
  p.inspectors.forEach((s, i) => {
    const at = `population.inspectors[${i}]`;
    if (!DIRECTORY_ID_PATTERN.test(s.id)) add(violation(`${at}.id`, 'id-format', `第${i + 1}名执法人员编号格式不正确`));
    else if (inspectorIds.has(s.id)) add(violation(`${at}.id`, 'duplicate', `执法人员编号“${s.id}”重复`));
    inspectorIds.add(s.id);
    if (!isIsoDate(s.certificateValidFrom) || !isIsoDate(s.certificateValidTo)) {
      add(violation(`${at}.certificate`, 'date', `执法人员“${s.id}”执法证有效期日期格式不正确`));
    }
    s.leaves.forEach((leave, j) => {
      if (!isIsoDate(leave.from) || !isIsoDate(leave.to) || leave.to < leave.from) {
        add(violation(`${at}.leaves[${j}]`, 'date-range', `执法人员“${s.id}”第${j + 1}段请假日期无效`));
      }
    });
    const seen = new Set<string>();
    s.conflictUnitIds.forEach((unitId, j) => {
      if (!DIRECTORY_ID_PATTERN.test(unitId) || seen.has(unitId)) {
        add(violation(`${at}.conflictUnitIds[${j}]`, 'id', `执法人员“${s.id}”回避单位编号无效或重复`));
      }
      seen.add(unitId);
    });
    if (!Number.isInteger(s.priorAssignments) || s.priorAssignments < 0) {
      add(violation(`${at}.priorAssignments`, 'non-negative-integer', `执法人员“${s.id}”已分配检查数应为不小于0的整数`));
    }
  });
  for (const id of duplicateIds(p.units)) add(violation('population.units', 'duplicate', `单位编号“${id}”重复`));
  if (dropped > 0) errors.push(violation('population', 'more-errors', `另有${dropped}处错误未列出`));
  return errors;
}
