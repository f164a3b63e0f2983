import { UnsupportedFileError } from './unsupported-file.error';

export interface CsvLimits {
  /** Characters in one cell. */
  readonly maxCellChars: number;
  /** Characters in one record (a line, or several when a quoted cell holds line breaks). */
  readonly maxLineChars: number;
}

/** The characters that end an unquoted run: found by the regex engine, not one by one in JavaScript. */
const SPECIAL = /[,\r\n"]/g;

/**
 * RFC 4180 CSV, fed text chunk by chunk. csv-parse reads 6–8 MB/s here (one JavaScript step per
 * character); this reader lets indexOf and a regex find the next comma, quote or line break, and
 * stops at the first cell or line past the limits, so a 50 MB file without line breaks costs
 * nothing. Records are numbered as a spreadsheet numbers rows (the header is 1).
 */
export class CsvRecordReader {
  private carry = '';
  private field = '';
  private record: string[] = [];
  private recordChars = 0;
  private quoted = false;
  private afterQuote = false;
  private unquotedStarted = false;
  private started = false;
  private skipLf = false;
  private first = true;
  private row = 1;

  constructor(private readonly limits: CsvLimits) {}

  /** Parses `text`, appending every record it completes to `out`. */
  push(text: string, out: string[][]): void {
    let s = this.carry + text;
    this.carry = '';
    if (this.first && s.length > 0) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // Excel's UTF-8 BOM
    }
    let i = 0;
    if (this.skipLf && s.length > 0) {
      if (s[0] === '\n') i = 1;
      this.skipLf = false;
    }
    while (i < s.length) {
      if (this.quoted) {
        const quote = s.indexOf('"', i);
        if (quote === -1) return this.append(s.slice(i));
        this.append(s.slice(i, quote));
        if (quote + 1 === s.length) {
          this.carry = '"'; // a doubled quote may continue in the next chunk
          return;
        }
        if (s[quote + 1] === '"') {
          this.append('"');
          i = quote + 2;
        } else {
          this.quoted = false;
          this.afterQuote = true;
          i = quote + 1;
        }
        continue;
      }
      SPECIAL.lastIndex = i;
      const match = SPECIAL.exec(s);
      const end = match ? match.index : s.length;
      if (this.afterQuote && end > i) throw this.quoteError();
      if (end > i) {
        this.append(s.slice(i, end));
        this.unquotedStarted = true;
      }
      if (!match) return;
      const char = s[end];
      if (char === '"') {
        if (this.unquotedStarted || this.afterQuote) throw this.quoteError();
        this.quoted = true;
        this.started = true;
        i = end + 1;
        continue;
      }
      this.endField();
      if (char === ',') {
        this.started = true;
        this.recordChars += 1;
        if (this.recordChars > this.limits.maxLineChars) throw this.lineError();
        i = end + 1;
        continue;
      }
      this.endRecord(out);
      if (char === '\r') {
        if (end + 1 === s.length) {
          this.skipLf = true;
          return;
        }
        i = s[end + 1] === '\n' ? end + 2 : end + 1;
      } else i = end + 1;
    }
  }

  /** The end of the file: the last record may lack its line break; an open quote is an error. */
  end(out: string[][]): void {
    if (this.carry === '"') {
      this.carry = '';
      this.quoted = false;
    }
    if (this.quoted) throw new UnsupportedFileError(`CSV 文件第${this.row}行的引号未闭合`);
    if (this.started || this.record.length > 0) {
      this.endField();
      this.endRecord(out);
    }
  }

  private append(part: string): void {
    if (part.length === 0) return;
    this.field += part;
    this.started = true;
    this.recordChars += part.length;
    if (this.field.length > this.limits.maxCellChars) {
      throw new UnsupportedFileError(`CSV 文件第${this.row}行第${this.record.length + 1}列的内容过长（每格最多${this.limits.maxCellChars}个字符）`);
    }
    if (this.recordChars > this.limits.maxLineChars) throw this.lineError();
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.unquotedStarted = false;
    this.afterQuote = false;
  }

  private endRecord(out: string[][]): void {
    out.push(this.record);
    this.record = [];
    this.recordChars = 0;
    this.started = false;
    this.row += 1;
  }

  private lineError(): UnsupportedFileError {
    return new UnsupportedFileError(`CSV 文件第${this.row}行过长（每行最多${this.limits.maxLineChars}个字符），可能缺少换行或引号未闭合`);
  }

  private quoteError(): UnsupportedFileError {
    return new UnsupportedFileError(`CSV 文件第${this.row}行的引号用法不正确（引号须包住整格，格内的引号写成两个连续的双引号）`);
  }
}
