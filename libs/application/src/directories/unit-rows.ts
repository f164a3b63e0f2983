import { normalizeCreditCode, validateUnit, type Unit, type UnitStatus } from '@shuangsui/domain/directory';
import type { RiskGrade } from '@shuangsui/domain';
import { missingHeaders, parseDate, parseYesNo, RowReader, yesNo, type RowError } from './row-parsing';
import type { TableRow } from './tabular-file';

/** The unit directory's columns, in the order brigades keep them and exports write them. */
export const UNIT_COLUMNS = {
  name: '单位名称',
  creditCode: '统一社会信用代码',
  address: '地址',
  district: '所属辖区',
  industry: '行业',
  riskGrade: '风险等级',
  isKeyUnit: '是否重点单位',
  isCrowdDense: '是否人员密集场所',
  responsiblePerson: '消防安全责任人',
  manager: '消防安全管理人',
  contactPhone: '联系电话',
  status: '状态',
  statusDate: '状态日期',
} as const;

export const UNIT_HEADERS: readonly string[] = Object.values(UNIT_COLUMNS);
const OPTIONAL: readonly string[] = [UNIT_COLUMNS.status, UNIT_COLUMNS.statusDate];
export const REQUIRED_UNIT_HEADERS = UNIT_HEADERS.filter((h) => !OPTIONAL.includes(h));

const STATUS_LABELS: Record<UnitStatus, string> = { active: '在营', closed: '停业关闭', deregistered: '已注销' };
const STATUS_BY_LABEL = new Map<string, UnitStatus>([
  ['', 'active'],
  ['在营', 'active'],
  ['正常', 'active'],
  ['存续', 'active'],
  ['停业关闭', 'closed'],
  ['关闭', 'closed'],
  ['停业', 'closed'],
  ['已注销', 'deregistered'],
  ['注销', 'deregistered'],
]);

/** The unit's id is its unified social credit code: unique nationally, and stable across re-imports. */
export const unitIdOf = (creditCode: string): string => creditCode;

export type ParsedRow<T> = { readonly ok: true; readonly row: number; readonly record: T } | { readonly ok: false; readonly errors: RowError[] };

export function unitHeaderErrors(headers: readonly string[]): RowError[] {
  return missingHeaders(new RowReader(headers), REQUIRED_UNIT_HEADERS);
}

/** Turns one row into a unit, or reports every problem of the row with its column. */
export function parseUnitRow(reader: RowReader, { rowNumber, cells }: TableRow): ParsedRow<Unit> {
  const cell = (header: string) => reader.cell(cells, header);
  const errors: RowError[] = [];
  const error = (column: string, reason: string) => errors.push({ row: rowNumber, column, reason });

  const gradeCell = cell(UNIT_COLUMNS.riskGrade).toUpperCase().replace(/级$/, '');
  const isKeyUnit = parseYesNo(cell(UNIT_COLUMNS.isKeyUnit));
  const isCrowdDense = parseYesNo(cell(UNIT_COLUMNS.isCrowdDense));
  const status = STATUS_BY_LABEL.get(cell(UNIT_COLUMNS.status));
  const statusDateCell = cell(UNIT_COLUMNS.statusDate);
  const statusDate = statusDateCell === '' ? undefined : parseDate(statusDateCell);

  if (isKeyUnit === undefined) error(UNIT_COLUMNS.isKeyUnit, `应填“是”或“否”，实际为“${cell(UNIT_COLUMNS.isKeyUnit)}”`);
  if (isCrowdDense === undefined) error(UNIT_COLUMNS.isCrowdDense, `应填“是”或“否”，实际为“${cell(UNIT_COLUMNS.isCrowdDense)}”`);
  if (status === undefined) error(UNIT_COLUMNS.status, `应为在营、停业关闭或已注销，实际为“${cell(UNIT_COLUMNS.status)}”`);
  if (statusDateCell !== '' && statusDate === undefined) error(UNIT_COLUMNS.statusDate, `日期格式应为YYYY-MM-DD，实际为“${statusDateCell}”`);

  const creditCode = normalizeCreditCode(cell(UNIT_COLUMNS.creditCode));
  const base = {
    id: unitIdOf(creditCode),
    name: cell(UNIT_COLUMNS.name),
    creditCode,
    address: cell(UNIT_COLUMNS.address),
    district: cell(UNIT_COLUMNS.district),
    industry: cell(UNIT_COLUMNS.industry),
    isKeyUnit: isKeyUnit ?? false,
    isCrowdDense: isCrowdDense ?? false,
    riskGrade: gradeCell as RiskGrade,
    responsiblePerson: cell(UNIT_COLUMNS.responsiblePerson),
    manager: cell(UNIT_COLUMNS.manager),
    contactPhone: cell(UNIT_COLUMNS.contactPhone),
    status: status ?? 'active',
  };
  const unit: Unit = statusDate === undefined ? base : { ...base, statusDate };
  const alreadyReported = new Set(errors.map((e) => e.column));
  for (const problem of validateUnit(unit)) {
    // The id is the credit code: its problems are reported once, under the credit-code column.
    const field = problem.field === 'id' ? 'creditCode' : problem.field;
    const column = (UNIT_COLUMNS as Record<string, string>)[field] ?? null;
    if (column !== null && alreadyReported.has(column)) continue;
    if (problem.field === 'id' && errors.some((e) => e.column === UNIT_COLUMNS.creditCode)) continue;
    errors.push({ row: rowNumber, column, reason: problem.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, row: rowNumber, record: unit };
}

export function unitToRow(unit: Unit): string[] {
  return [
    unit.name,
    unit.creditCode,
    unit.address,
    unit.district,
    unit.industry,
    unit.riskGrade,
    yesNo(unit.isKeyUnit),
    yesNo(unit.isCrowdDense),
    unit.responsiblePerson,
    unit.manager,
    unit.contactPhone,
    STATUS_LABELS[unit.status],
    unit.statusDate ?? '',
  ];
}

export { RowReader };
