/** One problem with one row of an import file, as the brigade's staff read it. */
export interface RowError {
  /** Row number as the spreadsheet shows it (header = 1); 1 for a problem with the header itself. */
  readonly row: number;
  /** The Chinese column header, or null for a problem with the whole row. */
  readonly column: string | null;
  readonly reason: string;
}

/** Reads cells by header; remembers which headers the file lacks. */
export class RowReader {
  private readonly index = new Map<string, number>();
  constructor(headers: readonly string[]) {
    headers.forEach((header, i) => {
      if (!this.index.has(header)) this.index.set(header, i);
    });
  }

  has(header: string): boolean {
    return this.index.has(header);
  }

  cell(cells: readonly string[], header: string): string {
    const i = this.index.get(header);
    return i === undefined ? '' : (cells[i] ?? '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  }
}

export function missingHeaders(reader: RowReader, required: readonly string[]): RowError[] {
  return required.filter((header) => !reader.has(header)).map((header) => ({ row: 1, column: header, reason: `缺少必需的列“${header}”` }));
}

const YES = new Set(['是', 'Y', 'y', '1', 'TRUE', 'true', '√']);
const NO = new Set(['否', 'N', 'n', '0', 'FALSE', 'false', '']);

/** 是/否 cells; undefined when the cell holds neither. Blank reads as 否 only where `blankIs` says so. */
export function parseYesNo(value: string, blankIs?: boolean): boolean | undefined {
  if (value === '' && blankIs !== undefined) return blankIs;
  if (value === '') return undefined;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

export const yesNo = (value: boolean): string => (value ? '是' : '否');

/** Accepts 2026-03-01, 2026/3/1 and 2026.3.1; returns YYYY-MM-DD or undefined. */
export function parseDate(value: string): string | undefined {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** Splits a list cell on Chinese or ASCII semicolons and line breaks. */
export const splitList = (value: string): string[] =>
  value
    .split(/[;；\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
