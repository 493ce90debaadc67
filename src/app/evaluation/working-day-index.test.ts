import { describe, expect, it } from 'vitest';
import { Calendar, provisionalYear } from '../../calendar/index.js';
import { loadCalendarSet } from '../../calendar/loader.js';
import { INDEX_BASE, workingDayIndex } from './working-day-index.js';

const DAY_MS = 86_400_000;
const offset = (day: string) => (Date.parse(day) - Date.parse(INDEX_BASE)) / DAY_MS;
const parse = (literal: string) => literal.slice(1, -1).split(',').map(Number);

describe('the running count of working days', () => {
  it('gives, by two lookups, the working days the calendar counts between any two days', () => {
    const cn = loadCalendarSet().get('cn');
    const index = parse(workingDayIndex(cn, '2026-12-31'));
    const pairs = [
      ['2025-03-03', '2025-03-10'],
      ['2025-09-28', '2025-10-09'], // across the National Day holiday and its make-up days
      ['2024-12-31', '2025-02-05'], // across the year end and the Spring Festival
      ['2008-01-01', '2026-12-31'],
      ['2025-05-01', '2025-05-01'],
    ] as const;
    for (const [a, b] of pairs) {
      const days = index[offset(b)]! - index[offset(a)]!;
      expect(days, `${a} → ${b}`).toBe(cn.workingDaysBetween(a, b));
    }
  });

  it('is built again when a year of the calendar is published after it was kept', () => {
    const calendar = new Calendar('test', []);
    const before = parse(workingDayIndex(calendar, '2025-12-31'));
    // A Sunday made a working day by a notice.
    const data = provisionalYear(2025);
    calendar.publish({ ...data, status: 'published', makeupWorkdays: ['2025-01-26'] });
    const after = parse(workingDayIndex(calendar, '2025-12-31'));
    const i = offset('2025-12-31');
    expect(after[i]! - before[i]!).toBe(1);
    // Kept: the same literal without rebuilding.
    expect(workingDayIndex(calendar, '2025-12-31')).toBe(workingDayIndex(calendar, '2025-12-31'));
  });
});
