/**
 * The daily reminder sweep as a job: `reminders.sweep` runs once a day at 07:00 China time and,
 * when it has swept, schedules the next day's. Its key names the day, so every instance may
 * schedule it (on start, and after each sweep) and it is still one job a day.
 */
import { addDaysIso } from '../../dates.js';
import { today, type AppContext } from '../../context.js';
import type { AnyDb } from '../../db.js';
import { scheduleJob, type JobHandler } from '../runner.js';
import { sweepReminders } from './sweep.js';

export const SWEEP_KIND = 'reminders.sweep';
/** The hour of the day (China time) the sweep runs: before the working day starts. */
export const SWEEP_HOUR = 7;

export const sweepKey = (day: string) => `${SWEEP_KIND}:${day}`;

/** The instant of the sweep of a day (China is UTC+8 all year). */
export function sweepTime(day: string): Date {
  return new Date(`${day}T${String(SWEEP_HOUR).padStart(2, '0')}:00:00+08:00`);
}

/** Schedules the sweep of `day` (default today, China time) unless it is scheduled already. */
export function scheduleSweep(ctx: AppContext, day = today(ctx), db: AnyDb = ctx.store.db) {
  return scheduleJob(db, { kind: SWEEP_KIND, key: sweepKey(day), runAt: sweepTime(day) });
}

/** The job: sweep, then schedule tomorrow's. */
export const sweepJob: JobHandler = async (ctx) => {
  await sweepReminders(ctx);
  await scheduleSweep(ctx, addDaysIso(today(ctx), 1));
};
