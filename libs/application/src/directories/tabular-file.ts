import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

/** The two file formats brigades keep their directories in. */
export type TableFormat = 'csv' | 'xlsx';

export interface TableRow {
  /** As a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
}

export class UnsupportedFileError extends Error {
  override readonly name = 'UnsupportedFileError';
}

export function formatFromFileName(fileName: string): TableFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new UnsupportedFileError(`不支持的文件类型“${fileName}”：请使用 .csv 或 .xlsx 文件`);
}

/** ZIP local-file magic: an .xlsx is a ZIP; anything else is read as CSV text. */
export function sniffFormat(content: Buffer): TableFormat {
  return content.length >= 4 && content.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
}

const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

export async function readTable(content: Buffer, format: TableFormat = sniffFormat(content)): Promise<Table> {
  return format === 'csv' ? readCsv(content) : readXlsx(content);
}

function readCsv(content: Buffer): Table {
  let records: string[][];
  try {
    // bom: Excel writes UTF-8 CSV with a BOM; relax_column_count: a short row is a row error, not a file error.
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new UnsupportedFileError(`CSV 文件无法解析：${error instanceof Error ? error.message : String(error)}`);
  }
  const [headers = [], ...body] = records;
  const rows: TableRow[] = [];
  body.forEach((cells, index) => {
    if (!isBlank(cells)) rows.push({ rowNumber: index + 2, cells });
  });
  return { headers: headers.map((h) => h.trim()), rows };
}

/** Dates as YYYY-MM-DD (exceljs gives UTC midnight), numbers as written, rich text and formulas as their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function readXlsx(content: Buffer): Promise<Table> {
  // The streaming reader keeps memory flat for 100,000-row files.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let headers: string[] = [];
  const rows: TableRow[] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]));
        if (row.number === 1) headers = cells.map((h) => h.trim());
        else if (!isBlank(cells)) rows.push({ rowNumber: row.number, cells });
      }
      break; // the first worksheet only
    }
  } catch (error) {
    throw new UnsupportedFileError(`Excel 文件无法解析：${error instanceof Error ? error.message : String(error)}`);
  }
  return { headers, rows };
}

export async function writeTable(headers: readonly string[], rows: readonly (readonly string[])[], format: TableFormat): Promise<Buffer> {
  if (format === 'csv') {
    // With a BOM, Excel opens UTF-8 Chinese text correctly.
    return Buffer.from('\uFEFF' + stringify([headers as string[], ...(rows as string[][])]), 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow(headers as string[]);
  for (const row of rows) sheet.addRow(row as string[]);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
