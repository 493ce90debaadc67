/**
 * rongcuo backup and restore on both stores: a backup taken while a server holds the embedded
 * store and writes (a second process) restores into a new store identical to the backup — every
 * row, every chain head, audit verify passing — and into PostgreSQL; a backup of PostgreSQL taken
 * while writers write restores into another database and into the embedded store. Refusals: a
 * store with data (unless --force), a backup cut short, the store of a running server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { driveTo } from '../../app/testing/steps.js';
import { buildWorld } from '../../app/testing/world.js';
import { checkBackup, type BackupManifest } from '../../store/backup.js';
import { cli, expectOneLineError, tempDatabase, tempDir, testDatabaseUrl } from '../testing/run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const hooks = path.join(here, '..', '..', 'store', 'testing', 'ts-hooks.ts');
const childScript = path.join(here, '..', '..', 'app', 'testing', 'backup-child.ts');
const tmp = tempDir('rongcuo-backup-');
const cleanups: (() => Promise<void> | void)[] = [() => tmp.remove()];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** The backup's rows, sorted (the order rows are read in is not part of the backup). */
function rowsOf(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1).sort();
}

const manifestOf = (file: string): Promise<BackupManifest> => checkBackup(createReadStream(file));

/** The parts of two manifests that must be equal for identical stores. */
function sameStore(a: BackupManifest, b: BackupManifest): void {
  expect(b.tables).toEqual(a.tables);
  expect(b.heads).toEqual(a.heads);
  expect(b.migrations).toEqual(a.migrations);
  expect(b.sequences).toEqual(a.sequences);
}

function startServerChild(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--no-warnings', '--experimental-transform-types', '--import', hooks, childScript, dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
  });
}

describe('rongcuo backup and restore', () => {
  it('backs up the embedded store while its server writes, and restores it identical (also into PostgreSQL)', async () => {
    const live = path.join(tmp.dir, 'live');
    const file = path.join(tmp.dir, 'live.backup');
    const child = await startServerChild(live);

    // The server holds the directory: the CLI asks it, over backup.sock, while it writes.
    const b = await cli(['backup', '--data', live, '--out', file, '--lang', 'en']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('taken by the running server');
    const m = await manifestOf(file);
    expect(Object.keys(m.heads['cases'] ?? {}).length).toBeGreaterThanOrEqual(2);
    expect(m.store).toBe('pglite');

    // Restoring into the running server's store is refused: its lock says so.
    expectOneLineError(
      await cli(['restore', file, '--data', live, '--lang', 'en']),
      1,
      'STORE_LOCKED',
    );
    child.kill('SIGKILL');

    // Into a new directory: counts, heads and audit verify checked by the command itself.
    const copy = path.join(tmp.dir, 'copy');
    const r = await cli(['restore', file, '--data', copy, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('row counts and');
    expect(r.stdout).toContain('Audit chains intact');
    // Identical: a backup of the restored store has every row of the first.
    const again = path.join(tmp.dir, 'copy.backup');
    expect((await cli(['backup', '--data', copy, '--out', again])).code).toBe(0);
    sameStore(m, await manifestOf(again));
    expect(rowsOf(again)).toEqual(rowsOf(file));

    // A store with data is refused in one line; --force replaces its data.
    expectOneLineError(
      await cli(['restore', file, '--data', copy, '--lang', 'en']),
      1,
      'STORE_RESTORE_NOT_EMPTY',
      '--force',
    );
    expect((await cli(['restore', file, '--data', copy, '--force'])).code).toBe(0);

    // A backup cut short is refused before the store is touched.
    const cut = path.join(tmp.dir, 'cut.backup');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectOneLineError(
      await cli(['restore', cut, '--data', path.join(tmp.dir, 'never'), '--lang', 'en']),
      1,
      'STORE_BACKUP_INVALID',
    );

    // From the embedded store into PostgreSQL: the same rows.
    if (testDatabaseUrl) {
      const db = await tempDatabase(testDatabaseUrl);
      cleanups.push(db.drop);
      const env = { DATABASE_URL: db.url };
      const p = await cli(['restore', file, '--lang', 'en'], { env });
      expect(p.code, p.stderr).toBe(0);
      const fromPg = path.join(tmp.dir, 'from-pg.backup');
      expect((await cli(['backup', '--out', fromPg], { env })).code).toBe(0);
      sameStore(m, await manifestOf(fromPg));
      expect(rowsOf(fromPg)).toEqual(rowsOf(file));
    }
  }, 600_000);

  it.skipIf(!testDatabaseUrl)(
    'backs up PostgreSQL while writers write, and restores it into another database and into the embedded store',
    async () => {
      const source = await tempDatabase(testDatabaseUrl!);
      cleanups.push(source.drop);
      const app = await openApp({ databaseUrl: source.url });
      cleanups.push(() => app.close());
      const w = await buildWorld(app.store);
      await driveTo(w, 'verification');
      let writing = true;
      let written = 0;
      const writer = async () => {
        while (writing) {
          await driveTo(w, 'submitted');
          written++;
        }
      };
      const writers = [writer(), writer()];
      while (written < 2) await new Promise((r) => setTimeout(r, 50));

      const file = path.join(tmp.dir, 'pg.backup');
      const b = await cli(['backup', '--out', file, '--lang', 'en'], {
        env: { DATABASE_URL: source.url },
      });
      const during = written;
      writing = false;
      await Promise.all(writers);
      expect(b.code, b.stderr).toBe(0);
      expect(during).toBeGreaterThanOrEqual(2);
      const m = await manifestOf(file);
      expect(m.store).toBe('postgres');

      const target = await tempDatabase(testDatabaseUrl!);
      cleanups.push(target.drop);
      const r = await cli(['restore', file, '--lang', 'en'], { env: { DATABASE_URL: target.url } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Audit chains intact');
      const again = path.join(tmp.dir, 'pg-again.backup');
      expect(
        (await cli(['backup', '--out', again], { env: { DATABASE_URL: target.url } })).code,
      ).toBe(0);
      sameStore(m, await manifestOf(again));
      expect(rowsOf(again)).toEqual(rowsOf(file));

      // From PostgreSQL into the embedded store.
      const dir = path.join(tmp.dir, 'from-pg');
      const e = await cli(['restore', file, '--data', dir, '--lang', 'en']);
      expect(e.code, e.stderr).toBe(0);
      const fromPglite = path.join(tmp.dir, 'from-pglite.backup');
      expect((await cli(['backup', '--data', dir, '--out', fromPglite])).code).toBe(0);
      expect(rowsOf(fromPglite)).toEqual(rowsOf(file));
    },
    600_000,
  );
});
