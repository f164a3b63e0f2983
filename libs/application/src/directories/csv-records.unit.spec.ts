import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { CsvRecordReader } from './csv-records';

const limits = { maxCellChars: 100, maxLineChars: 1_000 };

function parseChunks(chunks: readonly string[]): string[][] {
  const reader = new CsvRecordReader(limits);
  const out: string[][] = [];
  for (const chunk of chunks) reader.push(chunk, out);
  reader.end(out);
  return out;
}

/** Cuts `text` at the given fractions: a chunk boundary may fall anywhere, inside "" or \r\n too. */
const cut = (text: string, at: readonly number[]): string[] => {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  return [...points, text.length].map((end, i) => text.slice(i === 0 ? 0 : points[i - 1], end));
};

describe('CsvRecordReader', () => {
  it('reads what csv-stringify writes, however the text is cut into chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '='), maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), fc.boolean(), (rows, at, crlf) => {
        const text = stringify(rows, { record_delimiter: crlf ? 'windows' : 'unix', quoted_match: /[\r\n]/ });
        expect(parseChunks(cut(text, at))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('drops a BOM, keeps a last line without a line break', () => {
    expect(parseChunks(['\uFEFFa,b\r\n1,', '2'])).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('refuses broken quotes, overlong cells and lines, naming the row', () => {
    expect(() => parseChunks(['a\n"x"y,1\n'])).toThrow('第2行的引号用法不正确');
    expect(() => parseChunks(['a\nx"y\n'])).toThrow('第2行的引号用法不正确');
    expect(() => parseChunks(['a\n"open\n'])).toThrow('第2行的引号未闭合');
    expect(() => parseChunks(['a\n' + 'x'.repeat(101)])).toThrow('第2行第1列的内容过长（每格最多100个字符）');
    expect(() => parseChunks(['a\n' + 'x,'.repeat(600)])).toThrow('第2行过长（每行最多1000个字符）');
  });
});
