/**
 * rongcuo serve reads its settings (src/config): port, store, TLS, HTTPS behind a proxy; half a
 * TLS configuration or an unreadable certificate stops it in one line; on the embedded store it
 * listens for `rongcuo backup` on <data>/backup.sock while it serves, and removes it after.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { StartedServer } from '../../server/index.js';
import { BACKUP_SOCKET } from '../../store/backup-channel.js';
import { parseArgs } from '../args.js';
import { cli, expectOneLineError, tempDir } from '../testing/run.js';
import { serve, SERVE_OPTS } from './serve.js';

const tmp = tempDir('rongcuo-serve-settings-');
afterAll(() => tmp.remove());

async function serving(
  argv: string[],
  env: Record<string, string>,
  use: (url: string) => Promise<void>,
): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const stop = new AbortController();
  let failure: unknown;
  const code = await serve(
    {
      io: {
        stdout: { write: () => undefined },
        stderr: { write: (s: string) => (stderr += s) },
        stdin: Readable.from([]),
        cwd: process.cwd(),
        env,
      },
      lang: 'en',
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
  return { code, stderr };
}

/** GET over HTTPS trusting only `ca`. */
function httpsGet(url: string, ca: Buffer): Promise<{ status: number; hsts: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          hsts: res.headers['strict-transport-security'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('rongcuo serve’s settings', () => {
  it('refuses half a TLS configuration, an unreadable certificate and a bad proxy setting in one line', async () => {
    const data = join(tmp.dir, 'never');
    expectOneLineError(
      await cli(['serve', '--data', data, '--tls-cert', 'cert.pem', '--lang', 'en']),
      2,
      'RONGCUO_TLS_KEY',
    );
    expectOneLineError(
      await cli(['serve', '--data', data, '--lang', 'en'], {
        env: { RONGCUO_TLS_CERT: join(tmp.dir, 'missing.pem'), RONGCUO_TLS_KEY: 'k.pem' },
      }),
      2,
      'missing.pem',
    );
    expectOneLineError(
      await cli(['serve', '--data', data, '--trust-proxy', 'nginx', '--lang', 'en']),
      2,
      'RONGCUO_TRUST_PROXY',
    );
    expect(existsSync(data)).toBe(false);
  });

  it('serves HTTPS with the configured certificate (HSTS), or marks HTTPS behind a proxy, and takes backups while serving', async () => {
    const cert = join(tmp.dir, 'cert.pem');
    const key = join(tmp.dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const data = join(tmp.dir, 'store');
    const socket = join(data, BACKUP_SOCKET);
    const tls = { RONGCUO_TLS_CERT: cert, RONGCUO_TLS_KEY: key, RONGCUO_PORT: '0' };
    const r = await serving(['--data', data, '--no-demo', '--no-jobs'], tls, async (url) => {
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await httpsGet(`${url}/api/health`, readFileSync(cert));
      expect(res.status).toBe(200);
      expect(res.hsts).toContain('max-age=');
      // The backup channel is open while serving.
      expect(existsSync(socket)).toBe(true);
      const file = join(tmp.dir, 'while-serving.backup');
      const b = await cli(['backup', '--data', data, '--out', file, '--lang', 'en']);
      expect(b.code, b.stderr).toBe(0);
      expect(b.stdout).toContain('taken by the running server');
    });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(socket)).toBe(false);

    // Behind a proxy that ends TLS: plain HTTP here, HSTS sent.
    const env = { RONGCUO_HTTPS: 'true', RONGCUO_PORT: '0' };
    await serving(['--data', data, '--no-demo', '--no-jobs'], env, async (url) => {
      expect(url).toMatch(/^http:\/\//);
      const res = await fetch(`${url}/api/health`);
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    });
    // And without either, no HSTS (a plain local run still works).
    await serving(['--data', data, '--no-demo', '--no-jobs', '--port', '0'], {}, async (url) => {
      const res = await fetch(`${url}/api/health`);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });
  }, 300_000);
});
