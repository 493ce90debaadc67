/**
 * A year compiled for arithmetic: one byte per day (working or not) and a prefix count of working
 * days, so that "the r-th working day of the year" and "working days up to a date" cost a lookup or
 * a binary search, not a walk.
 */
import { daysInYear, isWeekend, parseDate, yearStart } from './days.js';
import type { YearData, YearStatus } from './model.js';

export interface CompiledYear {
  readonly year: number;
  readonly status: YearStatus;
  readonly source: string;
  /** Day number of 1 January. */
  readonly first: number;
  readonly length: number;
  /** working[i] is 1 when day `first + i` is a working day. */
  readonly working: Uint8Array;
  /** prefix[i] = working days among the year's days 0 … i-1 (length + 1 entries). */
  readonly prefix: Uint16Array;
  /** Working days in the year. */
  readonly total: number;
  /** Day index → holiday name, for days off. */
  readonly holidayName: ReadonlyMap<number, string>;
  readonly makeup: ReadonlySet<number>;
  readonly data: YearData;
}

/** Compiles validated data. A day in two holidays (possible in a provisional year) gets both names. */
export function compileYear(data: YearData): CompiledYear {
  const first = yearStart(data.year);
  const length = daysInYear(data.year);
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) working[i] = isWeekend(first + i) ? 0 : 1;

  const holidayName = new Map<number, string>();
  for (const h of data.holidays) {
    for (const d of h.dates) {
      const i = parseDate(d) - first;
      working[i] = 0;
      const before = holidayName.get(i);
      holidayName.set(i, before && before !== h.name ? `${before} / ${h.name}` : h.name);
    }
  }
  const makeup = new Set<number>();
  for (const d of data.makeupWorkdays) {
    const i = parseDate(d) - first;
    working[i] = 1;
    makeup.add(i);
  }

  const prefix = new Uint16Array(length + 1);
  for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i]! + working[i]!;
  return {
    year: data.year,
    status: data.status,
    source: data.source,
    first,
    length,
    working,
    prefix,
    total: prefix[length]!,
    holidayName,
    makeup,
    data,
  };
}

/** Day index (0-based) of the `rank`-th working day of the year, 1 ≤ rank ≤ total. */
export function indexOfRank(y: CompiledYear, rank: number): number {
  // Smallest i with prefix[i + 1] >= rank; that day is a working day, as the count rises there.
  let lo = 0;
  let hi = y.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (y.prefix[mid + 1]! >= rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
