/**
 * A table of survey responses as the analysis reads it: one row per respondent, one column per
 * item of the scale spec, a blank answer as null. Built from a CSV whose header names the items
 * (`rongcuo evaluation analyze --responses FILE.csv`) or from stored responses. Every value is
 * checked against the scale: a wrong one is reported with its line and column.
 */
import { closest } from '../policy/errors.js';
import { CsvError, parseCsv } from './csv.js';
import type { ScaleSpec } from './model.js';

export interface ResponseTable {
  /** The item ids, in the order of the spec's scales. */
  readonly items: readonly string[];
  /** One row per respondent, values on the scale or null for a blank. */
  readonly rows: readonly (readonly (number | null)[])[];
  /** Columns of the file the spec does not use (demographics, ids…), reported, not read. */
  readonly ignored: readonly string[];
}

/** The spec's item ids in order, each scale's items in turn. */
export function specItems(spec: ScaleSpec): string[] {
  return spec.factors.flatMap((f) => f.items);
}

export function responsesFromCsv(text: string, spec: ScaleSpec): ResponseTable {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) {
    throw new CsvError(
      1,
      '答卷文件为空：第一行应为题目编号。',
      'the responses file is empty: its first line must name the items.',
    );
  }
  const names = header.fields.map((f) => f.trim());
  const items = specItems(spec);
  const at = columnsOf(names, items, header.line);
  const rows = records.slice(1).map((r) => rowOf(r, names, at, spec, items));
  return { items, rows, ignored: names.filter((n) => !items.includes(n)) };
}

function columnsOf(names: readonly string[], items: readonly string[], line: number): number[] {
  const missing = items.filter((id) => !names.includes(id));
  if (missing.length > 0) {
    const first = missing[0]!;
    const hint = closest(first, names);
    throw new CsvError(
      line,
      `答卷文件缺少题目列：${missing.join('、')}。${hint ? `是否应为“${hint}”？` : ''}第一行应列出量表的每道题目编号。`,
      `the responses file has no column for ${missing.join(', ')}. ${hint ? `Did you mean '${hint}'? ` : ''}Its first line must name every item of the instrument.`,
    );
  }
  const twice = items.find((id) => names.indexOf(id) !== names.lastIndexOf(id));
  if (twice) {
    throw new CsvError(
      line,
      `题目列“${twice}”出现了两次。`,
      `the column '${twice}' appears twice.`,
    );
  }
  return items.map((id) => names.indexOf(id));
}

function rowOf(
  record: { line: number; fields: string[] },
  names: readonly string[],
  at: readonly number[],
  spec: ScaleSpec,
  items: readonly string[],
): (number | null)[] {
  if (record.fields.length !== names.length) {
    throw new CsvError(
      record.line,
      `第 ${record.line} 行有 ${record.fields.length} 个字段，而第一行有 ${names.length} 个：每行的字段数应与题目行相同。`,
      `line ${record.line} has ${record.fields.length} fields but the header has ${names.length}: every row needs one field per column.`,
    );
  }
  return at.map((col, k) => valueOf(record.fields[col]!, record.line, items[k]!, spec));
}

function valueOf(raw: string, line: number, item: string, spec: ScaleSpec): number | null {
  const text = raw.trim();
  if (text === '' || text === 'NA') return null;
  const value = Number(text);
  const { min, max } = spec.scale;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CsvError(
      line,
      `第 ${line} 行“${item}”列的值“${raw}”无效：应为 ${min} 至 ${max} 的整数，未作答留空。`,
      `line ${line}, column '${item}': '${raw}' is not a whole number from ${min} to ${max}; leave a blank for no answer.`,
    );
  }
  return value;
}
