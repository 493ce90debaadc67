import { describe, expect, it } from 'vitest';
import {
  addMonthsToDay,
  civilFromDays,
  daysFromCivil,
  formatDay,
  isoWeekday,
  parseDate,
  tryParseDate,
} from './days.js';

const day = (s: string): number => parseDate(s);

describe('day numbers', () => {
  it('agree with UTC dates for every day from 1900 to 2200', () => {
    const wrong: string[] = [];
    for (let n = daysFromCivil(1900, 1, 1); n <= daysFromCivil(2200, 12, 31); n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (formatDay(n) !== iso || tryParseDate(iso) !== n) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
    expect(civilFromDays(0)).toEqual([1970, 1, 1]);
  });

  it('know the weekday (1 = Monday)', () => {
    expect(isoWeekday(day('1970-01-01'))).toBe(4);
    expect(isoWeekday(day('2025-01-01'))).toBe(3);
    expect(isoWeekday(day('2025-09-28'))).toBe(7);
    expect(isoWeekday(day('2025-10-11'))).toBe(6);
    expect(isoWeekday(day('1969-12-29'))).toBe(1);
  });

  it('accept only real YYYY-MM-DD dates', () => {
    expect(tryParseDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    for (const bad of [
      '2025-02-29',
      '2100-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-01',
      ' 2025-01-01',
      '2025/01/01',
      '2025-01-01T00:00',
      '0000-01-01',
      20250101,
      undefined,
    ]) {
      expect(tryParseDate(bad), String(bad)).toBeUndefined();
    }
    expect(() => parseDate('2025-02-30', 'start')).toThrow(
      /start "2025-02-30" is not a valid date/,
    );
  });

  it('add months to the corresponding day, or the last day of a shorter month (民法典 第二百零二条)', () => {
    const plus = (s: string, m: number): string => formatDay(addMonthsToDay(day(s), m));
    expect(plus('2025-01-31', 1)).toBe('2025-02-28');
    expect(plus('2024-01-31', 1)).toBe('2024-02-29');
    expect(plus('2025-12-15', 1)).toBe('2026-01-15');
    expect(plus('2025-03-31', -1)).toBe('2025-02-28');
    expect(plus('2025-05-20', 12)).toBe('2026-05-20');
  });
});
