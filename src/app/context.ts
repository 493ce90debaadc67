/** What every use case needs: the store, the policy engine, the calendars and a clock. */
import type { CalendarSet } from '../calendar/index.js';
import type { Settings } from '../config/index.js';
import type { PolicyEngine } from '../policy/engine.js';
import type { Store } from '../store/index.js';
import type { Schema } from './tables.js';

export interface AppContext {
  readonly store: Store<Schema>;
  readonly engine: PolicyEngine;
  readonly calendars: CalendarSet;
  /** The current instant; tests pass a fixed clock. */
  readonly now: () => Date;
  /** The installation's settings (src/config): read at start, the defaults in tests. */
  readonly settings: Settings;
}

const CHINA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in China (UTC+8) of an instant: deadlines count in Chinese working days. */
export function chinaDate(instant: Date): string {
  return CHINA.format(instant);
}

export function today(ctx: AppContext): string {
  return chinaDate(ctx.now());
}
