/** The jobs the app runs, by kind (the runner claims only the kinds it has a handler for). */
import { REENCRYPT_KIND, reencryptJob, scheduleReencrypt } from '../blobs/job.js';
import type { AppContext } from '../context.js';
import { scheduleSweep, SWEEP_KIND, sweepJob } from './reminders/daily.js';
import type { JobHandlers } from './runner.js';
import { PURGE_KIND, purgeJob, schedulePurge, scheduleSeal, SEAL_KIND, sealJob } from './trails.js';

export const JOB_HANDLERS: JobHandlers = {
  [SWEEP_KIND]: sweepJob,
  [REENCRYPT_KIND]: reencryptJob,
  [SEAL_KIND]: sealJob,
  [PURGE_KIND]: purgeJob,
};

/** Schedules the recurring jobs that are not scheduled yet (each instance calls it on start). */
export async function scheduleRecurring(ctx: AppContext): Promise<void> {
  await scheduleSweep(ctx);
  await scheduleReencrypt(ctx);
  await scheduleSeal(ctx);
  await schedulePurge(ctx);
}
