/**
 * The one rule for text written into files people open in a spreadsheet (CSV injection, OWASP).
 *
 * A CSV cell that starts with = + - @ (or a tab/CR) runs as a formula when the file is opened:
 * `=HYPERLINK("http://…","点击")` in a unit name would become a live link. Such a cell gets a leading
 * apostrophe, which spreadsheets read as "this is text". An XLSX cell written from a string is a
 * typed text cell that never runs, so it is written as it is (an apostrophe would show).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetCell<T extends string | number>(value: T, format: 'csv' | 'xlsx'): T | string {
  return format === 'csv' && typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Reading a CSV back (a directory export re-imported): the apostrophe spreadsheetCell added goes again. */
export function fromSpreadsheetCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
