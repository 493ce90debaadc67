import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar.js';
import { formatDay, parseDate } from './days.js';
import type { CalendarError } from './errors.js';
import { loadCalendarSet } from './loader.js';
import type { YearData } from './model.js';

const cn = loadCalendarSet().get('cn');

/** Day-by-day reference: the n-th working day after start, stepping one day at a time. */
function naiveAdd(start: string, n: number): string {
  let d = parseDate(start);
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  if (n < 0) {
    // -k: the k-th working day before start.
    while (left > 0) {
      d -= 1;
      if (cn.isWorkingDay(formatDay(d))) left--;
    }
    return formatDay(d);
  }
  while (left > 0) {
    d += step;
    if (cn.isWorkingDay(formatDay(d))) left--;
  }
  return formatDay(d);
}

describe('working days on the published calendar', () => {
  it('counts make-up weekends as working days and holidays as days off', () => {
    expect(cn.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cn.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cn.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, National Day & Mid-Autumn
    expect(cn.isWorkingDay('2025-10-18')).toBe(false); // ordinary Saturday
    expect(cn.isWorkingDay('2025-10-09')).toBe(true);
    expect(cn.isWorkingDay('2026-01-04')).toBe(true); // Sunday, 调休上班
    expect(cn.isWorkingDay('2026-02-23')).toBe(false); // Monday, Spring Festival
    expect(cn.dayInfo('2025-01-26')).toEqual({
      date: '2025-01-26',
      weekday: 7,
      working: true,
      kind: 'makeup',
      provisional: false,
    });
    expect(cn.dayInfo('2025-10-06')).toMatchObject({
      working: false,
      kind: 'holiday',
      holiday: '国庆节、中秋节 National Day & Mid-Autumn',
    });
    expect(cn.dayInfo('2025-10-18').kind).toBe('weekend');
    expect(cn.dayInfo('2025-10-17').kind).toBe('workday');
  });

  it('Spring Festival 2025: 5 working days from Friday 24 January end on 7 February', () => {
    // 26 Jan (Sunday, make-up) = 1, 27 Jan = 2, 28 Jan–4 Feb off, 5, 6, 7 Feb = 3, 4, 5.
    expect(cn.addWorkingDays('2025-01-24', 5)).toBe('2025-02-07');
    expect(cn.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
    expect(cn.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08'); // Saturday, make-up
  });

  it('Spring Festival 2026: 5 working days from Thursday 12 February end on 26 February', () => {
    // 13 Feb = 1, 14 Feb (Saturday, make-up) = 2, 15–23 Feb off, 24, 25, 26 Feb = 3, 4, 5.
    expect(cn.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(cn.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cn.addWorkingDays('2026-02-27', 1)).toBe('2026-02-28'); // Saturday, make-up
    expect(cn.addWorkingDays('2026-02-28', 1)).toBe('2026-03-02');
  });

  it('National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked', () => {
    // 28 Sep = 1, 29 = 2, 30 = 3, 1–8 Oct off, 9 Oct = 4, 10 Oct = 5.
    expect(cn.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(cn.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cn.addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
    expect(cn.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cn.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(cn.workingDaysBetween('2025-09-26', '2025-10-12')).toBe(6);
    expect(cn.workingDaysBetween('2025-10-12', '2025-09-26')).toBe(-6);
  });

  it('Mid-Autumn and National Day 2026: 25–27 September and 1–7 October off', () => {
    expect(cn.addWorkingDays('2026-09-24', 1)).toBe('2026-09-28');
    expect(cn.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20'); // Sunday, make-up
    expect(cn.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cn.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // Saturday, make-up
    expect(cn.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('a start on a day off counts from the next working day', () => {
    expect(cn.addWorkingDays('2025-10-04', 1)).toBe('2025-10-09');
    expect(cn.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
  });

  it('agrees with a day-by-day count for every start from December 2024 to December 2026', () => {
    const mismatches: string[] = [];
    for (let d = parseDate('2024-12-01'); d <= parseDate('2026-11-30'); d++) {
      const start = formatDay(d);
      for (const n of [1, 2, 3, 5, 10, 22, -1, -7]) {
        const fast = cn.addWorkingDays(start, n);
        const slow = naiveAdd(start, n);
        if (fast !== slow) mismatches.push(`${start} ${n}: ${fast} ≠ ${slow}`);
        if (n > 0 && cn.workingDaysBetween(start, slow) !== n)
          mismatches.push(`between ${start} ${slow}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('calendar days and months', () => {
  it('a last day on a holiday moves to the next working day (民法典 第二百零三条)', () => {
    expect(cn.addCalendarDays('2025-09-24', 7)).toBe('2025-10-09');
    expect(cn.addCalendarDays('2025-09-24', 7, { rollForward: false })).toBe('2025-10-01');
    expect(cn.addCalendarDays('2026-02-05', 10)).toBe('2026-02-24');
    expect(cn.addCalendarDays('2025-10-12', 6)).toBe('2025-10-20'); // ordinary Saturday → Monday
  });

  it('a last day on a make-up Saturday stays', () => {
    expect(cn.addCalendarDays('2025-10-04', 7)).toBe('2025-10-11');
  });

  it('months end on the corresponding day, moved off days off', () => {
    expect(cn.addMonths('2025-08-31', 1)).toBe('2025-09-30');
    expect(cn.addMonths('2025-09-01', 1)).toBe('2025-10-09');
    expect(cn.addMonths('2025-09-01', 1, { rollForward: false })).toBe('2025-10-01');
    // 28 February 2026 is a Saturday but a make-up working day: it stays.
    expect(cn.deadline({ start: '2026-01-31', unit: 'month', months: 1 }).due).toBe('2026-02-28');
    // 31 January 2026 is an ordinary Saturday: Monday 2 February.
    expect(cn.deadline({ start: '2025-12-31', unit: 'month', months: 1 }).due).toBe('2026-02-02');
  });
});

describe('deadline', () => {
  it('without suspensions is addWorkingDays, flagged published', () => {
    expect(cn.deadline({ start: '2025-03-03', unit: 'working', days: 10 })).toEqual({
      due: '2025-03-17',
      provisional: false,
      provisionalYears: [],
      suspendedDays: 0,
    });
  });

  it('a suspension stops the clock for the working days it covers', () => {
    const d = cn.deadline({
      start: '2025-03-03',
      unit: 'working',
      days: 10,
      suspensions: [{ from: '2025-03-05', to: '2025-03-06' }],
    });
    expect(d.due).toBe('2025-03-19');
    expect(d.suspendedDays).toBe(2);
  });

  it('overlapping and adjacent suspensions count each day once, in any order', () => {
    const suspensions = [
      { from: '2025-03-10', to: '2025-03-10' },
      { from: '2025-03-05', to: '2025-03-06' },
      { from: '2025-03-06', to: '2025-03-07' },
    ];
    const d = cn.deadline({ start: '2025-03-03', unit: 'working', days: 10, suspensions });
    // 5, 6, 7 and 10 March stopped: 17 March + 4 working days.
    expect(d.due).toBe('2025-03-21');
    expect(d.suspendedDays).toBe(4);
    const single = cn.deadline({
      start: '2025-03-03',
      unit: 'working',
      days: 10,
      suspensions: [{ from: '2025-03-05', to: '2025-03-10' }],
    });
    expect(single.due).toBe('2025-03-21');
  });

  it('a suspension spanning National Day 2025 stops only its working days', () => {
    // Without it: 23–26 Sep, 28 Sep (make-up), 29, 30 Sep, 9, 10 Oct, 11 Oct (make-up) → 11 Oct.
    expect(cn.addWorkingDays('2025-09-22', 10)).toBe('2025-10-11');
    const d = cn.deadline({
      start: '2025-09-22',
      unit: 'working',
      days: 10,
      suspensions: [{ from: '2025-09-29', to: '2025-10-10' }],
    });
    // Five days run before the stop (23–26, 28 Sep); five after it: 11 (make-up), 13–16 Oct.
    expect(d.due).toBe('2025-10-16');
    expect(d.suspendedDays).toBe(4);
  });

  it('ignores suspensions outside the running period and clips one that straddles the start', () => {
    const base = { start: '2025-03-03', unit: 'working', days: 10 } as const;
    expect(
      cn.deadline({ ...base, suspensions: [{ from: '2025-03-18', to: '2025-03-20' }] }).due,
    ).toBe('2025-03-17');
    expect(
      cn.deadline({ ...base, suspensions: [{ from: '2025-02-01', to: '2025-03-03' }] }).due,
    ).toBe('2025-03-17');
    expect(
      cn.deadline({ ...base, suspensions: [{ from: '2025-02-28', to: '2025-03-04' }] }).due,
    ).toBe('2025-03-18');
    // A stop starting on the would-be last day moves it.
    expect(
      cn.deadline({ ...base, suspensions: [{ from: '2025-03-17', to: '2025-03-17' }] }).due,
    ).toBe('2025-03-18');
  });

  it('calendar-day limits add the suspended calendar days, then move off a holiday', () => {
    const d = cn.deadline({
      start: '2025-03-01',
      unit: 'calendar',
      days: 30,
      suspensions: [{ from: '2025-03-10', to: '2025-03-14' }],
    });
    // 31 March + 5 days = Saturday 5 April (Qingming, 4–6 April off) → Monday 7 April.
    expect(d.due).toBe('2025-04-07');
    expect(d.suspendedDays).toBe(5);
  });

  it('a last day moved onto a suspension resumes after it', () => {
    const d = cn.deadline({
      start: '2025-03-01',
      unit: 'calendar',
      days: 14,
      suspensions: [{ from: '2025-03-17', to: '2025-03-18' }],
    });
    // 15 March is a Saturday → Monday 17, stopped until 18 → 19 March.
    expect(d.due).toBe('2025-03-19');
  });

  it('agrees with a day-by-day clock that skips suspended days (400 generated cases)', () => {
    let seed = 20250101;
    const rand = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const mismatches: string[] = [];
    for (let c = 0; c < 400; c++) {
      const start = parseDate('2025-01-01') + rand(640);
      const days = 1 + rand(40);
      const suspensions = Array.from({ length: rand(4) }, () => {
        const from = start - 10 + rand(70);
        return { from: formatDay(from), to: formatDay(from + rand(15)) };
      });
      const stopped = (d: number): boolean =>
        suspensions.some((s) => parseDate(s.from) <= d && d <= parseDate(s.to));
      // Working days: count running working days one by one.
      let d = start;
      for (let left = days; left > 0;) {
        d++;
        if (!stopped(d) && cn.isWorkingDay(formatDay(d))) left--;
      }
      const spec = { start: formatDay(start), days, suspensions };
      const fast = cn.deadline({ ...spec, unit: 'working' }).due;
      if (fast !== formatDay(d)) mismatches.push(`working ${JSON.stringify(spec)}: ${fast}`);
      // Calendar days, without moving off days off: count running days one by one.
      d = start;
      for (let left = days; left > 0;) {
        d++;
        if (!stopped(d)) left--;
      }
      const cal = cn.deadline({ ...spec, unit: 'calendar', rollForward: false }).due;
      if (cal !== formatDay(d)) mismatches.push(`calendar ${JSON.stringify(spec)}: ${cal}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects bad input with a clear code', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as CalendarError).code;
      }
      return 'no error';
    };
    expect(code(() => cn.deadline({ start: '2025-02-30', unit: 'working', days: 1 }))).toBe(
      'CALENDAR_BAD_DATE',
    );
    expect(code(() => cn.deadline({ start: '2025-03-01', unit: 'working', days: -1 }))).toBe(
      'CALENDAR_BAD_LENGTH',
    );
    expect(code(() => cn.deadline({ start: '2025-03-01', unit: 'calendar', days: 1.5 }))).toBe(
      'CALENDAR_BAD_LENGTH',
    );
    expect(
      code(() =>
        cn.deadline({
          start: '2025-03-01',
          unit: 'working',
          days: 5,
          suspensions: [{ from: '2025-03-05', to: '2025-03-04' }],
        }),
      ),
    ).toBe('CALENDAR_BAD_SUSPENSION');
    expect(code(() => cn.deadline({ start: '2025-03-01', unit: 'weeks', days: 1 } as never))).toBe(
      'CALENDAR_BAD_UNIT',
    );
  });
});

describe('provisional years', () => {
  it('crossing into 2027 flags the deadline provisional', () => {
    const d = cn.deadline({ start: '2026-12-25', unit: 'working', days: 30 });
    // 28–31 Dec = 4; 1 Jan off; January = 20 → 24; 1–4 Feb → 28; 5–8 Feb Spring Festival; 9, 10 Feb.
    expect(d).toEqual({
      due: '2027-02-10',
      provisional: true,
      provisionalYears: [2027],
      suspendedDays: 0,
    });
    expect(cn.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cn.deadline({ start: '2026-12-30', unit: 'calendar', days: 2 })).toMatchObject({
      due: '2027-01-04',
      provisional: true,
    });
    expect(cn.deadline({ start: '2026-11-02', unit: 'working', days: 30 }).provisional).toBe(false);
  });

  it('Spring Festival 2027: 5–8 February off (eve = 5 February)', () => {
    expect(cn.addWorkingDays('2027-02-04', 1)).toBe('2027-02-09');
    expect(cn.dayInfo('2027-02-05')).toMatchObject({
      kind: 'holiday',
      holiday: '春节 Spring Festival',
      provisional: true,
    });
    expect(cn.isWorkingDay('2027-02-09')).toBe(true);
  });

  it('Qingming 2027 is Monday 5 April', () => {
    expect(cn.isWorkingDay('2027-04-05')).toBe(false);
    expect(cn.addWorkingDays('2027-04-02', 1)).toBe('2027-04-06');
    expect(cn.isProvisional(2027)).toBe(true);
    expect(cn.isProvisional(2026)).toBe(false);
  });

  it('published data replaces the provisional year at once', () => {
    const cal = new Calendar('cn', [cn.yearData(2025), cn.yearData(2026)]);
    expect(cal.deadline({ start: '2027-02-04', unit: 'working', days: 1 })).toMatchObject({
      due: '2027-02-09',
      provisional: true,
      provisionalYears: [2027],
    });
    // A made-up arrangement, for the test only: 5–11 February off, Sunday 14 February worked.
    const fake2027: YearData = {
      year: 2027,
      status: 'published',
      source: 'test fixture, not a real notice',
      holidays: [
        {
          name: '春节 Spring Festival',
          dates: [
            '2027-02-05',
            '2027-02-06',
            '2027-02-07',
            '2027-02-08',
            '2027-02-09',
            '2027-02-10',
            '2027-02-11',
          ],
        },
      ],
      makeupWorkdays: ['2027-02-14'],
    };
    cal.publish(fake2027);
    expect(cal.isProvisional(2027)).toBe(false);
    expect(cal.deadline({ start: '2027-02-04', unit: 'working', days: 2 })).toEqual({
      due: '2027-02-14',
      provisional: false,
      provisionalYears: [],
      suspendedDays: 0,
    });
  });

  it('without provisional rules a missing year is an error', () => {
    const cal = new Calendar('x', [cn.yearData(2026)], { provisional: false });
    expect(() => cal.addWorkingDays('2026-12-31', 1)).toThrow(/has no data for 2027/);
  });
});

describe('workingDaysUntil', () => {
  it('counts working days left, 0 on the day, and negative once overdue', () => {
    expect(cn.workingDaysUntil('2025-09-30', '2025-10-10')).toBe(2);
    expect(cn.workingDaysUntil('2025-10-10', '2025-10-10')).toBe(0);
    expect(cn.workingDaysUntil('2025-03-15', '2025-03-14')).toBe(-1); // Saturday after a Friday
    expect(cn.workingDaysUntil('2025-03-17', '2025-03-14')).toBe(-1);
    expect(cn.workingDaysUntil('2025-03-18', '2025-03-14')).toBe(-2);
  });

  it('due within k working days: one horizon, then string comparison', () => {
    const today = '2025-09-26';
    const horizon = cn.addWorkingDays(today, 3);
    expect(horizon).toBe('2025-09-30');
    const dues = ['2025-09-25', '2025-09-26', '2025-09-30', '2025-10-09'];
    expect(dues.filter((d) => today <= d && d <= horizon)).toEqual(['2025-09-26', '2025-09-30']);
    expect(dues.map((d) => cn.workingDaysUntil(today, d))).toEqual([-1, 0, 3, 4]);
  });
});
