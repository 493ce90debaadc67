/**
 * rongcuo serve reads its settings (src/config): port, store, TLS, HTTPS behind a proxy; half a
 * TLS configuration or an unreadable certificate stops it in one line; on the embedded store it
 * listens for `rongcuo backup` on <data>/backup.sock while it serves, and removes it after; on
 * SIGHUP it reads the key ring file again.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { REENCRYPT_KIND } from '../../app/blobs/job.js';
import { openApp } from '../../app/bootstrap.js';
import { jobs } from '../../app/tables.js';
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
  use: (url: string, stderrSoFar: () => string) => Promise<void>,
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
        use(s.url, () => stderr).then(
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

  it('reads the key ring file again on SIGHUP, and keeps the ring in use when the file cannot serve', async () => {
    const file = join(tmp.dir, 'keys');
    const key = () => randomBytes(16).toString('base64');
    writeFileSync(file, `k1:${key()}\n`);
    const env = {
      RONGCUO_ENCRYPTION: 'sm4',
      RONGCUO_ENCRYPTION_KEYS_FILE: file,
      RONGCUO_ENCRYPTION_KEY_ID: 'k1',
      RONGCUO_PORT: '0',
    };
    const data = join(tmp.dir, 'store-keys');
    const listeners = process.listenerCount('SIGHUP');
    const r = await serving(['--data', data, '--no-demo'], env, async (_url, stderr) => {
      writeFileSync(file, `k1:${key()}\nk2:${key()}\n@write k2\n`);
      process.emit('SIGHUP', 'SIGHUP');
      // With the background jobs on, the re-encryption under the new key is scheduled at once.
      await expect.poll(stderr).toContain('the re-encryption of older files is scheduled');
      writeFileSync(file, `k2:${key()}\n@write k3\n`);
      process.emit('SIGHUP', 'SIGHUP');
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "rongcuo: read the key ring again: keys k1, k2; new files are written with 'k2'.",
    );
    expect(r.stderr).toContain(
      `rongcuo: the key ring could not be read again; the one in use stays: The key 'k3' named by ${file} (@write) is not in the key ring`,
    );
    // Its listener goes when it stops.
    expect(process.listenerCount('SIGHUP')).toBe(listeners);
    const app = await openApp({ dataDir: data, databaseUrl: undefined });
    try {
      const keys = (await app.store.db.select({ key: jobs.key }).from(jobs)).map((j) => j.key);
      expect(keys.filter((k) => k.startsWith(`${REENCRYPT_KIND}:`))).toEqual(
        expect.arrayContaining([expect.stringContaining(':k2:')]),
      );
    } finally {
      await app.close();
    }
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
