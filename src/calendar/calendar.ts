/**
 * One working-day calendar (e.g. 'cn', the national one): published years from data, provisional
 * years computed from the statutory rules on demand, and the deadline arithmetic over them.
 *
 * Counting rules (cite these when a deadline is shown):
 * - The start day does not count; counting begins the next day (民法典 第二百零一条: 开始的当日不计入，
 *   自下一日开始计算). A limit of n working days from an application received on day D ends on the
 *   n-th working day after D.
 * - Working days are Monday–Friday other than days off, plus make-up working weekends (调休上班)
 *   (行政许可法 第八十二条 and 行政处罚法 第八十五条: 期限以工作日计算，不含法定节假日).
 * - A limit in calendar days or months whose last day is not a working day ends on the next working
 *   day (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日;
 *   民事诉讼法 期间 rule, 第八十五条 in the 2021 text: 以法定节假日后的第一日为期间届满的日期). This is
 *   the default; `rollForward: false` turns it off.
 * - A month limit ends on the corresponding day of the month, or the month's last day when there is
 *   none (民法典 第二百零二条).
 * - A suspension (中止) stops the clock: its days that fall after the start are not counted, and the
 *   due date moves out by as many days (working days for a working-day limit) as it covers before
 *   the running due date. Suspensions may overlap or touch; each day counts once.
 */
import { addMonthsToDay, formatDay, isoWeekday, isWeekend, parseDate, yearOfDay } from './days.js';
import { calendarFail } from './errors.js';
import type { YearData } from './model.js';
import { provisionalYear } from './statutory.js';
import { validateYearData } from './validate.js';
import { compileYear, indexOfRank, type CompiledYear } from './year.js';

export interface DayInfo {
  readonly date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly working: boolean;
  /** 'holiday': a day off; 'makeup': a weekend day that is a working day (调休上班). */
  readonly kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  /** The holiday's name, for a day off. */
  readonly holiday?: string;
  /** Whether the day's year is provisional (no published arrangement). */
  readonly provisional: boolean;
}

/** An interval (inclusive dates) during which the clock is stopped (中止). */
export interface Suspension {
  readonly from: string;
  readonly to: string;
}

interface LimitBase {
  /** The day the period starts from (receipt, service, decision); it does not count. */
  readonly start: string;
  readonly suspensions?: readonly Suspension[];
}
export interface WorkingDaysLimit extends LimitBase {
  readonly unit: 'working';
  readonly days: number;
}
export interface CalendarDaysLimit extends LimitBase {
  readonly unit: 'calendar';
  readonly days: number;
  /** Move a due date that is not a working day to the next working day. Default true. */
  readonly rollForward?: boolean;
}
export interface MonthsLimit extends LimitBase {
  readonly unit: 'month';
  readonly months: number;
  /** Move a due date that is not a working day to the next working day. Default true. */
  readonly rollForward?: boolean;
}
export type DeadlineSpec = WorkingDaysLimit | CalendarDaysLimit | MonthsLimit;

export interface Deadline {
  /** The last day of the period (inclusive). */
  readonly due: string;
  /** True when any year the computation used is provisional: recompute once its notice is in. */
  readonly provisional: boolean;
  readonly provisionalYears: readonly number[];
  /** Days the suspensions added: working days for a working-day limit, calendar days otherwise. */
  readonly suspendedDays: number;
}

export interface CalendarOptions {
  /**
   * Data for a year with no published data; default: the national statutory holidays
   * (`provisionalYear`). `false`: such a year is an error.
   */
  readonly provisional?: ((year: number) => YearData) | false;
}

/** Years a computation looked at, to report the provisional ones. */
type Touched = Set<number> | undefined;

export class Calendar {
  readonly id: string;
  private readonly published = new Map<number, YearData>();
  private readonly compiled = new Map<number, CompiledYear>();
  private readonly provide: ((year: number) => YearData) | false;

  constructor(id: string, years: Iterable<YearData> = [], options: CalendarOptions = {}) {
    this.id = id;
    this.provide = options.provisional ?? provisionalYear;
    for (const y of years) this.publish(y);
  }

  /**
   * Adds (or replaces) a year's data after checking it. Published data replaces a provisional
   * year at once; deadlines computed earlier with `provisional: true` should be recomputed.
   */
  publish(data: YearData): void {
    const checked = validateYearData(data, `calendar ${this.id} ${data.year}`);
    this.published.set(checked.year, checked);
    this.compiled.delete(checked.year);
  }

  /** Years with data given (published or provisional files), ascending. */
  publishedYears(): number[] {
    return [...this.published.keys()].sort((a, b) => a - b);
  }

  /** The data a year is computed from: given, or provisional. */
  yearData(year: number): YearData {
    return this.year(year, undefined).data;
  }

  isProvisional(year: number): boolean {
    return this.year(year, undefined).status === 'provisional';
  }

  isWorkingDay(date: string): boolean {
    return this.working(parseDate(date), undefined);
  }

  dayInfo(date: string): DayInfo {
    const n = parseDate(date);
    const y = this.year(yearOfDay(n), undefined);
    const i = n - y.first;
    const weekday = isoWeekday(n);
    const working = y.working[i] === 1;
    const holiday = y.holidayName.get(i);
    const kind = holiday
      ? 'holiday'
      : y.makeup.has(i)
        ? 'makeup'
        : isWeekend(n)
          ? 'weekend'
          : 'workday';
    const provisional = y.status === 'provisional';
    return holiday
      ? { date, weekday, working, kind, holiday, provisional }
      : { date, weekday, working, kind, provisional };
  }

  /** `date` itself when it is a working day, else the next working day. */
  nextWorkingDayFrom(date: string): string {
    return formatDay(this.rollForward(parseDate(date), undefined));
  }

  /**
   * The day that is `n` working days after `start` (the start day does not count): 5 working days
   * from an application received on day D is the 5th working day after D. n = 0 gives `start`;
   * negative n counts back (-1: the last working day before `start`).
   */
  addWorkingDays(start: string, n: number): string {
    integer(n, 'n');
    return formatDay(this.addWorking(parseDate(start, 'start'), n, undefined));
  }

  /**
   * `start` plus `n` calendar days; by default a result that is not a working day moves to the
   * next working day (民法典 第二百零三条; see the module comment).
   */
  addCalendarDays(start: string, n: number, options: { rollForward?: boolean } = {}): string {
    integer(n, 'n');
    const due = parseDate(start, 'start') + n;
    return formatDay(options.rollForward === false ? due : this.rollForward(due, undefined));
  }

  /** `start` plus `n` months (民法典 第二百零二条), moved to the next working day by default. */
  addMonths(start: string, n: number, options: { rollForward?: boolean } = {}): string {
    integer(n, 'n');
    const due = addMonthsToDay(parseDate(start, 'start'), n);
    return formatDay(options.rollForward === false ? due : this.rollForward(due, undefined));
  }

  /**
   * Working days d with a < d ≤ b; negative (the count for b < d ≤ a, negated) when b is before a.
   * So `addWorkingDays(a, workingDaysBetween(a, b)) === b` for a working day b.
   */
  workingDaysBetween(a: string, b: string): number {
    return this.between(parseDate(a, 'a'), parseDate(b, 'b'), undefined);
  }

  /**
   * Working days left until `due`, seen on `today`: the working days after today up to and
   * including `due` (0 = due today, or no working day left before it). Negative when overdue: minus
   * the working days since the due date, and at least -1 (a limit that ended on a Friday is -1 on
   * Saturday and on Monday, -2 on Tuesday).
   *
   * For "due within the next k working days" over many cases, compute the horizon once,
   * `h = addWorkingDays(today, k)`, and compare ISO strings: `today <= due && due <= h`.
   */
  workingDaysUntil(today: string, due: string): number {
    const t = parseDate(today, 'today');
    const d = parseDate(due, 'due');
    if (d >= t) return this.between(t, d, undefined);
    return -Math.max(1, this.between(d, t, undefined));
  }

  /** The due date of a time limit, with suspensions, and whether it rests on provisional years. */
  deadline(spec: DeadlineSpec): Deadline {
    const start = parseDate(spec.start, 'start');
    const suspensions = mergeSuspensions(spec.suspensions ?? [], start);
    const touched = new Set<number>();
    let due: number;
    let suspendedDays = 0;

    if (spec.unit === 'working') {
      integer(spec.days, 'days', 0);
      due = this.addWorking(start, spec.days, touched);
      if (spec.days > 0) {
        for (const s of suspensions) {
          if (s.from > due) break;
          // The clock stops on the suspension's working days, so the due date moves out by as many.
          const k = this.between(s.from - 1, s.to, touched);
          due = this.addWorking(due, k, touched);
          suspendedDays += k;
        }
      }
    } else {
      let roll: boolean;
      if (spec.unit === 'calendar') {
        integer(spec.days, 'days', 0);
        due = start + spec.days;
        roll = spec.rollForward !== false;
      } else if (spec.unit === 'month') {
        integer(spec.months, 'months', 0);
        due = addMonthsToDay(start, spec.months);
        roll = spec.rollForward !== false;
      } else {
        const unit: unknown = (spec as { unit: unknown }).unit;
        calendarFail(
          'CALENDAR_BAD_UNIT',
          `未知的期限单位 ${JSON.stringify(unit)}：应为 working、calendar 或 month。`,
          `unknown time-limit unit ${JSON.stringify(unit)}: use working, calendar or month.`,
        );
      }
      if (due > start) {
        for (const s of suspensions) {
          if (s.from > due) break;
          const k = s.to - s.from + 1;
          due += k;
          suspendedDays += k;
        }
      }
      if (roll) {
        due = this.rollForward(due, touched);
        // A last day moved onto a stopped clock resumes after the suspension.
        for (const s of suspensions) {
          if (s.from <= due && due <= s.to) due = this.rollForward(s.to + 1, touched);
        }
      }
    }

    const provisionalYears = [...touched]
      .filter((y) => this.year(y, undefined).status === 'provisional')
      .sort((a, b) => a - b);
    return {
      due: formatDay(due),
      provisional: provisionalYears.length > 0,
      provisionalYears,
      suspendedDays,
    };
  }

  // ── internals: day numbers ──────────────────────────────────────────────

  private year(y: number, touched: Touched): CompiledYear {
    touched?.add(y);
    let c = this.compiled.get(y);
    if (!c) {
      let data = this.published.get(y);
      if (!data) {
        if (!this.provide) {
          calendarFail(
            'CALENDAR_NO_DATA',
            `日历 ${this.id} 没有 ${y} 年的数据：请在 calendars/ 中加入 ${this.id}-${y}.json。`,
            `calendar ${this.id} has no data for ${y}: add ${this.id}-${y}.json to calendars/.`,
          );
        }
        data = this.provide(y);
      }
      c = compileYear(data);
      this.compiled.set(y, c);
    }
    return c;
  }

  private working(n: number, touched: Touched): boolean {
    const y = this.year(yearOfDay(n), touched);
    return y.working[n - y.first] === 1;
  }

  private rollForward(n: number, touched: Touched): number {
    while (!this.working(n, touched)) n++;
    return n;
  }

  private addWorking(start: number, n: number, touched: Touched): number {
    let y = this.year(yearOfDay(start), touched);
    if (n === 0) return start;
    const i = start - y.first;
    if (n > 0) {
      // Rank (1-based, within y) of the target working day.
      let rank = y.prefix[i + 1]! + n;
      while (rank > y.total) {
        rank -= y.total;
        y = this.year(y.year + 1, touched);
      }
      return y.first + indexOfRank(y, rank);
    }
    let rank = y.prefix[i]! + n + 1;
    while (rank < 1) {
      y = this.year(y.year - 1, touched);
      rank += y.total;
    }
    return y.first + indexOfRank(y, rank);
  }

  private between(a: number, b: number, touched: Touched): number {
    if (b < a) return -this.between(b, a, touched);
    const ya = this.year(yearOfDay(a), touched);
    let count = -ya.prefix[a - ya.first + 1]!;
    let y = ya;
    while (b >= y.first + y.length) {
      count += y.total;
      y = this.year(y.year + 1, touched);
    }
    return count + y.prefix[b - y.first + 1]!;
  }
}

interface DayInterval {
  from: number;
  to: number;
}

/** Sorted, merged (overlapping or adjacent), clipped to the days after `start`. */
export function mergeSuspensions(list: readonly Suspension[], start: number): DayInterval[] {
  const days = list.map((s, i) => {
    const from = parseDate(s.from, `suspensions[${i}].from`);
    const to = parseDate(s.to, `suspensions[${i}].to`);
    if (to < from) {
      calendarFail(
        'CALENDAR_BAD_SUSPENSION',
        `suspensions[${i}]：结束日 ${s.to} 早于开始日 ${s.from}。`,
        `suspensions[${i}] ends (${s.to}) before it starts (${s.from}).`,
      );
    }
    return { from: Math.max(from, start + 1), to };
  });
  const merged: DayInterval[] = [];
  for (const s of days.filter((d) => d.to > start).sort((p, q) => p.from - q.from)) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

function integer(n: number, what: string, min = -Infinity): void {
  if (!Number.isSafeInteger(n) || n < min) {
    calendarFail(
      'CALENDAR_BAD_LENGTH',
      `${what} 应为${min === 0 ? '非负' : ''}整数，而不是 ${String(n)}。`,
      `${what} must be a${min === 0 ? ' non-negative' : 'n'} integer, not ${String(n)}.`,
    );
  }
}
