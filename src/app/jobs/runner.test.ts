import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.js';
import { describeStores, testDatabaseUrl } from '../../store/testing/harness.js';
import type { AppContext } from '../context.js';
import { jobs, schema, type Schema } from '../tables.js';
import { contextFor, TestClock } from '../testing/world.js';
import { backoffMs, JobRunner, scheduleJob, type JobHandler } from './runner.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function jobRow(ctx: AppContext, key: string) {
  const [row] = await ctx.store.db.select().from(jobs).where(eq(jobs.key, key));
  if (!row) throw new Error(`no job ${key}`);
  return row;
}

describeStores<Schema>(
  'the job runner',
  (getStore, kind) => {
    const clock = new TestClock(new Date('2025-03-03T02:00:00Z'));
    const ctx = () => contextFor(getStore(), clock);
    const others: Store<Schema>[] = [];
    afterAll(async () => {
      for (const s of others) await s.close();
    });

    it('schedules a key once however often it is scheduled', async () => {
      const job = { kind: 'k.once', key: 'k.once:1', runAt: clock.now() };
      expect(await scheduleJob(ctx().store.db, job)).toBe(true);
      expect(await scheduleJob(ctx().store.db, job)).toBe(false);
      const rows = await ctx().store.db.select().from(jobs).where(eq(jobs.kind, 'k.once'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: 'pending', attempts: 0 });
    });

    it('runs each job exactly once when two runners race for them', async () => {
      // On PostgreSQL the second runner has a store (a pool of connections) of its own, as a second
      // app instance would; on PGlite both share the one connection.
      let second = ctx();
      if (kind === 'postgres') {
        const store = await openStore<Schema>({
          databaseUrl: testDatabaseUrl!,
          searchPath: getStore().searchPath!,
          schema,
        });
        others.push(store);
        second = contextFor(store, clock);
      }
      const n = 60;
      for (let i = 0; i < n; i++) {
        await scheduleJob(ctx().store.db, {
          kind: 'k.race',
          key: `k.race:${i}`,
          runAt: new Date(clock.now().getTime() - 1000),
          payload: { i },
        });
      }
      const runs = new Map<number, string[]>();
      const handler =
        (who: string): JobHandler =>
        async (_ctx, job) => {
          const i = job.payload['i'] as number;
          runs.set(i, [...(runs.get(i) ?? []), who]);
          await sleep(2);
        };
      const a = new JobRunner(ctx(), { 'k.race': handler('a') }, { batch: 3 });
      const b = new JobRunner(second, { 'k.race': handler('b') }, { batch: 3 });
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(ra.failures).toEqual([]);
      expect(rb.failures).toEqual([]);
      expect(ra.done + rb.done).toBe(n);
      expect(runs.size).toBe(n);
      for (const [, who] of runs) expect(who).toHaveLength(1);
      const rows = await ctx().store.db.select().from(jobs).where(eq(jobs.kind, 'k.race'));
      expect(rows.every((r) => r.state === 'done' && r.attempts === 1)).toBe(true);
      // Once done, nothing is claimed again.
      expect((await a.runOnce()).done + (await b.runOnce()).done).toBe(0);
    });

    it('retries a failed job with backoff, keeping its last error, until it succeeds', async () => {
      let calls = 0;
      const runner = new JobRunner(ctx(), {
        'k.flaky': async () => {
          calls += 1;
          if (calls <= 2) throw new Error(`down #${calls}`);
        },
      });
      await scheduleJob(ctx().store.db, { kind: 'k.flaky', key: 'k.flaky:1', runAt: clock.now() });
      const first = await runner.runOnce();
      expect(first.failures).toMatchObject([
        { key: 'k.flaky:1', attempt: 1, error: 'down #1', retry: true },
      ]);
      let row = await jobRow(ctx(), 'k.flaky:1');
      expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'down #1' });
      expect(row.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(1));
      // Not before its time.
      expect(await runner.runOnce()).toEqual({ done: 0, failures: [] });
      clock.instant = new Date(clock.instant.getTime() + backoffMs(1));
      expect((await runner.runOnce()).failures).toMatchObject([{ attempt: 2, error: 'down #2' }]);
      row = await jobRow(ctx(), 'k.flaky:1');
      expect(backoffMs(2)).toBe(2 * backoffMs(1));
      expect(row.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(2));
      clock.instant = new Date(clock.instant.getTime() + backoffMs(2));
      expect(await runner.runOnce()).toEqual({ done: 1, failures: [] });
      row = await jobRow(ctx(), 'k.flaky:1');
      expect(row).toMatchObject({ state: 'done', attempts: 3, lastError: 'down #2' });
      expect(row.lockedUntil).toBeNull();
      expect(calls).toBe(3);
    });

    it('gives up after the last attempt and keeps the job failed with its error', async () => {
      const runner = new JobRunner(ctx(), {
        'k.broken': async () => {
          throw new Error('always');
        },
      });
      await scheduleJob(ctx().store.db, {
        kind: 'k.broken',
        key: 'k.broken:1',
        runAt: clock.now(),
        maxAttempts: 2,
      });
      expect((await runner.runOnce()).failures).toMatchObject([{ retry: true }]);
      clock.instant = new Date(clock.instant.getTime() + backoffMs(1));
      expect((await runner.runOnce()).failures).toMatchObject([{ attempt: 2, retry: false }]);
      clock.instant = new Date(clock.instant.getTime() + 86_400_000);
      expect(await runner.runOnce()).toEqual({ done: 0, failures: [] });
      const row = await jobRow(ctx(), 'k.broken:1');
      expect(row).toMatchObject({ state: 'failed', attempts: 2, lastError: 'always' });
      expect(row.finishedAt).not.toBeNull();
    });

    it('takes over a job whose runner died once its lease has expired, and the late runner cannot overwrite it', async () => {
      const ran: string[] = [];
      const handlers = (who: string) => ({
        'k.lease': async () => {
          ran.push(who);
        },
      });
      const dead = new JobRunner(ctx(), handlers('dead'), { id: 'dead', leaseMs: 60_000 });
      const alive = new JobRunner(ctx(), handlers('alive'), { id: 'alive', leaseMs: 60_000 });
      await scheduleJob(ctx().store.db, { kind: 'k.lease', key: 'k.lease:1', runAt: clock.now() });
      const [claimed] = await dead.claim();
      expect(claimed).toMatchObject({ key: 'k.lease:1', attempt: 1 });
      // Leased: the other runner leaves it alone…
      expect(await alive.runOnce()).toEqual({ done: 0, failures: [] });
      clock.instant = new Date(clock.instant.getTime() + 59_000);
      expect(await alive.runOnce()).toEqual({ done: 0, failures: [] });
      // …until the lease has run out.
      clock.instant = new Date(clock.instant.getTime() + 1_000);
      expect(await alive.runOnce()).toEqual({ done: 1, failures: [] });
      expect(ran).toEqual(['alive']);
      let row = await jobRow(ctx(), 'k.lease:1');
      expect(row).toMatchObject({ state: 'done', attempts: 2, lockedBy: 'alive' });
      // The first runner wakes up and finishes: its claim is void, the row stays as it is.
      await dead.run(claimed!);
      row = await jobRow(ctx(), 'k.lease:1');
      expect(row).toMatchObject({ state: 'done', attempts: 2, lockedBy: 'alive' });
    });

    it('fails a job whose lease expired on its last attempt instead of running it again', async () => {
      const runner = new JobRunner(
        ctx(),
        { 'k.overrun': async () => undefined },
        { leaseMs: 1_000 },
      );
      await scheduleJob(ctx().store.db, {
        kind: 'k.overrun',
        key: 'k.overrun:1',
        runAt: clock.now(),
        maxAttempts: 1,
      });
      expect(await runner.claim()).toHaveLength(1);
      clock.instant = new Date(clock.instant.getTime() + 1_000);
      expect(await runner.runOnce()).toEqual({ done: 0, failures: [] });
      const row = await jobRow(ctx(), 'k.overrun:1');
      expect(row.state).toBe('failed');
      expect(row.lastError).toMatch(/^lease expired/);
    });

    it('claims only the kinds it has a handler for', async () => {
      await scheduleJob(ctx().store.db, { kind: 'k.other', key: 'k.other:1', runAt: clock.now() });
      const runner = new JobRunner(ctx(), { 'k.mine': async () => undefined });
      expect(await runner.claim()).toEqual([]);
      expect((await jobRow(ctx(), 'k.other:1')).state).toBe('pending');
    });

    it('runs in a loop until stopped, and reports failures', async () => {
      let n = 0;
      const failures: string[] = [];
      const runner = new JobRunner(ctx(), {
        'k.loop': async (_c, job) => {
          n += 1;
          if (job.payload['bad']) throw new Error('bad payload');
        },
      });
      await scheduleJob(ctx().store.db, { kind: 'k.loop', key: 'k.loop:1', runAt: clock.now() });
      const loop = runner.start({ intervalMs: 10, onFailure: (f) => failures.push(f.error) });
      await scheduleJob(ctx().store.db, {
        kind: 'k.loop',
        key: 'k.loop:2',
        runAt: clock.now(),
        payload: { bad: true },
      });
      for (let i = 0; i < 200 && failures.length === 0; i++) await sleep(10);
      await loop.stop();
      expect(n).toBe(2);
      expect(failures).toEqual(['bad payload']);
      const after = n;
      await scheduleJob(ctx().store.db, { kind: 'k.loop', key: 'k.loop:3', runAt: clock.now() });
      await sleep(50);
      expect(n).toBe(after);
    });
  },
  { open: { schema } },
);
