import { stringify } from 'csv-stringify';
import { spreadsheetCell } from '@shuangsui/application';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DISCLOSURE_COLUMNS, DISCLOSURE_HEADERS } from './disclosure-columns';
import type { DisclosureRecord } from './disclosure-reader.port';

/** Both writers pull records one at a time and wait for the client, so memory stays flat. */

async function* csvRows(records: AsyncIterable<DisclosureRecord>): AsyncIterable<(string | number)[]> {
  let rowNumber = 0;
  for await (const record of records) {
    rowNumber += 1;
    yield DISCLOSURE_COLUMNS.map((column) => spreadsheetCell(column.value(record, rowNumber), 'csv'));
  }
}

/** UTF-8 with BOM and CRLF: what Excel on Windows needs to open Chinese text correctly. */
export async function writeCsv(records: AsyncIterable<DisclosureRecord>, out: Writable): Promise<void> {
  await pipeline(Readable.from(csvRows(records)), stringify({ bom: true, header: true, columns: [...DISCLOSURE_HEADERS], record_delimiter: 'windows' }), out);
}

export const XLSX_SHEET_NAME = '抽查结果公示';

export async function writeXlsx(records: AsyncIterable<DisclosureRecord>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(XLSX_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = DISCLOSURE_COLUMNS.map(({ key, header, width }) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rowNumber = 0;
  for await (const record of records) {
    rowNumber += 1;
    sheet.addRow(DISCLOSURE_COLUMNS.map((column) => spreadsheetCell(column.value(record, rowNumber), 'xlsx'))).commit();
    // The zip stream does not push back on rows; waiting for the socket keeps memory bounded.
    if (rowNumber % 200 === 0 && out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}
