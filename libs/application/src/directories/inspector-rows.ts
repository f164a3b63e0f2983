import { validateInspector, type ConflictOfInterest, type DateRange, type Inspector } from '@shuangsui/domain/directory';
import { missingHeaders, parseDate, parseYesNo, RowReader, splitList, yesNo, type RowError } from './row-parsing';
import type { TableRow } from './tabular-file';
import type { ParsedRow } from './unit-rows';

export const INSPECTOR_COLUMNS = {
  id: '人员编号',
  name: '姓名',
  certificateNo: '执法证号',
  certificateValidFrom: '证件有效期起',
  certificateValidTo: '证件有效期止',
  department: '所属部门',
  isFireInspector: '是否消防执法人员',
  canLead: '可担任主办',
  active: '在岗状态',
  leaves: '请假时段',
  conflicts: '回避单位',
} as const;

export const INSPECTOR_HEADERS: readonly string[] = Object.values(INSPECTOR_COLUMNS);
export const REQUIRED_INSPECTOR_HEADERS: readonly string[] = [
  INSPECTOR_COLUMNS.name,
  INSPECTOR_COLUMNS.certificateNo,
  INSPECTOR_COLUMNS.certificateValidFrom,
  INSPECTOR_COLUMNS.certificateValidTo,
  INSPECTOR_COLUMNS.department,
];

/** Without a 人员编号 column the certificate number names the inspector (a renewed certificate is a new record). */
export const inspectorIdOf = (certificateNo: string): string => `insp-${certificateNo}`;

export function inspectorHeaderErrors(headers: readonly string[]): RowError[] {
  return missingHeaders(new RowReader(headers), REQUIRED_INSPECTOR_HEADERS);
}

const LEAVE = /^(.+?)\s*(?:至|~|～|--)\s*(.+)$/;
const CONFLICT = /^([^:：]+)[:：](.+)$/;

export function parseInspectorRow(reader: RowReader, { rowNumber, cells }: TableRow): ParsedRow<Inspector> {
  const cell = (header: string) => reader.cell(cells, header);
  const errors: RowError[] = [];
  const error = (column: string, reason: string) => errors.push({ row: rowNumber, column, reason });
  const C = INSPECTOR_COLUMNS;

  const dateOf = (column: string): string => {
    const raw = cell(column);
    const parsed = parseDate(raw);
    if (parsed === undefined) error(column, raw === '' ? `${column}不能为空` : `日期格式应为YYYY-MM-DD，实际为“${raw}”`);
    return parsed ?? raw;
  };
  const department = cell(C.department);
  const isFireInspector = parseYesNo(cell(C.isFireInspector), department.includes('消防'));
  const canLead = parseYesNo(cell(C.canLead), true);
  const activeCell = cell(C.active);
  const active = activeCell === '' || activeCell === '在岗' ? true : activeCell === '离岗' || activeCell === '停用' ? false : undefined;
  if (isFireInspector === undefined) error(C.isFireInspector, `应填“是”或“否”，实际为“${cell(C.isFireInspector)}”`);
  if (canLead === undefined) error(C.canLead, `应填“是”或“否”，实际为“${cell(C.canLead)}”`);
  if (active === undefined) error(C.active, `应为在岗或离岗，实际为“${activeCell}”`);

  const leaves: DateRange[] = [];
  for (const part of splitList(cell(C.leaves))) {
    const match = LEAVE.exec(part);
    const from = match ? parseDate(match[1]!.trim()) : undefined;
    const to = match ? parseDate(match[2]!.trim()) : undefined;
    if (from === undefined || to === undefined) error(C.leaves, `请假时段应写作“2026-03-01至2026-03-10”，实际为“${part}”`);
    else leaves.push({ from, to });
  }
  const conflicts: ConflictOfInterest[] = [];
  for (const part of splitList(cell(C.conflicts))) {
    const match = CONFLICT.exec(part);
    if (!match) error(C.conflicts, `回避单位应写作“单位编号:回避原因”，实际为“${part}”`);
    else conflicts.push({ unitId: match[1]!.trim().toUpperCase(), reason: match[2]!.trim() });
  }

  const certificateNo = cell(C.certificateNo);
  const inspector: Inspector = {
    id: cell(C.id) || inspectorIdOf(certificateNo),
    name: cell(C.name),
    certificateNo,
    certificateValidFrom: dateOf(C.certificateValidFrom),
    certificateValidTo: dateOf(C.certificateValidTo),
    department,
    isFireInspector: isFireInspector ?? false,
    canLead: canLead ?? true,
    leaves,
    conflicts,
    active: active ?? true,
  };
  const reported = new Set(errors.map((e) => e.column));
  for (const problem of validateInspector(inspector)) {
    const field = problem.field.replace(/\[.*$/, '');
    const column = (C as Record<string, string>)[field] ?? null;
    if (column !== null && reported.has(column)) continue;
    errors.push({ row: rowNumber, column, reason: problem.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, row: rowNumber, record: inspector };
}

export function inspectorToRow(inspector: Inspector): string[] {
  return [
    inspector.id,
    inspector.name,
    inspector.certificateNo,
    inspector.certificateValidFrom,
    inspector.certificateValidTo,
    inspector.department,
    yesNo(inspector.isFireInspector),
    yesNo(inspector.canLead),
    inspector.active ? '在岗' : '离岗',
    inspector.leaves.map((leave) => `${leave.from}至${leave.to}`).join('；'),
    inspector.conflicts.map((conflict) => `${conflict.unitId}:${conflict.reason}`).join('；'),
  ];
}
