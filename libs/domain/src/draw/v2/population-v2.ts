import { DIRECTORY_ID_PATTERN } from '../../directory/unit';
import { isIsoDate, isIsoMonth } from '../../directory/iso-date';
import { violation, type RuleViolation } from '../../shared/rule-violation';
import type { DrawInspector, DrawUnit, FrozenPopulation } from '../draw.types';
import { sha256Hex } from './hashing';

/** First line of the version-2 encoding (docs/draw-algorithm.md §V2.2). */
export const POPULATION_ENCODING_TAG_V2 = 'shuangsui-draw-population/2';

const GRADES = new Set(['A', 'B', 'C', 'D']);
const MAX_REPORTED = 50;

/** Version 2 orders every list by UTF-16 code units (JavaScript's default string order). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { readonly id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => byCodeUnits(a.id, b.id));

const lastPairText = (pair: readonly [string, string]): string => [...pair].sort(byCodeUnits).join(',');

function unitLineV2(unit: DrawUnit): string {
  return `${unit.id}\t${unit.riskGrade}\t${unit.isKeyUnit ? 'K' : 'N'}\t${unit.lastPair === undefined ? '-' : lastPairText(unit.lastPair)}\n`;
}

function inspectorLineV2(s: DrawInspector): string {
  const leaves = s.leaves.length === 0 ? '-' : s.leaves.map((l) => `${l.from}..${l.to}`).sort(byCodeUnits).join(',');
  const conflicts = s.conflictUnitIds.length === 0 ? '-' : [...s.conflictUnitIds].sort(byCodeUnits).join(',');
  return `${s.id}\t${s.isFireInspector ? 'F' : '-'}\t${s.canLead ? 'L' : '-'}\t${s.certificateValidFrom}\t${s.certificateValidTo}\t${leaves}\t${conflicts}\t${s.priorAssignments}\n`;
}

/** The population with units and inspectors sorted by id and every inner list sorted: the bundle's layout. */
export function canonicalPopulationV2(p: FrozenPopulation): FrozenPopulation {
  return {
    month: p.month,
    quota: p.quota,
    ratiosBp: { A: p.ratiosBp.A, B: p.ratiosBp.B, C: p.ratiosBp.C, D: p.ratiosBp.D },
    jointPlan: p.jointPlan,
    units: byId(p.units).map((u) => (u.lastPair === undefined ? { id: u.id, riskGrade: u.riskGrade, isKeyUnit: u.isKeyUnit } : { id: u.id, riskGrade: u.riskGrade, isKeyUnit: u.isKeyUnit, lastPair: u.lastPair })),
    inspectors: byId(p.inspectors).map((s) => ({
      id: s.id,
      isFireInspector: s.isFireInspector,
      canLead: s.canLead,
      certificateValidFrom: s.certificateValidFrom,
      certificateValidTo: s.certificateValidTo,
      leaves: [...s.leaves].map((l) => ({ from: l.from, to: l.to })).sort((a, b) => byCodeUnits(`${a.from}..${a.to}`, `${b.from}..${b.to}`)),
      conflictUnitIds: [...s.conflictUnitIds].sort(byCodeUnits),
      priorAssignments: s.priorAssignments,
    })),
  };
}

/** The canonical text of §V2.2 (the same lines as version 1 under a new tag). */
export function encodePopulationV2(p: FrozenPopulation): string {
  const { A, B, C, D } = p.ratiosBp;
  const units = byId(p.units);
  const inspectors = byId(p.inspectors);
  const parts = [
    `${POPULATION_ENCODING_TAG_V2}\nmonth\t${p.month}\nquota\t${p.quota}\nratios\t${A}\t${B}\t${C}\t${D}\njoint\t${p.jointPlan ? 1 : 0}\nunits\t${units.length}\n`,
  ];
  for (const u of units) parts.push(unitLineV2(u));
  parts.push(`inspectors\t${inspectors.length}\n`);
  for (const s of inspectors) parts.push(inspectorLineV2(s));
  return parts.join('');
}

export const populationHashV2 = (p: FrozenPopulation): string => sha256Hex(encodePopulationV2(p));

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * Every rule the version-2 freeze enforces (§V2.2): ids match the directory pattern and are unique,
 * grades A–D, booleans are booleans, dates valid, leave ranges not inverted and not repeated, conflicts
 * not repeated, a last pair of two distinct ids, integer quota, ratios and prior loads.
 */
export function validatePopulationV2(p: FrozenPopulation): RuleViolation[] {
  const errors: RuleViolation[] = [];
  let dropped = 0;
  const add = (v: RuleViolation): void => {
    if (errors.length < MAX_REPORTED) errors.push(v);
    else dropped += 1;
  };
  if (typeof p.month !== 'string' || !isIsoMonth(p.month)) add(violation('population.month', 'month', '抽查月份格式应为YYYY-MM'));
  if (!isCount(p.quota)) add(violation('population.quota', 'non-negative-integer', '抽查数应为不小于0的整数'));
  if (typeof p.jointPlan !== 'boolean') add(violation('population.jointPlan', 'boolean', '是否联合抽查应为true或false'));
  for (const grade of ['A', 'B', 'C', 'D'] as const) {
    const bp = p.ratiosBp?.[grade];
    if (!isCount(bp) || (bp as number) > 120000) add(violation(`population.ratiosBp.${grade}`, 'basis-points', `${grade}级抽查比例应为0至120000之间的整数（万分比）`));
  }
  if (!Array.isArray(p.units) || !Array.isArray(p.inspectors)) {
    add(violation('population', 'layout', '名录应包含units和inspectors两个数组'));
    return errors;
  }
  const unitIds = new Set<string>();
  p.units.forEach((u, i) => {
    const at = `population.units[${i}]`;
    if (typeof u !== 'object' || u === null) return add(violation(at, 'layout', `第${i + 1}家单位记录格式不正确`));
    if (typeof u.id !== 'string' || !DIRECTORY_ID_PATTERN.test(u.id)) add(violation(`${at}.id`, 'id-format', `第${i + 1}家单位编号格式不正确`));
    else if (unitIds.has(u.id)) add(violation(`${at}.id`, 'duplicate', `单位编号“${u.id}”重复`));
    unitIds.add(u.id);
    if (!GRADES.has(u.riskGrade)) add(violation(`${at}.riskGrade`, 'risk-grade', `单位“${u.id}”风险等级无效`));
    if (typeof u.isKeyUnit !== 'boolean') add(violation(`${at}.isKeyUnit`, 'boolean', `单位“${u.id}”是否重点单位应为true或false`));
    const pair = u.lastPair;
    if (pair !== undefined && (!Array.isArray(pair) || pair.length !== 2 || !pair.every((x) => typeof x === 'string' && DIRECTORY_ID_PATTERN.test(x)) || pair[0] === pair[1])) {
      add(violation(`${at}.lastPair`, 'pair', `单位“${u.id}”上次检查人员组合应为两个不同的执法人员编号`));
    }
  });
  const inspectorIds = new Set<string>();
  p.inspectors.forEach((s, i) => {
    const at = `population.inspectors[${i}]`;
    if (typeof s !== 'object' || s === null) return add(violation(at, 'layout', `第${i + 1}名执法人员记录格式不正确`));
    if (!Array.isArray(s.leaves) || !Array.isArray(s.conflictUnitIds)) return add(violation(at, 'layout', `执法人员“${String(s.id)}”应有leaves和conflictUnitIds两个数组`));
    if (typeof s.id !== 'string' || !DIRECTORY_ID_PATTERN.test(s.id)) add(violation(`${at}.id`, 'id-format', `第${i + 1}名执法人员编号格式不正确`));
    else if (inspectorIds.has(s.id)) add(violation(`${at}.id`, 'duplicate', `执法人员编号“${s.id}”重复`));
    inspectorIds.add(s.id);
    if (typeof s.isFireInspector !== 'boolean' || typeof s.canLead !== 'boolean') add(violation(`${at}.flags`, 'boolean', `执法人员“${s.id}”的身份标记应为true或false`));
    if (!isIsoDate(s.certificateValidFrom) || !isIsoDate(s.certificateValidTo) || s.certificateValidTo < s.certificateValidFrom) {
      add(violation(`${at}.certificate`, 'date-range', `执法人员“${s.id}”执法证有效期无效（日期格式或起止颠倒）`));
    }
    const leaves = new Set<string>();
    s.leaves.forEach((leave: { from: string; to: string }, j: number) => {
      const key = `${leave.from}..${leave.to}`;
      if (!isIsoDate(leave.from) || !isIsoDate(leave.to) || leave.to < leave.from) add(violation(`${at}.leaves[${j}]`, 'date-range', `执法人员“${s.id}”第${j + 1}段请假日期无效或起止颠倒`));
      else if (leaves.has(key)) add(violation(`${at}.leaves[${j}]`, 'duplicate', `执法人员“${s.id}”第${j + 1}段请假重复`));
      leaves.add(key);
    });
    const conflicts = new Set<string>();
    s.conflictUnitIds.forEach((unitId: string, j: number) => {
      if (typeof unitId !== 'string' || !DIRECTORY_ID_PATTERN.test(unitId) || conflicts.has(unitId)) add(violation(`${at}.conflictUnitIds[${j}]`, 'id', `执法人员“${s.id}”回避单位编号无效或重复`));
      conflicts.add(unitId);
    });
    if (!isCount(s.priorAssignments)) add(violation(`${at}.priorAssignments`, 'non-negative-integer', `执法人员“${s.id}”已分配检查数应为不小于0的整数`));
  });
  if (dropped > 0) errors.push(violation('population', 'more-errors', `另有${dropped}处错误未列出`));
  return errors;
}
