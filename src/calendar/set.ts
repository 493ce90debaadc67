/**
 * The calendars by id. Jurisdictions are bound to a calendar id; 'cn', the national calendar, is
 * always there (all provisional until its data is added). Every calendar makes its provisional
 * years from the national statutory holidays, which apply everywhere in China.
 */
import { Calendar, type CalendarOptions } from './calendar.js';
import { calendarFail } from './errors.js';
import { NATIONAL_CALENDAR_ID, type YearData } from './model.js';

export interface CalendarYearEntry {
  /** Calendar id, e.g. 'cn'. */
  readonly id: string;
  readonly data: YearData;
}

export class CalendarSet {
  private readonly calendars = new Map<string, Calendar>();
  private readonly options: CalendarOptions;

  constructor(entries: Iterable<CalendarYearEntry> = [], options: CalendarOptions = {}) {
    this.options = options;
    this.define(NATIONAL_CALENDAR_ID);
    for (const e of entries) this.publish(e.id, e.data);
  }

  /** Adds a calendar with no data yet (all years provisional); returns the existing one if any. */
  define(id: string): Calendar {
    let c = this.calendars.get(id);
    if (!c) {
      c = new Calendar(id, [], this.options);
      this.calendars.set(id, c);
    }
    return c;
  }

  /** Adds or replaces a year of calendar `id` (defining it if new); it replaces a provisional year. */
  publish(id: string, data: YearData): void {
    this.define(id).publish(data);
  }

  has(id: string): boolean {
    return this.calendars.has(id);
  }

  ids(): string[] {
    return [...this.calendars.keys()].sort();
  }

  get(id: string): Calendar {
    const c = this.calendars.get(id);
    if (!c) {
      calendarFail(
        'CALENDAR_UNKNOWN',
        `没有日历 "${id}"；已有：${this.ids().join('、')}。`,
        `no calendar "${id}"; there are: ${this.ids().join(', ')}.`,
      );
    }
    return c;
  }
}
