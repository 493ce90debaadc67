/**
 * ISO calendar dates ('YYYY-MM-DD') as day numbers: days since 1970-01-01 in the proleptic
 * Gregorian calendar. Pure integer arithmetic (H. Hinnant's civil-date algorithms): no `Date`, no
 * time zone, so a date can never shift by a day.
 */
import { calendarFail } from './errors.js';

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month (1–12), day (1–31)] of a day number. */
export function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

/** Day number of 1 January of `y`. */
export function yearStart(y: number): number {
  return daysFromCivil(y, 1, 1);
}

export function yearOfDay(n: number): number {
  return civilFromDays(n)[0];
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(n: number): boolean {
  return isoWeekday(n) >= 6;
}

/** Parses 'YYYY-MM-DD' strictly (real calendar date, four-digit year); undefined if it is not one. */
export function tryParseDate(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return undefined;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return daysFromCivil(y, m, d);
}

export function isIsoDate(s: unknown): s is string {
  return tryParseDate(s) !== undefined;
}

/** Parses 'YYYY-MM-DD' or throws CALENDAR_BAD_DATE naming what was given (`what` says which). */
export function parseDate(s: unknown, what = 'date'): number {
  const n = tryParseDate(s);
  if (n === undefined) {
    const shown = typeof s === 'string' ? `"${s}"` : String(s);
    calendarFail(
      'CALENDAR_BAD_DATE',
      `${what} ${shown} 不是有效日期：请使用 YYYY-MM-DD 格式的真实日期。`,
      `${what} ${shown} is not a valid date: give a real date as YYYY-MM-DD.`,
    );
  }
  return n;
}

export function formatDay(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Adds whole months (民法典 第二百零二条: the corresponding day, or the month's last day). */
export function addMonthsToDay(n: number, months: number): number {
  const [y, m, d] = civilFromDays(n);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
