/**
 * Provisional years: the statutory holidays of 《全国年节及纪念日放假办法》 for a year whose
 * arrangement (the State Council General Office's notice, with its bridged days and make-up
 * working weekends) is not in `calendars/`. Such a year has no make-up working days — they cannot
 * be known before the notice — so it is marked 'provisional' and deadlines on it say so.
 *
 * Lunar dates and the Qingming solar term come from tyme4ts (6tail; astronomical computation in
 * China Standard Time), never from a hand-typed table.
 */
import { LunarDay, SolarTerm } from 'tyme4ts';
import { daysFromCivil, formatDay } from './days.js';
import { calendarFail } from './errors.js';
import type { YearData } from './model.js';

/** A Gregorian date as [year, month, day]. */
type Ymd = readonly [number, number, number];

interface StatutoryHoliday {
  readonly name: string;
  readonly days: (year: number) => readonly Ymd[];
}

export interface StatutoryRules {
  /** Short citation of the rule text in force. */
  readonly citation: string;
  /** First year the version applied to (it took effect on 1 January). */
  readonly fromYear: number;
  readonly holidays: readonly StatutoryHoliday[];
}

function solar(day: { getYear(): number; getMonth(): number; getDay(): number }): Ymd {
  return [day.getYear(), day.getMonth(), day.getDay()];
}

/** The Gregorian date of a day of the lunar year (month 1–12, not leap). */
function lunar(year: number, month: number, day: number): Ymd {
  return solar(LunarDay.fromYmd(year, month, day).getSolarDay());
}

/** Lunar New Year's Eve (除夕): the last day of the 12th month, whether the 29th or the 30th. */
function lunarNewYearsEve(year: number): Ymd {
  return solar(LunarDay.fromYmd(year, 1, 1).getSolarDay().next(-1));
}

const NEW_YEAR: StatutoryHoliday = { name: '元旦 New Year', days: (y) => [[y, 1, 1]] };
const QINGMING: StatutoryHoliday = {
  name: '清明节 Qingming',
  days: (y) => [solar(SolarTerm.fromName(y, '清明').getSolarDay())],
};
const DRAGON_BOAT: StatutoryHoliday = { name: '端午节 Dragon Boat', days: (y) => [lunar(y, 5, 5)] };
const MID_AUTUMN: StatutoryHoliday = { name: '中秋节 Mid-Autumn', days: (y) => [lunar(y, 8, 15)] };
const NATIONAL_DAY: StatutoryHoliday = {
  name: '国庆节 National Day',
  days: (y) => [
    [y, 10, 1],
    [y, 10, 2],
    [y, 10, 3],
  ],
};
const LABOUR_DAY_1: StatutoryHoliday = { name: '劳动节 Labour Day', days: (y) => [[y, 5, 1]] };
const SPRING = '春节 Spring Festival';

/** Newest first. Before the first version's year there are no rules here (the 1999 text differed). */
export const STATUTORY_RULES: readonly StatutoryRules[] = [
  {
    citation: '全国年节及纪念日放假办法 (2024 revision, 国务院令第795号, in force 2025-01-01)',
    fromYear: 2025,
    holidays: [
      NEW_YEAR,
      {
        // 春节放假4天（农历除夕、正月初一至初三）
        name: SPRING,
        days: (y) => [lunarNewYearsEve(y), lunar(y, 1, 1), lunar(y, 1, 2), lunar(y, 1, 3)],
      },
      QINGMING,
      {
        name: '劳动节 Labour Day',
        days: (y) => [
          [y, 5, 1],
          [y, 5, 2],
        ],
      },
      DRAGON_BOAT,
      MID_AUTUMN,
      NATIONAL_DAY,
    ],
  },
  {
    citation: '全国年节及纪念日放假办法 (2013 revision, 国务院令第644号, in force 2014-01-01)',
    fromYear: 2014,
    holidays: [
      NEW_YEAR,
      // 春节放假3天（农历正月初一、初二、初三）
      { name: SPRING, days: (y) => [lunar(y, 1, 1), lunar(y, 1, 2), lunar(y, 1, 3)] },
      QINGMING,
      LABOUR_DAY_1,
      DRAGON_BOAT,
      MID_AUTUMN,
      NATIONAL_DAY,
    ],
  },
  {
    citation: '全国年节及纪念日放假办法 (2007 revision, 国务院令第513号, in force 2008-01-01)',
    fromYear: 2008,
    holidays: [
      NEW_YEAR,
      // 春节放假3天（农历除夕、正月初一、初二）
      { name: SPRING, days: (y) => [lunarNewYearsEve(y), lunar(y, 1, 1), lunar(y, 1, 2)] },
      QINGMING,
      LABOUR_DAY_1,
      DRAGON_BOAT,
      MID_AUTUMN,
      NATIONAL_DAY,
    ],
  },
];

/** Years a provisional calendar can be built for: the rules above, and a sanity bound. */
export const FIRST_PROVISIONAL_YEAR = 2008;
export const LAST_SUPPORTED_YEAR = 2199;

export function statutoryRulesFor(year: number): StatutoryRules {
  const rules = STATUTORY_RULES.find((r) => year >= r.fromYear);
  if (!rules || year > LAST_SUPPORTED_YEAR) {
    calendarFail(
      'CALENDAR_YEAR_UNSUPPORTED',
      `${year} 年没有公布的放假安排，也无法按法定节假日推算（支持 ${FIRST_PROVISIONAL_YEAR}–${LAST_SUPPORTED_YEAR} 年）：请在 calendars/ 中加入该年的数据，或检查日期。`,
      `${year} has no published arrangement and cannot be made provisional (supported: ${FIRST_PROVISIONAL_YEAR}–${LAST_SUPPORTED_YEAR}): add the year's data to calendars/, or check the date.`,
    );
  }
  return rules;
}

/**
 * The provisional data of `year`: the statutory holidays of the rules in force that year (for
 * 2025 on, the 2024 revision: 13 days), no make-up working days, status 'provisional'.
 */
export function provisionalYear(year: number): YearData {
  const rules = statutoryRulesFor(year);
  return {
    year,
    status: 'provisional',
    source:
      `Provisional: statutory holidays only, ${rules.citation}; lunar dates and Qingming from tyme4ts. ` +
      `No make-up working days: the State Council notice for ${year} is not in calendars/.`,
    holidays: rules.holidays.map((h) => ({
      name: h.name,
      dates: h.days(year).map(([y, m, d]) => formatDay(daysFromCivil(y, m, d))),
    })),
    makeupWorkdays: [],
  };
}
