/**
 * The data of one calendar year, as in `calendars/<id>-<year>.json`: the days off and the weekend
 * days that are working days (调休上班), with the notice they come from.
 */

export type YearStatus = 'published' | 'provisional';

export interface HolidayData {
  /** e.g. '春节 Spring Festival'. */
  readonly name: string;
  /** Every day off of the holiday, weekends included: ISO dates inside the year. */
  readonly dates: readonly string[];
}

export interface YearData {
  readonly year: number;
  /**
   * 'published': the State Council's arrangement for the year. 'provisional': only the statutory
   * holidays, without the make-up working days a notice would add; deadlines on it are flagged.
   */
  readonly status: YearStatus;
  /** The notice (or, for a provisional year, the rules) the days come from. */
  readonly source: string;
  readonly holidays: readonly HolidayData[];
  /** Saturdays and Sundays that are working days (调休上班). */
  readonly makeupWorkdays: readonly string[];
}

/** The national calendar: the State Council's arrangement, followed by every jurisdiction unless bound otherwise. */
export const NATIONAL_CALENDAR_ID = 'cn';
