import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { cli, tempDir } from '../testing/run.js';

const tmp = tempDir();
const data = join(tmp.dir, 'store');

/** Runs raw SQL on the closed store (opening and closing it). */
async function sql(text: string, params: unknown[] = []) {
  const app = await openApp({ dataDir: data });
  try {
    return (await app.store.query<Record<string, unknown>>(text, params)).rows;
  } finally {
    await app.close();
  }
}

beforeAll(async () => {
  // A sweep that is due: its day's 07:00 has passed, whatever the hour of the test.
  await sql(
    `INSERT INTO jobs (kind, key, run_at) VALUES ('reminders.sweep', 'reminders.sweep:test', now() - interval '1 hour')`,
  );
}, 60_000);
afterAll(() => tmp.remove());

describe('rongcuo jobs run-once', () => {
  it('runs the due jobs, says how many, and schedules the next sweep', async () => {
    const r = await cli(['jobs', 'run-once', '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The sweep, and the trails' jobs due by then (the day's purge at 03:00 China time).
    expect(r.stdout).toMatch(/^已完成 [1-3] 个到期任务，失败 0 个（\d+ ms）。\n$/);
    const [row] = await sql(`SELECT state, attempts FROM jobs WHERE key = 'reminders.sweep:test'`);
    expect(row).toEqual({ state: 'done', attempts: 1 });
    // The sweep scheduled tomorrow's (China time), to run at 07:00 there. Before 07:00 in China
    // (16:00–23:00 UTC) today's, scheduled when the runner started, is still pending beside it.
    const next = await sql(
      `SELECT key, run_at FROM jobs WHERE kind = 'reminders.sweep' AND state = 'pending' ORDER BY run_at`,
    );
    const beforeSeven = new Date(Date.now() + 8 * 3600_000).getUTCHours() < 7;
    expect(next).toHaveLength(beforeSeven ? 2 : 1);
    for (const job of next) {
      expect(job['key']).toMatch(/^reminders\.sweep:\d{4}-\d{2}-\d{2}$/);
      expect((job['run_at'] as Date).getUTCHours()).toBe(23);
    }
    // Nothing is due any more.
    const again = await cli(['jobs', 'run-once', '--data', data, '--lang', 'en']);
    expect(again.stdout).toMatch(/^0 due jobs done, 0 failed \(\d+ ms\)\.\n$/);
  }, 60_000);

  it('reports a failed job in one line, keeps its error and exits 1', async () => {
    await sql(
      `INSERT INTO jobs (kind, key, run_at) VALUES ('reminders.sweep', 'reminders.sweep:broken', now() - interval '1 hour')`,
    );
    await sql(`ALTER TABLE notifications RENAME TO notifications_away`);
    try {
      const r = await cli(['jobs', 'run-once', '--data', data, '--lang', 'en']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^\d+ due jobs done, 1 failed/);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(
        /^rongcuo: job reminders\.sweep:broken \(attempt 1\) failed: .*notifications.*; it will be retried later$/,
      );
      expect(lines[1]).toBe('rongcuo: 1 jobs failed; see the lines above.');
      expect(r.stderr).not.toMatch(/\bat (Object\.|async |new |file:|\/)/);
    } finally {
      await sql(`ALTER TABLE notifications_away RENAME TO notifications`);
    }
    const [row] = await sql(
      `SELECT state, attempts, last_error FROM jobs WHERE key = 'reminders.sweep:broken'`,
    );
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row!['last_error']).toMatch(/notifications/);
  }, 60_000);

  it('has its help', async () => {
    const r = await cli(['jobs', 'run-once', '--help', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: rongcuo jobs run-once');
  });
});
