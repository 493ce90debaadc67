import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { parseArgs } from '../args.js';
import { cli, expectOneLineError, tempDir } from '../testing/run.js';
import type { StartedServer } from '../../server/index.js';
import { serve, SERVE_OPTS } from './serve.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** Runs `rongcuo serve ARGS` in-process; `use` talks to it, then it is stopped. */
async function serving(
  argv: string[],
  use: (url: string) => Promise<void>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stop = new AbortController();
  let failure: unknown;
  const code = await serve(
    {
      io: {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        stdin: Readable.from([]),
        cwd: process.cwd(),
        env: {},
      },
      lang: argv.includes('en') ? 'en' : 'zh',
      args: parseArgs(argv, SERVE_OPTS),
    },
    {
      signal: stop.signal,
      onListening: (s: StartedServer) => {
        use(s.url).then(
          () => stop.abort(),
          (e: unknown) => {
            failure = e;
            stop.abort();
          },
        );
      },
    },
  );
  if (failure) throw failure;
  return { code, stdout, stderr };
}

describe('rongcuo serve', () => {
  it('seeds the demo on first start, prints the logins and the URL, and serves', async () => {
    const data = join(tmp.dir, 'first');
    const r = await serving(['--data', data, '--port', '0', '--lang', 'en'], async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', store: 'pglite' });
      // A demo login works and sees the demo's cases.
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'intake', password: 'demo-intake-2025', client: 'api' }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const list = await fetch(`${url}/api/cases`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(list.status).toBe(200);
      expect(await list.text()).toContain('X新容申〔20');
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the store has no users yet; seeding the demo');
    expect(r.stdout).toMatch(/Seeded the demo: \d+ cases/);
    expect(r.stdout).toMatch(/^intake +demo-intake-2025 +Intake officer \(intake\)/m);
    expect(r.stdout).toMatch(/rongcuo is serving at http:\/\/127\.0\.0\.1:\d+ /);
    expect(r.stdout).toMatch(/Ready \d+ ms after the process started/);
    expect(r.stderr).toContain('abort received, stopping');

    // The next start does not seed again; it reminds of the demo logins. The lock was released.
    const again = await serving(['--data', data, '--port', '0'], async (url) => {
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('已写入演示数据');
    expect(again.stdout).toContain('演示存储：可用 intake / demo-intake-2025');
    expect(again.stderr).not.toContain('演示数据');

    // And `rongcuo demo` refuses the seeded store.
    expectOneLineError(await cli(['demo', '--data', data]), 1, '--force');
  }, 300_000);

  it('--no-demo leaves an empty store empty and says how to add a user', async () => {
    const data = join(tmp.dir, 'empty');
    const r = await serving(['--data', data, '--port', '0', '--no-demo'], async (url) => {
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rongcuo user add');
    const app = await openApp({ dataDir: data, migrate: false });
    try {
      const n = await app.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
      expect(n.rows[0]!.n).toBe(0);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('a port in use: one line, exit 1, and the store is closed again', async () => {
    const data = join(tmp.dir, 'busy');
    await serving(['--data', join(tmp.dir, 'holder'), '--port', '0', '--no-demo'], async (url) => {
      const port = new URL(url).port;
      const r = await cli(['serve', '--data', data, '--port', port, '--lang', 'en']);
      // Found before the demo is seeded.
      expectOneLineError(r, 1, `127.0.0.1:${port} is already in use`, '--port');
      const app = await openApp({ dataDir: data, migrate: false });
      await app.close();
    });
  }, 120_000);

  it('bad options: exit 2', async () => {
    expectOneLineError(await cli(['serve', '--port', 'http']), 2, '--port');
    expectOneLineError(await cli(['serve', '--port', '70000']), 2, '--port');
    expectOneLineError(await cli(['serve', '--portt', '1']), 2, '--port');
  });
});
