/**
 * rongcuo jobs run-once: run the jobs that are due now (the daily reminder sweep among them), then
 * exit — for operators who run jobs from cron rather than in `rongcuo serve`. Safe beside running
 * servers: each job is claimed by one runner (src/app/jobs/runner.ts). Progress on stderr, a
 * summary on stdout, one line per failed job on stderr; exit 1 when a job failed.
 */
import type { JobFailure } from '../../app/jobs/runner.js';
import type { Lang } from '../../policy/model.js';
import { CliError } from '../errors.js';
import { ProgressLine, STORE_OPTS, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const JOBS_RUN_ONCE_OPTS = { ...STORE_OPTS } as const;

/** One line about a failed job. */
export function failureLine(f: JobFailure, lang: Lang): string {
  return tr(
    lang,
    `任务 ${f.key}（第 ${f.attempt} 次）失败：${f.error}${f.retry ? '；稍后将自动重试' : '；已达最大尝试次数，不再重试'}`,
    `job ${f.key} (attempt ${f.attempt}) failed: ${f.error}${f.retry ? '; it will be retried later' : '; no attempts left, it stays failed'}`,
  );
}

export async function jobsRunOnceCommand(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  return withCliApp(ctx, async (app) => {
    // Loaded here, so that `rongcuo serve`, which imports failureLine, stays quick to start.
    const [{ JOB_HANDLERS, scheduleRecurring }, { JobRunner }] = await Promise.all([
      import('../../app/jobs/handlers.js'),
      import('../../app/jobs/runner.js'),
    ]);
    await scheduleRecurring(app.ctx);
    const runner = new JobRunner(app.ctx, JOB_HANDLERS);
    const progress = new ProgressLine(ctx.io.stderr);
    const started = performance.now();
    const summary = await runner.runOnce((job, failure, n) => {
      progress.update(
        L(`已运行 ${n} 个任务（当前：${job.key}）…`, `${n} jobs run (now: ${job.key})…`),
      );
      if (failure) ctx.io.stderr.write(`rongcuo: ${failureLine(failure, ctx.lang)}\n`);
    });
    progress.done();
    const ms = Math.round(performance.now() - started);
    out(
      ctx,
      L(
        `已完成 ${summary.done} 个到期任务，失败 ${summary.failures.length} 个（${ms} ms）。\n`,
        `${summary.done} due jobs done, ${summary.failures.length} failed (${ms} ms).\n`,
      ),
    );
    if (summary.failures.length > 0) {
      throw new CliError(
        {
          zh: `${summary.failures.length} 个任务失败，见上方各行。`,
          en: `${summary.failures.length} jobs failed; see the lines above.`,
        },
        1,
      );
    }
    return 0;
  });
}
