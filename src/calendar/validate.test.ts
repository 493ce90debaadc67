import { provisionalYear } from './statutory.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CalendarError } from './errors.js';
import { loadCalendarSet, readCalendarDir, shippedCalendarsDir } from './loader.js';
import { CalendarSet } from './set.js';
import { validateYearData } from './validate.js';

const good = () => ({
  year: 2025,
  status: 'published',
  source: 'test',
  holidays: [
    { name: '元旦 New Year', dates: ['2025-01-01'] },
    { name: '春节 Spring Festival', dates: ['2025-01-28', '2025-01-29'] },
  ],
  makeupWorkdays: ['2025-01-26'],
});

/** The error thrown by `f`, or a failure. */
function errorOf(f: () => unknown): CalendarError {
  try {
    f();
  } catch (e) {
    if (e instanceof CalendarError) return e;
    throw e;
  }
  throw new Error('expected a CalendarError');
}

describe('validateYearData', () => {
  it('accepts the shipped files', () => {
    const entries = readCalendarDir(shippedCalendarsDir());
    expect(entries.map((e) => `${e.id}-${e.data.year}`)).toEqual(['cn-2025', 'cn-2026', 'cn-2027']);
    expect(entries.map((e) => e.data.status)).toEqual(['published', 'published', 'provisional']);
  });

  it('ships 2027 as the provisional year the statutory rules give, until the notice is published', () => {
    const shipped = readCalendarDir(shippedCalendarsDir()).find((e) => e.data.year === 2027)!;
    const computed = provisionalYear(2027);
    expect(shipped.data.holidays).toEqual(computed.holidays);
    expect(shipped.data.makeupWorkdays).toEqual([]);
  });

  it('names the file, the entry and the problem', () => {
    const raw = good();
    raw.holidays[1]!.dates[1] = '2025-02-30';
    const e = errorOf(() => validateYearData(raw, 'calendars/cn-2025.json'));
    expect(e.code).toBe('CALENDAR_BAD_DATE');
    expect(e.message).toBe(
      'calendars/cn-2025.json: holidays[1] (春节 Spring Festival).dates[1]: CALENDAR_BAD_DATE: "2025-02-30" is not a valid date (YYYY-MM-DD).',
    );
    expect(e.format('zh')).toContain('不是有效日期');
  });

  it('rejects a date outside the year', () => {
    const raw = good();
    raw.holidays[0]!.dates.push('2024-12-31');
    const e = errorOf(() => validateYearData(raw, 'f.json'));
    expect(e.issues).toEqual([
      expect.objectContaining({
        code: 'CALENDAR_DATE_OUTSIDE_YEAR',
        at: 'holidays[0] (元旦 New Year).dates[1]',
      }),
    ]);
  });

  it('rejects a make-up working day that is not a weekend day', () => {
    const raw = good();
    raw.makeupWorkdays.push('2025-04-28');
    const e = errorOf(() => validateYearData(raw, 'f.json'));
    expect(e.code).toBe('CALENDAR_MAKEUP_NOT_WEEKEND');
    expect(e.message).toContain(
      'makeupWorkdays[1]: CALENDAR_MAKEUP_NOT_WEEKEND: 2025-04-28 is a Monday',
    );
  });

  it('rejects a day that is both off and a make-up working day', () => {
    const raw = good();
    raw.makeupWorkdays.push('2025-02-01'); // a Saturday, but listed off below
    raw.holidays[1]!.dates.push('2025-02-01');
    const e = errorOf(() => validateYearData(raw, 'f.json'));
    expect(e.code).toBe('CALENDAR_HOLIDAY_AND_MAKEUP');
    expect(e.issues[0]!.at).toBe('makeupWorkdays[1]');
    expect(e.message).toContain('(see also holidays[1] (春节 Spring Festival).dates[2])');
  });

  it('rejects a day listed twice, unknown fields, a bad status and a missing source — all at once', () => {
    const raw: Record<string, unknown> = {
      ...good(),
      status: 'final',
      source: '',
      makeUpWorkdays: [],
      holidays: [
        { name: 'A', dates: ['2025-01-01'] },
        { name: 'B', dates: ['2025-01-01'] },
      ],
    };
    const e = errorOf(() => validateYearData(raw, 'f.json'));
    expect(e.issues.map((i) => i.code).sort()).toEqual([
      'CALENDAR_BAD_STATUS',
      'CALENDAR_DUPLICATE_DATE',
      'CALENDAR_NO_SOURCE',
      'CALENDAR_UNKNOWN_FIELD',
    ]);
  });

  it('rejects a missing makeupWorkdays list, empty holiday dates and a year other than the file name', () => {
    const { makeupWorkdays: _omit, ...raw } = { ...good(), holidays: [{ name: 'X', dates: [] }] };
    const e = errorOf(() => validateYearData(raw, 'cn-2026.json', 2026));
    expect(e.issues.map((i) => i.code).sort()).toEqual([
      'CALENDAR_BAD_HOLIDAY',
      'CALENDAR_BAD_MAKEUPS',
      'CALENDAR_YEAR_MISMATCH',
    ]);
    expect(errorOf(() => validateYearData([], 'x.json')).code).toBe('CALENDAR_NOT_OBJECT');
  });

  it('also guards data given in code', () => {
    const set = new CalendarSet();
    const raw = { ...good(), makeupWorkdays: ['2025-01-27'] };
    expect(() => set.publish('cn', raw as never)).toThrow(/2025-01-27 is a Monday/);
  });
});

describe('loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rongcuo-calendars-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const folder = (name: string, files: Record<string, string>): string => {
    const d = join(dir, name);
    mkdirSync(d);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  };
  const shipped = (year: number): string =>
    readFileSync(join(shippedCalendarsDir(), `cn-${year}.json`), 'utf8');

  it('loads a new year file so that it replaces the provisional year', () => {
    const fixture = {
      year: 2027,
      status: 'published',
      source: 'test fixture, not a real notice',
      holidays: [{ name: '春节 Spring Festival', dates: ['2027-02-05', '2027-02-09'] }],
      makeupWorkdays: [],
    };
    const d = folder('next-year', {
      'cn-2025.json': shipped(2025),
      'cn-2026.json': shipped(2026),
      'cn-2027.json': JSON.stringify(fixture),
      'README.md': 'not data',
    });
    const cn = loadCalendarSet(d).get('cn');
    expect(cn.publishedYears()).toEqual([2025, 2026, 2027]);
    expect(cn.isProvisional(2027)).toBe(false);
    expect(cn.isWorkingDay('2027-02-08')).toBe(true); // provisional would say 初三, off
    expect(cn.isWorkingDay('2027-02-09')).toBe(false);
    expect(loadCalendarSet(shippedCalendarsDir()).get('cn').isProvisional(2027)).toBe(true);
  });

  it('reports every bad file, each by name', () => {
    const bad = JSON.parse(shipped(2025)) as { makeupWorkdays: string[] };
    bad.makeupWorkdays[0] = '2025-01-27';
    const d = folder('bad', {
      'cn-2025.json': JSON.stringify(bad),
      'cn-2026.json': '{ "year": 2026,',
      'cn-2028.json': shipped(2026),
    });
    const e = errorOf(() => readCalendarDir(d));
    const text = e.message;
    expect(text).toContain('cn-2025.json: makeupWorkdays[0]: CALENDAR_MAKEUP_NOT_WEEKEND');
    expect(text).toContain('cn-2026.json: CALENDAR_FILE_JSON');
    expect(text).toContain('cn-2028.json: year: CALENDAR_YEAR_MISMATCH');
  });

  it('rejects a file name without a calendar id and year', () => {
    const d = folder('names', { '2027.json': '{}' });
    const e = errorOf(() => readCalendarDir(d));
    expect(e.code).toBe('CALENDAR_FILE_NAME');
    expect(e.file).toMatch(/2027\.json$/);
  });
});

describe('CalendarSet', () => {
  it('always has the national calendar and names the known ids for an unknown one', () => {
    const set = new CalendarSet();
    expect(set.ids()).toEqual(['cn']);
    expect(set.get('cn').isProvisional(2025)).toBe(true);
    expect(() => set.get('cn-zj')).toThrow('no calendar "cn-zj"; there are: cn.');
    set.define('cn-zj');
    expect(set.has('cn-zj')).toBe(true);
    expect(set.get('cn-zj').isWorkingDay('2027-02-05')).toBe(false);
  });
});
