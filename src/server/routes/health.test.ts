import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { buildWorld, type World } from '../../app/testing/world.js';
import type { AppContext } from '../../app/context.js';
import { schema, type Schema } from '../../app/tables.js';
import { describeStores, openTestStore } from '../../store/testing/harness.js';
import { buildServer } from '../server.js';
import { versionInfo } from '../version.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

function withObservability(
  ctx: AppContext,
  o: Partial<AppContext['settings']['observability']>,
): AppContext {
  return {
    ...ctx,
    settings: { ...ctx.settings, observability: { ...ctx.settings.observability, ...o } },
  };
}

async function get(ctx: AppContext, url: string) {
  const app = await buildServer(ctx);
  try {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  } finally {
    await app.close();
  }
}

describeStores<Schema>(
  'health: live and ready',
  (getStore, kind) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    }, 60_000);

    it('live: 200 with the version and the build, never cached', async () => {
      const res = await get(withObservability(w.ctx, { build: 'abc1234' }), '/api/health/live');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({
        status: 'live',
        version: VERSION,
        build: { id: 'abc1234', source: 'env' },
        uptimeSeconds: expect.any(Number),
      });
    });

    it('ready: 200 when the store answers, the migrations are current and disk is free', async () => {
      const res = await get(w.ctx, '/api/health/ready');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.status).toBe('ready');
      expect(res.body.version).toBe(VERSION);
      const names = (res.body.checks as { name: string; ok: boolean }[]).map((c) => [c.name, c.ok]);
      // The test store is in memory (PGlite) or on a server: no data directory to measure.
      expect(names).toEqual([
        ['store', true],
        ['migrations', true],
        ['disk_tmp', true],
      ]);
      expect(res.body.checks[0].message.zh).toContain(kind);
      // The first check keeps its shape.
      expect((await get(w.ctx, '/api/health')).body).toEqual({ status: 'ok', store: kind });
    });

    it('ready: 503 naming the disk when less space is free than the setting asks', async () => {
      const res = await get(
        withObservability(w.ctx, { readyMinFreeMb: 10_000_000 }),
        '/api/health/ready',
      );
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('not_ready');
      const disk = res.body.checks.find((c: { name: string }) => c.name === 'disk_tmp');
      expect(disk.ok).toBe(false);
      expect(disk.message.en).toMatch(/under the 10000000 MB required/);
      expect(disk.message.zh).toMatch(/少于要求的 10000000 MB/);
    });

    it('ready: 503 naming the migrations when the store lacks some; live stays 200', async () => {
      const bare = await openTestStore<Schema>(kind, { migrate: false, open: { schema } });
      try {
        const ctx = { ...w.ctx, store: bare.store };
        const res = await get(ctx, '/api/health/ready');
        expect(res.status).toBe(503);
        const byName = Object.fromEntries(
          res.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok]),
        );
        expect(byName).toMatchObject({ store: true, migrations: false });
        const migrations = res.body.checks.find((c: { name: string }) => c.name === 'migrations');
        expect(migrations.message.en).toMatch(/not applied: run rongcuo migrate/);
      } finally {
        await bare.cleanup();
      }
    });

    it('with the store gone: ready and /api/health 503, live 200 (it calls no store)', async () => {
      const gone = await openTestStore<Schema>(kind, { open: { schema } });
      await gone.cleanup();
      const ctx = { ...w.ctx, store: gone.store };
      expect((await get(ctx, '/api/health/live')).status).toBe(200);
      const ready = await get(ctx, '/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.slice(0, 2)).toMatchObject([
        { name: 'store', ok: false, message: { en: expect.stringContaining('STORE_CLOSED') } },
        { name: 'migrations', ok: false },
      ]);
      expect((await get(ctx, '/api/health')).status).toBe(503);
    });
  },
  { open: { schema } },
);

it('reads the build from RONGCUO_BUILD, else the file BUILD at the package root, else the git checkout', async () => {
  const { mkdirSync, mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const root = mkdtempSync(join(tmpdir(), 'rongcuo-build-'));
  try {
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'rongcuo', version: '9.9.9' }),
    );
    expect(versionInfo(undefined, root)).toEqual({
      version: '9.9.9',
      build: { id: null, source: 'unknown' },
    });
    // A git checkout: HEAD names a branch, loose or packed; or HEAD is detached.
    const sha = '0123456789abcdef0123456789abcdef01234567';
    mkdirSync(join(root, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(root, '.git', 'packed-refs'), `# pack-refs\n${sha} refs/heads/main\n`);
    expect(versionInfo(undefined, root).build).toEqual({ id: '0123456789ab', source: 'git' });
    writeFileSync(join(root, '.git', 'refs', 'heads', 'main'), `${'f'.repeat(40)}\n`);
    expect(versionInfo(undefined, root).build.id).toBe('ffffffffffff');
    writeFileSync(join(root, '.git', 'HEAD'), `${sha}\n`);
    expect(versionInfo(undefined, root).build.id).toBe('0123456789ab');
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/gone\n');
    expect(versionInfo(undefined, root).build).toEqual({ id: null, source: 'unknown' });
    writeFileSync(join(root, 'BUILD'), 'f00dfeed\n');
    expect(versionInfo(undefined, root).build).toEqual({ id: 'f00dfeed', source: 'file' });
    expect(versionInfo('cafe123', root).build).toEqual({ id: 'cafe123', source: 'env' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
