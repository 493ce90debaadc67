/**
 * The shipped working-day calendars as administrators read them: each calendar's years (published
 * or provisional), and one year day by day — days off with the holiday's name, make-up working
 * weekends (调休上班) — for a month view. Read-only: calendars are data files (calendars/*.json).
 */
import type { DayInfo, YearStatus } from '../../calendar/index.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { requireAdmin } from './scope.js';

export interface CalendarSummary {
  readonly id: string;
  readonly years: readonly { readonly year: number; readonly status: YearStatus }[];
}

export interface CalendarYearView {
  readonly id: string;
  readonly year: number;
  readonly status: YearStatus;
  readonly source: string;
  readonly holidays: readonly { readonly name: string; readonly dates: readonly string[] }[];
  readonly makeupWorkdays: readonly string[];
  /** Every day of the year. */
  readonly days: readonly DayInfo[];
}

export function listCalendars(ctx: AppContext, actor: Actor): { calendars: CalendarSummary[] } {
  requireAdmin(actor);
  return {
    calendars: ctx.calendars.ids().map((id) => {
      const c = ctx.calendars.get(id);
      return {
        id,
        years: c.publishedYears().map((year) => ({ year, status: c.yearData(year).status })),
      };
    }),
  };
}

export function calendarYear(
  ctx: AppContext,
  actor: Actor,
  id: string,
  year: number,
): CalendarYearView {
  requireAdmin(actor);
  if (!ctx.calendars.has(id)) throw new AppError('CALENDAR_NOT_FOUND', { id });
  const c = ctx.calendars.get(id);
  // Only the shipped years: a year computed on demand would look published when it is not.
  if (!c.publishedYears().includes(year)) throw new AppError('CALENDAR_NOT_FOUND', { id, year });
  const data = c.yearData(year);
  const days: DayInfo[] = [];
  const d = new Date(Date.UTC(year, 0, 1));
  while (d.getUTCFullYear() === year) {
    days.push(c.dayInfo(d.toISOString().slice(0, 10)));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return {
    id,
    year,
    status: data.status,
    source: data.source,
    holidays: data.holidays.map((h) => ({ name: h.name, dates: [...h.dates] })),
    makeupWorkdays: [...data.makeupWorkdays],
    days,
  };
}
