import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { parseArgs } from '../args.js';
import { tempDir } from '../testing/run.js';
import { serve, SERVE_OPTS } from './serve.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** Runs `rongcuo serve ARGS` in-process until it listens, then stops it; its stderr. */
async function serveOnce(argv: string[], env: Record<string, string> = {}): Promise<string> {
  let stderr = '';
  const stop = new AbortController();
  const code = await serve(
    {
      io: {
        stdout: { write: () => true },
        stderr: { write: (s: string) => (stderr += s) },
        stdin: Readable.from([]),
        cwd: process.cwd(),
        env,
      },
      lang: 'en',
      args: parseArgs(argv, SERVE_OPTS),
    },
    { signal: stop.signal, onListening: () => stop.abort() },
  );
  expect(code).toBe(0);
  return stderr;
}

async function sweeps(data: string): Promise<{ key: string; state: string }[]> {
  const app = await openApp({ dataDir: data });
  try {
    return (
      await app.store.query<{ key: string; state: string }>(
        `SELECT key, state FROM jobs WHERE kind = 'reminders.sweep' ORDER BY key`,
      )
    ).rows;
  } finally {
    await app.close();
  }
}

describe('rongcuo serve runs the background jobs', () => {
  it('schedules the daily sweep and runs due jobs in-process', async () => {
    const data = join(tmp.dir, 'on');
    const stderr = await serveOnce(['--data', data, '--port', '0', '--no-demo']);
    expect(stderr).not.toMatch(/job .* failed|could not run/);
    // Files stored in clear (the default) are said to be for demos and development only.
    expect(stderr).toContain('uploaded files are stored unencrypted (RONGCUO_ENCRYPTION=none)');
    const rows = await sweeps(data);
    // Today's sweep (China time) is scheduled; if its hour has come it ran, and tomorrow's too.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.key).toMatch(/^reminders\.sweep:\d{4}-\d{2}-\d{2}$/);
    for (const r of rows) expect(['pending', 'running', 'done']).toContain(r.state);
  }, 60_000);

  it('leaves them alone with --no-jobs or RONGCUO_JOBS=off', async () => {
    const flag = join(tmp.dir, 'flag');
    await serveOnce(['--data', flag, '--port', '0', '--no-demo', '--no-jobs']);
    expect(await sweeps(flag)).toEqual([]);
    const env = join(tmp.dir, 'env');
    await serveOnce(['--data', env, '--port', '0', '--no-demo'], { RONGCUO_JOBS: 'off' });
    expect(await sweeps(env)).toEqual([]);
  }, 60_000);
});
