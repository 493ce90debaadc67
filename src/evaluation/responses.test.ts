import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.js';
import type { ScaleSpec } from './model.js';
import { responsesFromCsv } from './responses.js';

const SPEC: ScaleSpec = {
  scale: { min: 1, max: 5 },
  factors: [
    { id: 'A', items: ['A1', 'A2'], reversed: ['A2'] },
    { id: 'B', items: ['B1'], reversed: [] },
  ],
};

function errorOf(read: () => unknown): CsvError {
  try {
    read();
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM, and skips blank lines', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""",\r\n\r\n1,2,3');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', ''] },
      { line: 4, fields: ['1', '2', '3'] },
    ]);
  });

  it('keeps a line break inside quotes and counts lines after it', () => {
    const rows = parseCsv('a,b\n"two\nlines",1\nx,2\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(rows[1]!.fields[0]).toBe('two\nlines');
  });

  it('refuses a quote left open, naming its line', () => {
    const e = errorOf(() => parseCsv('a,b\n"open,1\n'));
    expect(e.line).toBe(2);
    expect(e.en).toMatch(/not closed/);
  });
});

describe('responsesFromCsv', () => {
  it('reads the items in the spec order, blanks and NA as null, other columns reported', () => {
    const table = responsesFromCsv('unit,B1,A2,A1\nx,5,,1\ny,NA,4,2\n', SPEC);
    expect(table.items).toEqual(['A1', 'A2', 'B1']);
    expect(table.rows).toEqual([
      [1, null, 5],
      [2, 4, null],
    ]);
    expect(table.ignored).toEqual(['unit']);
  });

  it('names a missing item column and the closest one present', () => {
    const e = errorOf(() => responsesFromCsv('A1,A2,b1\n1,2,3\n', SPEC));
    expect(e.en).toContain("no column for B1. Did you mean 'b1'?");
    expect(e.zh).toContain('缺少题目列：B1');
  });

  it('refuses a value off the scale with its line and column', () => {
    const e = errorOf(() => responsesFromCsv('A1,A2,B1\n1,2,3\n1,6,3\n', SPEC));
    expect(e.line).toBe(3);
    expect(e.en).toBe(
      "line 3, column 'A2': '6' is not a whole number from 1 to 5; leave a blank for no answer.",
    );
  });

  it('refuses a fraction, a word and a row of the wrong length', () => {
    expect(errorOf(() => responsesFromCsv('A1,A2,B1\n1.5,2,3\n', SPEC)).en).toMatch(
      /'1.5' is not a whole number/,
    );
    expect(errorOf(() => responsesFromCsv('A1,A2,B1\nagree,2,3\n', SPEC)).en).toMatch(/'agree'/);
    expect(errorOf(() => responsesFromCsv('A1,A2,B1\n1,2\n', SPEC)).en).toMatch(
      /line 2 has 2 fields but the header has 3/,
    );
  });

  it('refuses an empty file and a column given twice', () => {
    expect(errorOf(() => responsesFromCsv('', SPEC)).en).toMatch(/empty/);
    expect(errorOf(() => responsesFromCsv('A1,A2,B1,A1\n1,2,3,4\n', SPEC)).en).toMatch(
      /'A1' appears twice/,
    );
  });
});
