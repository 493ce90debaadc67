/**
 * The trails' background work: `trails.seal` seals the read log's new rows into its chain every
 * minute (src/app/trails/chain.ts says why the read log is sealed after it is written) and writes
 * the summaries of the rate-limit windows that are over (trails/rate-limited.ts), and
 * `trails.purge` removes security events past their retention once a day (trails/purge.ts). Each
 * job's key names its minute or day, so every instance may schedule it and it still runs once.
 */
import { addDaysIso } from '../dates.js';
import { today, type AppContext } from '../context.js';
import { and, eq, lt } from 'drizzle-orm';
import { sealReadLog } from '../trails/chain.js';
import { purgeSecurityEvents } from '../trails/purge.js';
import { summariseRateLimited } from '../trails/rate-limited.js';
import { jobs } from '../tables.js';
import { scheduleJob, type JobHandler } from './runner.js';

export const SEAL_KIND = 'trails.seal';
export const PURGE_KIND = 'trails.purge';
const MINUTE_MS = 60_000;

/** Schedules the sealing of the minute after `now` (unless it is scheduled). */
export function scheduleSeal(ctx: AppContext, now = ctx.now()) {
  const next = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  return scheduleJob(ctx.store.db, {
    kind: SEAL_KIND,
    key: `${SEAL_KIND}:${next.toISOString().slice(0, 16)}`,
    runAt: next,
  });
}

/** Schedules the purge of `day` (China time), at 03:00. */
export function schedulePurge(ctx: AppContext, day = today(ctx)) {
  return scheduleJob(ctx.store.db, {
    kind: PURGE_KIND,
    key: `${PURGE_KIND}:${day}`,
    runAt: new Date(`${day}T03:00:00+08:00`),
  });
}

export const sealJob: JobHandler = async (ctx) => {
  await sealReadLog(ctx);
  await summariseRateLimited(ctx);
  await scheduleSeal(ctx);
};

export const purgeJob: JobHandler = async (ctx) => {
  await purgeSecurityEvents(ctx);
  // The sealing jobs done more than a day ago are of no more use (one a minute adds up).
  await ctx.store.db
    .delete(jobs)
    .where(
      and(
        eq(jobs.kind, SEAL_KIND),
        eq(jobs.state, 'done'),
        lt(jobs.runAt, new Date(ctx.now().getTime() - 86_400_000)),
      ),
    );
  await schedulePurge(ctx, addDaysIso(today(ctx), 1));
};
