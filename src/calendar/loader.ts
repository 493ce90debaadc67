/**
 * The I/O shell of the calendar: reads `calendars/<id>-<year>.json`, checks each file and builds a
 * `CalendarSet`. Dropping a new year's file in the folder is all it takes for its data to replace
 * the provisional year (at the next load).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CalendarError, calendarFail } from './errors.js';
import type { CalendarOptions } from './calendar.js';
import { CalendarSet, type CalendarYearEntry } from './set.js';
import { validateYearData } from './validate.js';

const FILE_NAME = /^([a-z][a-z0-9-]*)-(\d{4})\.json$/;

/** The calendars/ folder shipped with rongcuo (works from src/ under Vitest and from dist/src/). */
export function shippedCalendarsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'calendars');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('calendars');
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Reads and checks one file named `<id>-<year>.json`. */
export function readCalendarFile(file: string): CalendarYearEntry {
  const shown = displayPath(file);
  const m = FILE_NAME.exec(file.split(/[\\/]/).pop() ?? '');
  if (!m) {
    calendarFail(
      'CALENDAR_FILE_NAME',
      '日历文件名应为 <日历标识>-<年份>.json，如 cn-2027.json。',
      'a calendar file must be named <calendar id>-<year>.json, e.g. cn-2027.json.',
      shown,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    calendarFail('CALENDAR_FILE_UNREADABLE', `无法读取：${why}。`, `cannot read: ${why}.`, shown);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const why = (e as Error).message;
    calendarFail('CALENDAR_FILE_JSON', `不是有效的 JSON：${why}`, `not valid JSON: ${why}`, shown);
  }
  return { id: m[1]!, data: validateYearData(raw, shown, Number(m[2])) };
}

/** Reads every `*.json` in `dir`; all files' problems are reported together. */
export function readCalendarDir(dir: string = shippedCalendarsDir()): CalendarYearEntry[] {
  const entries: CalendarYearEntry[] = [];
  const issues: CalendarError[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    try {
      entries.push(readCalendarFile(join(dir, name)));
    } catch (e) {
      if (e instanceof CalendarError) issues.push(e);
      else throw e;
    }
  }
  if (issues.length === 1) throw issues[0]!;
  if (issues.length > 1) {
    // One error carrying every file's problems, each issue prefixed with its file.
    throw new CalendarError(
      issues.flatMap((e) =>
        e.issues.map((i) => ({ ...i, at: [e.file, i.at].filter(Boolean).join(': ') })),
      ),
    );
  }
  return entries;
}

/** The calendars of `dir` (default: the shipped calendars/). */
export function loadCalendarSet(
  dir: string = shippedCalendarsDir(),
  options: CalendarOptions = {},
): CalendarSet {
  return new CalendarSet(readCalendarDir(dir), options);
}
