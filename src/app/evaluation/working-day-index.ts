/**
 * Working days counted in SQL. The calendars live in the application (src/calendar), not in the
 * database, so a query that needs working days between two dates of many rows is given a running
 * count instead: `index[k]` is the number of working days from INDEX_BASE up to and including the
 * day INDEX_BASE + k. Then the working days d with a < d ≤ b (Calendar.workingDaysBetween) are
 * `index[b − base] − index[a − base]`, two array lookups per row in SQL, on the jurisdiction's own
 * calendar. The array goes to PostgreSQL as one int[] parameter (PostgreSQL's arrays are 1-based,
 * hence the + 1 in `workingDaysSql`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Calendar, YearData } from '../../calendar/index.js';

/** The first day the index covers (the calendars go back to 2008); a day before it has no index (NULL in SQL). */
export const INDEX_BASE = '2008-01-01';
/** The last year the index may run to. */
export const INDEX_LAST_YEAR = 2100;

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayAt(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The running count of working days from INDEX_BASE to `last` (inclusive), as an int[] literal. */
function buildIndex(calendar: Calendar, last: string): string {
  const first = dayNumber(INDEX_BASE);
  const end = dayNumber(last);
  const counts: number[] = [];
  let running = 0;
  for (let n = first; n <= end; n++) {
    if (calendar.isWorkingDay(dayAt(n))) running += 1;
    counts.push(running);
  }
  return `{${counts.join(',')}}`;
}

interface Cached {
  /** The year data the index was built from: a year published since makes it stale. */
  readonly years: readonly YearData[];
  readonly index: string;
}

/** Indexes built, per calendar and last day (a few: requests end today or at a month's end). */
const built = new WeakMap<Calendar, Map<string, Cached>>();
const MAX_CACHED = 64;

/**
 * The running count of working days from INDEX_BASE to `last` (inclusive), as an int[] literal.
 * Building it looks at every day since 2008 (a few milliseconds, tens on a loaded machine), so it
 * is kept, and rebuilt when a year of the calendar has been published since (its data object
 * changes).
 */
export function workingDayIndex(calendar: Calendar, last: string): string {
  const years: YearData[] = [];
  for (let y = Number(INDEX_BASE.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    years.push(calendar.yearData(y));
  }
  const byLast = built.get(calendar) ?? new Map<string, Cached>();
  built.set(calendar, byLast);
  const hit = byLast.get(last);
  if (hit && hit.years.every((d, i) => d === years[i])) return hit.index;
  const index = buildIndex(calendar, last);
  if (byLast.size >= MAX_CACHED) byLast.clear();
  byLast.set(last, { years, index });
  return index;
}

/** SQL for the working days d with `from` < d ≤ `to` (two date columns) given an index array. */
export function workingDaysSql(index: SQL, from: SQL, to: SQL): SQL {
  const base = sql`${INDEX_BASE}::date`;
  return sql`((${index})[${to} - ${base} + 1] - (${index})[${from} - ${base} + 1])`;
}
