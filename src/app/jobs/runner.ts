/**
 * The job runner: work kept in the `jobs` table (migration 0021), done by whichever app instance
 * claims it first.
 *
 * - **Claim**: one plain transaction picks the due jobs with `SELECT … FOR UPDATE SKIP LOCKED` and
 *   marks them running with a lease (`locked_until`) and the runner's id. A second instance skips
 *   the rows being claimed and, once they are claimed, sees them running: each job is run by one
 *   runner. On PGlite (one connection) the same SQL runs; transactions simply take turns.
 * - **Run**: the handler runs outside the claim's transaction (a long job holds no lock).
 * - **Finish**: done; or, when the handler throws, back to pending with a later `run_at`
 *   (exponential backoff) and the error kept in `last_error`, until `max_attempts` is reached and
 *   the job stays failed. The finishing update names the claim (runner id and attempt), so a runner
 *   whose lease ran out cannot overwrite the work of the runner that took the job over.
 * - **Crash**: a job whose runner died stays running until its lease expires; then it is claimed
 *   again (another attempt). So a job runs once unless its runner dies or overruns the lease: its
 *   handler must be safe to run again (the reminder sweep is: it inserts ON CONFLICT DO NOTHING).
 *
 * The clock is the app's (`ctx.now()`), never the database's, so tests can move time.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { jobs } from '../tables.js';

/** A claimed job, as its handler sees it. */
export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly key: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** This attempt's number, from 1. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly runAt: Date;
}

export type JobHandler = (ctx: AppContext, job: Job) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** How long a claim holds a job before another runner may take it over (a job's longest run). */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** Attempts before a job stays failed. */
export const DEFAULT_MAX_ATTEMPTS = 8;
/** At most this many jobs in one `runOnce`, so that a flood of jobs still yields. */
export const RUN_ONCE_LIMIT = 1_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 6 * 3_600_000;
const ERROR_MAX = 2_000;

/** The wait before attempt `failed + 1` after `failed` failures: 30 s, 1 min, 2 min, … at most 6 h. */
export function backoffMs(failed: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failed - 1), BACKOFF_CAP_MS);
}

export interface NewJob {
  readonly kind: string;
  /** Scheduling the same key again does nothing: one job per key, ever. */
  readonly key: string;
  readonly runAt: Date;
  readonly payload?: Record<string, unknown>;
  readonly maxAttempts?: number;
}

/** Schedules a job unless one with its key exists; true when this call added it. */
export async function scheduleJob(db: AnyDb, job: NewJob): Promise<boolean> {
  const added = await db
    .insert(jobs)
    .values({
      kind: job.kind,
      key: job.key,
      runAt: job.runAt,
      payload: job.payload ?? {},
      state: 'pending',
      attempts: 0,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return added.length === 1;
}

export interface JobFailure {
  readonly id: number;
  readonly kind: string;
  readonly key: string;
  readonly attempt: number;
  readonly error: string;
  /** Whether it will be tried again (else it stays failed). */
  readonly retry: boolean;
}

export interface RunSummary {
  readonly done: number;
  readonly failures: readonly JobFailure[];
}

export interface RunnerOptions {
  /** This runner's id in `locked_by` (default: a fresh random id). */
  readonly id?: string;
  readonly leaseMs?: number;
  /** Jobs claimed per transaction (default 10). */
  readonly batch?: number;
}

interface ClaimedRow {
  id: number;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

export class JobRunner {
  readonly id: string;
  readonly #leaseMs: number;
  readonly #batch: number;

  constructor(
    private readonly ctx: AppContext,
    private readonly handlers: JobHandlers,
    options: RunnerOptions = {},
  ) {
    this.id = options.id ?? `runner-${randomUUID()}`;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#batch = options.batch ?? 10;
  }

  /**
   * Claims up to `limit` due jobs of the kinds this runner handles: pending ones whose run_at has
   * come, and running ones whose lease has expired. A running job whose lease expired on its last
   * allowed attempt is marked failed instead.
   */
  async claim(limit = this.#batch): Promise<Job[]> {
    const now = this.ctx.now();
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return [];
    const leaseEnd = new Date(now.getTime() + this.#leaseMs);
    const rows = await this.ctx.store.tx(async (_tx, raw) => {
      await raw.query(
        `UPDATE jobs SET state = 'failed', locked_until = NULL, finished_at = $1,
           last_error = 'lease expired on the last attempt (the runner stopped or overran): ' || coalesce(last_error, '')
         WHERE state = 'running' AND locked_until <= $1 AND attempts >= max_attempts AND kind = ANY($2)`,
        [now, kinds],
      );
      const claimed = await raw.query<ClaimedRow>(
        `WITH due AS (
           SELECT id FROM jobs
           WHERE kind = ANY($2)
             AND ((state = 'pending' AND run_at <= $1) OR (state = 'running' AND locked_until <= $1))
           ORDER BY run_at, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs j
            SET state = 'running', attempts = j.attempts + 1, locked_until = $4, locked_by = $5
           FROM due
          WHERE j.id = due.id
         RETURNING j.id, j.kind, j.key, j.payload, j.attempts, j.max_attempts, j.run_at`,
        [now, kinds, limit, leaseEnd, this.id],
      );
      return claimed.rows;
    });
    return rows
      .map((r) => ({
        id: Number(r.id),
        kind: r.kind,
        key: r.key,
        payload: r.payload,
        attempt: r.attempts,
        maxAttempts: r.max_attempts,
        runAt: r.run_at,
      }))
      .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  }

  /** Runs one claimed job and records how it ended; the failure, if it failed. */
  async run(job: Job): Promise<JobFailure | undefined> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(this.ctx, job);
    } catch (e) {
      return this.#fail(job, e);
    }
    await this.ctx.store.query(
      `UPDATE jobs SET state = 'done', finished_at = $1, locked_until = NULL
        WHERE id = $2 AND state = 'running' AND locked_by = $3 AND attempts = $4`,
      [this.ctx.now(), job.id, this.id, job.attempt],
    );
    return undefined;
  }

  async #fail(job: Job, e: unknown): Promise<JobFailure> {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, ERROR_MAX);
    const retry = job.attempt < job.maxAttempts;
    const now = this.ctx.now();
    await this.ctx.store.query(
      `UPDATE jobs
          SET state = $1, run_at = $2, locked_until = NULL, last_error = $3,
              finished_at = CASE WHEN $1 = 'failed' THEN $4::timestamptz ELSE NULL END
        WHERE id = $5 AND state = 'running' AND locked_by = $6 AND attempts = $7`,
      [
        retry ? 'pending' : 'failed',
        retry ? new Date(now.getTime() + backoffMs(job.attempt)) : job.runAt,
        message,
        now,
        job.id,
        this.id,
        job.attempt,
      ],
    );
    return {
      id: job.id,
      kind: job.kind,
      key: job.key,
      attempt: job.attempt,
      error: message,
      retry,
    };
  }

  /**
   * Claims and runs due jobs, a batch at a time, until none is due (or RUN_ONCE_LIMIT were run).
   * `onJob` hears of each job as it ends.
   */
  async runOnce(
    onJob?: (job: Job, failure: JobFailure | undefined, count: number) => void,
  ): Promise<RunSummary> {
    let done = 0;
    const failures: JobFailure[] = [];
    while (done + failures.length < RUN_ONCE_LIMIT) {
      const batch = await this.claim();
      if (batch.length === 0) break;
      for (const job of batch) {
        const failure = await this.run(job);
        if (failure) failures.push(failure);
        else done += 1;
        onJob?.(job, failure, done + failures.length);
      }
    }
    return { done, failures };
  }

  /**
   * Runs due jobs now and then every `intervalMs` until stopped. `onError` hears of a round that
   * could not run (e.g. the database is unreachable) and of each failed job; the loop goes on.
   */
  start(options: {
    readonly intervalMs: number;
    readonly onError?: (error: unknown) => void;
    readonly onFailure?: (failure: JobFailure) => void;
  }): RunningLoop {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let current: Promise<void> = Promise.resolve();
    const round = async () => {
      try {
        const summary = await this.runOnce();
        for (const f of summary.failures) options.onFailure?.(f);
      } catch (e) {
        options.onError?.(e);
      }
    };
    const tick = () => {
      if (stopped) return;
      current = round().finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
    };
    tick();
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await current;
      },
    };
  }
}

export interface RunningLoop {
  /** Stops the loop and waits for the round under way to end. */
  stop(): Promise<void>;
}
