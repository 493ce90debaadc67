/**
 * Checks a year's data (parsed JSON) before it is used: fields and types, real dates inside the
 * year, make-up working days on weekends, no day both off and a make-up working day, no day twice.
 * All problems are reported together, each naming the bad entry.
 */
import { CalendarError, type CalendarIssue } from './errors.js';
import { isoWeekday, tryParseDate, yearOfDay } from './days.js';
import type { HolidayData, YearData, YearStatus } from './model.js';

const YEAR_KEYS = new Set(['year', 'status', 'source', 'holidays', 'makeupWorkdays']);
const HOLIDAY_KEYS = new Set(['name', 'dates']);
const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const WEEKDAY_EN = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Returns the data typed as `YearData`, or throws a `CalendarError` listing every problem.
 * `file` names the source in messages; `expectedYear` (from the file name) must match `year`.
 */
export function validateYearData(raw: unknown, file?: string, expectedYear?: number): YearData {
  const issues: CalendarIssue[] = [];
  const add = (code: string, at: string | undefined, zh: string, en: string): void => {
    issues.push(at === undefined ? { code, zh, en } : { code, at, zh, en });
  };

  if (!isRecord(raw)) {
    throw new CalendarError(
      [
        {
          code: 'CALENDAR_NOT_OBJECT',
          zh: '日历文件应为一个 JSON 对象：{year, status, source, holidays, makeupWorkdays}。',
          en: 'a calendar file must be one JSON object: {year, status, source, holidays, makeupWorkdays}.',
        },
      ],
      file,
    );
  }

  for (const key of Object.keys(raw)) {
    if (!YEAR_KEYS.has(key)) {
      add(
        'CALENDAR_UNKNOWN_FIELD',
        key,
        `未知字段 "${key}"；允许的字段：${[...YEAR_KEYS].join('、')}。`,
        `unknown field "${key}"; the fields are ${[...YEAR_KEYS].join(', ')}.`,
      );
    }
  }

  const year = raw['year'];
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1 && year <= 9999;
  if (!yearOk) {
    add(
      'CALENDAR_BAD_YEAR',
      'year',
      '年份应为整数，如 2027。',
      'year must be an integer such as 2027.',
    );
  } else if (expectedYear !== undefined && year !== expectedYear) {
    add(
      'CALENDAR_YEAR_MISMATCH',
      'year',
      `文件名表示 ${expectedYear} 年，内容却是 ${year} 年。`,
      `the file name says ${expectedYear} but the data says ${year}.`,
    );
  }

  const status = raw['status'];
  if (status !== 'published' && status !== 'provisional') {
    add(
      'CALENDAR_BAD_STATUS',
      'status',
      `status 应为 "published" 或 "provisional"，而不是 ${JSON.stringify(status)}。`,
      `status must be "published" or "provisional", not ${JSON.stringify(status)}.`,
    );
  }

  const source = raw['source'];
  if (typeof source !== 'string' || source.trim() === '') {
    add(
      'CALENDAR_NO_SOURCE',
      'source',
      'source 应写明出处（通知名称、文号、日期）。',
      'source must name the notice the days come from (title, number, date).',
    );
  }

  // Every date seen so far → where, to report days listed twice or both off and working.
  const seen = new Map<number, { at: string; makeup: boolean }>();
  const checkDate = (v: unknown, at: string, makeup: boolean): void => {
    const n = tryParseDate(v);
    if (n === undefined) {
      add(
        'CALENDAR_BAD_DATE',
        at,
        `${JSON.stringify(v)} 不是有效日期（YYYY-MM-DD）。`,
        `${JSON.stringify(v)} is not a valid date (YYYY-MM-DD).`,
      );
      return;
    }
    const date = v as string;
    if (yearOk && yearOfDay(n) !== year) {
      add(
        'CALENDAR_DATE_OUTSIDE_YEAR',
        at,
        `${date} 不在本文件的年份 ${year} 内。`,
        `${date} is outside the file's year ${year}.`,
      );
    }
    const wd = isoWeekday(n);
    if (makeup && wd < 6) {
      add(
        'CALENDAR_MAKEUP_NOT_WEEKEND',
        at,
        `${date} 是${WEEKDAY_ZH[wd]}：调休上班日只能是星期六或星期日。`,
        `${date} is a ${WEEKDAY_EN[wd]}: a make-up working day must be a Saturday or Sunday.`,
      );
    }
    const before = seen.get(n);
    if (before) {
      if (before.makeup !== makeup) {
        add(
          'CALENDAR_HOLIDAY_AND_MAKEUP',
          at,
          `${date} 既是放假日又是调休上班日（另见 ${before.at}）。`,
          `${date} is both a holiday and a make-up working day (see also ${before.at}).`,
        );
      } else {
        add(
          'CALENDAR_DUPLICATE_DATE',
          at,
          `${date} 重复列出（另见 ${before.at}）。`,
          `${date} is listed twice (see also ${before.at}).`,
        );
      }
    } else {
      seen.set(n, { at, makeup });
    }
  };

  const holidays = raw['holidays'];
  if (!Array.isArray(holidays)) {
    add(
      'CALENDAR_BAD_HOLIDAYS',
      'holidays',
      'holidays 应为数组：[{name, dates}]。',
      'holidays must be an array of {name, dates}.',
    );
  } else {
    holidays.forEach((h: unknown, i) => {
      const here = `holidays[${i}]`;
      if (!isRecord(h)) {
        add('CALENDAR_BAD_HOLIDAY', here, '应为 {name, dates}。', 'must be {name, dates}.');
        return;
      }
      for (const key of Object.keys(h)) {
        if (!HOLIDAY_KEYS.has(key)) {
          add(
            'CALENDAR_UNKNOWN_FIELD',
            `${here}.${key}`,
            `未知字段 "${key}"；允许的字段：name、dates。`,
            `unknown field "${key}"; the fields are name, dates.`,
          );
        }
      }
      const name = h['name'];
      const label = typeof name === 'string' && name.trim() !== '' ? `${here} (${name})` : here;
      if (label === here) {
        add(
          'CALENDAR_BAD_HOLIDAY',
          `${here}.name`,
          '节日名称不能为空。',
          'name must be a non-empty string.',
        );
      }
      const dates = h['dates'];
      if (!Array.isArray(dates) || dates.length === 0) {
        add(
          'CALENDAR_BAD_HOLIDAY',
          `${label}.dates`,
          'dates 应为非空的日期数组。',
          'dates must be a non-empty array of dates.',
        );
        return;
      }
      dates.forEach((d: unknown, j) => checkDate(d, `${label}.dates[${j}]`, false));
    });
  }

  const makeups = raw['makeupWorkdays'];
  if (!Array.isArray(makeups)) {
    add(
      'CALENDAR_BAD_MAKEUPS',
      'makeupWorkdays',
      'makeupWorkdays 应为日期数组（没有调休时写 []）。',
      'makeupWorkdays must be an array of dates ([] when there are none).',
    );
  } else {
    makeups.forEach((d: unknown, j) => checkDate(d, `makeupWorkdays[${j}]`, true));
  }

  if (issues.length > 0) throw new CalendarError(issues, file);
  return {
    year: year as number,
    status: status as YearStatus,
    source: source as string,
    holidays: (holidays as HolidayData[]).map((h) => ({ name: h.name, dates: [...h.dates] })),
    makeupWorkdays: [...(makeups as string[])],
  };
}
