/**
 * Working days on China's official calendar, for procedural deadlines. Pure: `loader.ts` is the only
 * file that reads the disk. See calendar.ts for the counting rules and their legal basis.
 */
export {
  Calendar,
  type CalendarDaysLimit,
  type CalendarOptions,
  type DayInfo,
  type Deadline,
  type DeadlineSpec,
  type MonthsLimit,
  type Suspension,
  type WorkingDaysLimit,
} from './calendar.js';
export { CalendarError, type CalendarIssue } from './errors.js';
export { isIsoDate } from './days.js';
export { NATIONAL_CALENDAR_ID, type HolidayData, type YearData, type YearStatus } from './model.js';
export { CalendarSet, type CalendarYearEntry } from './set.js';
export {
  FIRST_PROVISIONAL_YEAR,
  LAST_SUPPORTED_YEAR,
  STATUTORY_RULES,
  provisionalYear,
  statutoryRulesFor,
} from './statutory.js';
export { validateYearData } from './validate.js';
