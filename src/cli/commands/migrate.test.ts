import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { defaultMigrationsDir } from '../../store/index.js';
import { cli, expectOneLineError, tempDatabase, tempDir, testDatabaseUrl } from '../testing/run.js';

const tmp = tempDir();

/** How many migrations ship (the messages count them). */
const shippedMigrations = () =>
  readdirSync(defaultMigrationsDir()).filter((f) => /^\d{4}_.*\.sql$/.test(f)).length;
afterAll(() => tmp.remove());

describe('rongcuo migrate on PGlite', () => {
  const data = join(tmp.dir, 'store');

  it('installs the shipped instruments, and names once on stderr a stored one whose file differs', async () => {
    const where = join(tmp.dir, 'instruments');
    expect((await cli(['migrate', '--data', where])).stderr).toBe('');
    const app = await openApp({ dataDir: where, migrate: false });
    try {
      // As if the shipped file had changed since: the stored body is another.
      await app.store.query(
        `UPDATE evaluation_instruments SET body = jsonb_set(body, '{title,en}', '"Edited"')
          WHERE id = 'seed000-v1'`,
      );
    } finally {
      await app.close();
    }
    const again = await cli(['migrate', '--data', where, '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^rongcuo: the store already has instrument seed000-v1 .* kept\./),
    ]);
    const kept = await openApp({ dataDir: where, migrate: false });
    try {
      const { rows } = await kept.store.query<{ t: string }>(
        `SELECT body->'title'->>'en' AS t FROM evaluation_instruments WHERE id = 'seed000-v1'`,
      );
      expect(rows).toEqual([{ t: 'Edited' }]);
    } finally {
      await kept.close();
    }
  }, 120_000);

  it('applies the migrations once and says so; then there is nothing to apply', async () => {
    const first = await cli(['migrate', '--data', data]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`存储：${data}`);
    expect(first.stdout).toMatch(/已应用迁移 0001_foundation（\d+ ms）/);
    expect(first.stdout).toMatch(/已应用迁移 0002_domain/);
    const n = shippedMigrations();
    expect(n).toBeGreaterThanOrEqual(4);
    expect(first.stdout).toContain(`已应用 ${n} 个迁移，共 ${n} 个`);
    const again = await cli(['migrate', '--data', data, '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `Nothing to apply: the database is up to date (${n} migrations).`,
    );
    expect(again.stdout).not.toContain('applied 0001');
    // The lock is released when the command ends: the store opens again.
    const app = await openApp({ dataDir: data, migrate: false });
    await app.close();
  }, 120_000);

  it('a relative --data is resolved against the working directory', async () => {
    const r = await cli(['migrate', '--data', 'rel-store'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(tmp.dir, 'rel-store'));
  }, 120_000);

  it('a data directory that is a file: one line, exit 1', async () => {
    const file = join(tmp.dir, 'not-a-dir');
    writeFileSync(file, 'x');
    expectOneLineError(await cli(['migrate', '--data', file]), 1, 'STORE_DATA_DIR', file);
  });

  it('bad usage: exit 2', async () => {
    expectOneLineError(await cli(['migrate', '--dta', 'x']), 2, '--dta', '--data');
    expectOneLineError(await cli(['migrate', 'extra']), 2, '“extra”');
    expectOneLineError(await cli(['migrat']), 2, '“migrate”');
  });

  it('a DATABASE_URL that is not PostgreSQL: one line naming the problem, no secret', async () => {
    const r = await cli(['migrate'], { env: { DATABASE_URL: 'mysql://root:secret@db/x' } });
    expectOneLineError(r, 1, 'STORE_BAD_URL');
    expect(r.stderr).not.toContain('secret');
  });

  it('prints its help', async () => {
    const r = await cli(['migrate', '--help', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: rongcuo migrate [--data DIR]');
  });
});

// The real entry point against a store held open by this process.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js'));
if (!built) {
  console.warn(
    'migrate.test.ts: the lock test is skipped — dist/ is missing; build first with npx tsc -p tsconfig.build.json',
  );
}

describe.skipIf(!built)(
  'a second process on the same data directory (spawned; needs a build)',
  () => {
    it('is refused with one clear line naming the holder, exit 1', async () => {
      const data = join(tmp.dir, 'locked');
      const app = await openApp({ dataDir: data });
      try {
        const child = spawn(
          process.execPath,
          [join(root, 'bin', 'rongcuo.js'), 'migrate', '--data', data, '--lang', 'en'],
          { cwd: root, env: { ...process.env, DATABASE_URL: '' } },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(stdout).toBe('');
        expect(code).toBe(1);
        expect(stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(stderr).toMatch(/^rongcuo: STORE_LOCKED: /);
        expect(stderr).toContain(`pid ${process.pid}`);
        expect(stderr).toContain(data);
      } finally {
        await app.close();
      }
    }, 120_000);
  },
);

describe.skipIf(!testDatabaseUrl)('rongcuo migrate on PostgreSQL (DATABASE_URL)', () => {
  it('migrates a fresh database through DATABASE_URL; --data still means PGlite', async () => {
    const db = await tempDatabase(testDatabaseUrl!);
    try {
      const env = { DATABASE_URL: db.url };
      const first = await cli(['migrate'], { env });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(`已应用 ${shippedMigrations()} 个迁移`);
      expect(first.stdout).not.toMatch(/:[^@/]*@/); // no password shown
      const again = await cli(['migrate'], { env });
      expect(again.stdout).toContain('没有待应用的迁移');
      const local = await cli(['migrate', '--data', join(tmp.dir, 'pg-override')], { env });
      expect(local.stdout).toContain(join(tmp.dir, 'pg-override'));
    } finally {
      await db.drop();
    }
  }, 120_000);
});
