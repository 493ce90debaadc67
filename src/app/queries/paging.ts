/**
 * Helpers the paged reads share: LIKE escaping, page-number parameters, keyset cursors and capped
 * counts.
 *
 * Keyset paging: a page ends with a cursor made of the last row's sort key (the values the list
 * orders by, the last of them unique); the next page starts strictly after it, so it is read from
 * an index that matches the order however deep the page, and a row is never shown twice nor
 * skipped when rows arrive in between. The cursor is opaque to clients (base64url of a JSON
 * array) and checked when it comes back.
 */
import { invalid } from '../errors.js';

/** Escapes LIKE's wildcards (and its escape character) in a literal. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page or page-size parameter: a whole number from 1 to `max`, or `fallback` when absent. */
export function pageNumber(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(field, `应为 1 到 ${max} 之间的整数。`, `use a whole number from 1 to ${max}.`);
  }
  return value;
}

/** A sort key as carried by a cursor: strings, booleans and nulls (dates as their text). */
export type CursorKey = readonly (string | boolean | null)[];

/** The cursor of a sort key: opaque text a client hands back to get the next page. */
export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

/**
 * The sort key in a cursor made by encodeCursor for the same `kind` (the order it belongs to) and
 * `length`, or a VALIDATION error naming `field`.
 */
export function decodeCursor(
  field: string,
  cursor: string,
  kind: string,
  length: number,
): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== length + 1 ||
    parsed[0] !== kind ||
    !parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean')
  ) {
    throw invalid(
      field,
      '分页游标无效或与当前排序不符，请使用上一页返回的 nextCursor，或去掉该参数从第一页开始。',
      'the paging cursor is not valid or belongs to another order: use the nextCursor of the previous page, or leave it out to start from the first page.',
    );
  }
  return parsed.slice(1) as CursorKey;
}

/** Counts stop here: a larger total is shown as "1,000+" rather than counted row by row. */
export const COUNT_CAP = 1_000;

/** A total that may be capped: `capped` means there are more than `total`. */
export interface CappedTotal {
  readonly total: number;
  readonly capped: boolean;
}

/** The capped total from a count of at most COUNT_CAP + 1 rows. */
export function cappedTotal(n: number | string): CappedTotal {
  const total = Number(n);
  return total > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total, capped: false };
}
