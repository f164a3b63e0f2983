import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fromSpreadsheetCell, spreadsheetCell } from '../spreadsheet/spreadsheet-cell';
import { CsvRecordReader } from './csv-records';
import { UnsupportedFileError } from './unsupported-file.error';

export { UnsupportedFileError };

/** The two file formats brigades keep their directories in. */
export type TableFormat = 'csv' | 'xlsx';

/** File contents in memory (CLI, tests) or a file on disk (an upload streamed to a temporary file). */
export type TableSource = Buffer | { readonly path: string };

export interface TableRow {
  /** As a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
}

/**
 * What a directory file may hold. Real directories are far inside (100,000 rows, 13 columns, the
 * longest cell an address); a file beyond is refused whole, with the limit in the message, before
 * it can fill memory.
 */
export const TABLE_LIMITS = { maxRows: 200_000, maxColumns: 100, maxCellChars: 4_096, maxLineChars: 65_536 } as const;

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

async function sniffSource(source: TableSource): Promise<TableFormat> {
  if (Buffer.isBuffer(source)) return sniffFormat(source);
  const file = await open(source.path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return sniffFormat(head.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

/** 64 KB at a time either way, so no single parse step holds the event loop. */
function streamOf(source: TableSource): Readable {
  if (!Buffer.isBuffer(source)) return createReadStream(source.path, { highWaterMark: 64 * 1024 });
  return Readable.from(
    (function* () {
      for (let at = 0; at < source.length; at += 64 * 1024) yield source.subarray(at, at + 64 * 1024);
    })(),
  );
}

const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

/**
 * Reads the first sheet as text rows, streaming: the parser works chunk by chunk and the loop gives
 * the event loop a turn every few hundred rows, so a large import does not stall other requests.
 */
export async function readTable(source: TableSource, format?: TableFormat): Promise<Table> {
  const chosen = format ?? (await sniffSource(source));
  const collector = new TableCollector();
  if (chosen === 'csv') await readCsv(streamOf(source), collector);
  else await readXlsx(streamOf(source), collector);
  return collector.table();
}

/** Applies the limits as rows arrive; the header is row 1. */
class TableCollector {
  private headers: string[] = [];
  private readonly rows: TableRow[] = [];

  async add(rowNumber: number, cells: string[]): Promise<void> {
    if (cells.length > TABLE_LIMITS.maxColumns) throw new UnsupportedFileError(`文件第${rowNumber}行有${cells.length}列，超过上限${TABLE_LIMITS.maxColumns}列`);
    const long = cells.findIndex((cell) => cell.length > TABLE_LIMITS.maxCellChars);
    if (long >= 0) throw new UnsupportedFileError(`文件第${rowNumber}行第${long + 1}列的内容过长（每格最多${TABLE_LIMITS.maxCellChars}个字符）`);
    if (rowNumber === 1) this.headers = cells.map((h) => h.trim());
    else if (!isBlank(cells)) {
      if (this.rows.length >= TABLE_LIMITS.maxRows) throw new UnsupportedFileError(`文件的数据行超过上限${TABLE_LIMITS.maxRows}行，请分多个文件导入`);
      this.rows.push({ rowNumber, cells });
    }
    if (rowNumber % 500 === 0) await nextTurn();
  }

  table(): Table {
    return { headers: this.headers, rows: this.rows };
  }
}

async function readCsv(input: Readable, collector: TableCollector): Promise<void> {
  // fatal: a GBK file is refused with a clear message instead of imported as garbled text.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = new CsvRecordReader(TABLE_LIMITS);
  const records: string[][] = [];
  let rowNumber = 0;
  const take = async (): Promise<void> => {
    for (const record of records) {
      rowNumber += 1;
      await collector.add(rowNumber, record.map(fromSpreadsheetCell));
    }
    records.length = 0;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      reader.push(decoder.decode(chunk, { stream: true }), records);
      await take();
    }
    reader.push(decoder.decode(), records);
    reader.end(records);
    await take();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new UnsupportedFileError(`CSV 文件不是 UTF-8 编码（第${rowNumber + 1}行附近）：请在 Excel 中另存为“CSV UTF-8”后再导入`);
    }
    throw error;
  } finally {
    input.destroy();
  }
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

async function readXlsx(input: Readable, collector: TableCollector): Promise<void> {
  // The streaming reader keeps memory flat for 100,000-row files.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]));
        await collector.add(row.number, cells);
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof UnsupportedFileError) throw error;
    throw new UnsupportedFileError('Excel 文件无法解析：不是有效的 .xlsx 文件，或文件已损坏');
  } finally {
    input.destroy();
  }
}

export async function writeTable(headers: readonly string[], rows: readonly (readonly string[])[], format: TableFormat): Promise<Buffer> {
  const safe = rows.map((row) => row.map((cell) => spreadsheetCell(cell, format)));
  if (format === 'csv') {
    // With a BOM, Excel opens UTF-8 Chinese text correctly; a lone CR is quoted too, or a reader ends the row there.
    return Buffer.from('\uFEFF' + stringify([headers as string[], ...safe], { quoted_match: /\r/ }), 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow(headers as string[]);
  for (const row of safe) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
