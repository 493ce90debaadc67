import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreError } from './errors.js';
import { storeErrorIn } from './errors.js';
import {
  checksumOf,
  defaultMigrationsDir,
  loadMigrations,
  migrate,
  migrationStatus,
  MIGRATIONS_TABLE,
  type Migration,
} from './migrate.js';
import { describeStores, openTestStore, resetStore } from './testing/harness.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rongcuo-migrate-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

let dirCount = 0;
/** A fresh migrations directory with the given files. */
function migrationsDir(files: Record<string, string>): string {
  const dir = path.join(tmpRoot, `m${++dirCount}`);
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<StoreError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    const found = storeErrorIn(e);
    if (found) return found;
    throw e;
  }
  throw new Error('expected a StoreError');
}

const A = `CREATE TABLE a (id integer PRIMARY KEY);\n`;
const B = `CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a(id));\n`;
const C = `ALTER TABLE b ADD COLUMN note text;\n`;

describe('loadMigrations', () => {
  it('reads the shipped migrations, numbered from 0001 without gaps', () => {
    const ms = loadMigrations();
    expect(defaultMigrationsDir()).toBe(path.resolve('migrations'));
    expect(ms[0]).toMatchObject({ id: 1, name: 'foundation' });
    ms.forEach((m, i) => expect(m.id).toBe(i + 1));
    for (const m of ms) expect(m.checksum).toBe(checksumOf(fs.readFileSync(m.file, 'utf8')));
  });

  it('ignores files that are not .sql', () => {
    const dir = migrationsDir({ '0001_a.sql': A, 'README.md': '# notes' });
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(['a']);
  });

  it.each([
    [{ '0001_a.sql': A, '0002-b.sql': B }, '0002-b.sql'],
    [{ '1_a.sql': A }, '1_a.sql'],
    [{ '0001_A.sql': A }, '0001_A.sql'],
    [{ '0001_a.sql': A, '0001_b.sql': B }, 'used twice'],
    [{ '0001_a.sql': A, '0003_c.sql': C }, 'gap'],
    [{ '0002_b.sql': B }, 'gap'],
  ])('refuses misnamed, doubled or missing numbers: %j', (files, says) => {
    const e = storeErrorIn(
      (() => {
        try {
          loadMigrations(migrationsDir(files));
        } catch (err) {
          return err;
        }
        return undefined;
      })(),
    );
    expect(e?.code).toBe('STORE_MIGRATION_INVALID');
    expect(e?.text.en).toContain(says);
    expect(e?.text.zh.length).toBeGreaterThan(0);
  });

  it('does not count other line endings or a BOM as a change', () => {
    expect(checksumOf('\uFEFFSELECT 1;\r\nSELECT 2;\r\n')).toBe(
      checksumOf('SELECT 1;\nSELECT 2;\n'),
    );
    expect(checksumOf('SELECT 1;\n')).not.toBe(checksumOf('SELECT 1; \n'));
  });
});

describeStores('shipped migrations', (getStore) => {
  it('apply in order and are recorded with their checksums', async () => {
    const store = getStore();
    const files = loadMigrations();
    const recorded = await store.query<{ id: number; name: string; checksum: string }>(
      `SELECT id, name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY id`,
    );
    expect(recorded.rows).toEqual(
      files.map((m) => ({ id: m.id, name: m.name, checksum: m.checksum })),
    );
    const again = await migrate(store);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(files.length);
    expect((await migrationStatus(store)).pending).toEqual([]);
  });

  it('create store_meta with the store id, creation time and format', async () => {
    const r = await getStore().query<{ key: string; value: string }>(
      `SELECT key, value FROM store_meta WHERE key IN ('store_id', 'created_at', 'format_version') ORDER BY key`,
    );
    const meta = Object.fromEntries(r.rows.map((x) => [x.key, x.value]));
    expect(meta['store_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta['created_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(meta['format_version']).toBe('1');
  });
});

describeStores(
  'migrate',
  (getStore, kind) => {
    beforeEach(async () => {
      await resetStore(getStore());
    });

    it('applies pending migrations in order and reports them', async () => {
      const store = getStore();
      const dir = migrationsDir({ '0001_a.sql': A, '0002_b.sql': B });
      const status = await migrationStatus(store, { dir });
      expect(status.applied).toEqual([]);
      expect(status.pending.map((m) => m.id)).toEqual([1, 2]);

      const first = await migrate(store, { dir });
      expect(first.applied.map((m) => [m.id, m.name])).toEqual([
        [1, 'a'],
        [2, 'b'],
      ]);
      expect(first.alreadyApplied).toBe(0);

      fs.writeFileSync(path.join(dir, '0003_c.sql'), C);
      const second = await migrate(store, { dir });
      expect(second.applied.map((m) => m.id)).toEqual([3]);
      expect(second.alreadyApplied).toBe(2);
      await store.exec(`INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1, 'n');`);

      const after = await migrationStatus(store, { dir });
      expect(after.pending).toEqual([]);
      expect(after.applied.map((a) => a.id)).toEqual([1, 2, 3]);
      expect(after.applied[0]!.appliedAt).toBeInstanceOf(Date);
    });

    it('refuses to run when an applied migration changed, naming the file', async () => {
      const store = getStore();
      const dir = migrationsDir({ '0001_a.sql': A, '0002_b.sql': B });
      await migrate(store, { dir });
      fs.writeFileSync(path.join(dir, '0002_b.sql'), B.replace('a_id', 'parent_id'));
      fs.writeFileSync(path.join(dir, '0003_c.sql'), C);
      const e = await codeOf(migrate(store, { dir }));
      expect(e.code).toBe('STORE_MIGRATION_CHANGED');
      expect(e.text.en).toContain('0002_b.sql');
      expect(e.text.zh).toContain('0002_b.sql');
      expect(e.text.en).toContain('new migration');
      await expect(migrationStatus(store, { dir })).rejects.toThrow(/STORE_MIGRATION_CHANGED/);
      // Nothing was applied: 0003 is still pending once the file is restored.
      fs.writeFileSync(path.join(dir, '0002_b.sql'), B);
      expect((await migrationStatus(store, { dir })).pending.map((m) => m.id)).toEqual([3]);
      // Line endings alone are no change.
      fs.writeFileSync(path.join(dir, '0001_a.sql'), A.replace(/\n/g, '\r\n'));
      expect((await migrate(store, { dir })).applied.map((m) => m.id)).toEqual([3]);
    });

    it('refuses to run when the database is newer than the files', async () => {
      const store = getStore();
      await migrate(store, { dir: migrationsDir({ '0001_a.sql': A, '0002_b.sql': B }) });
      const e = await codeOf(migrate(store, { dir: migrationsDir({ '0001_a.sql': A }) }));
      expect(e.code).toBe('STORE_MIGRATION_MISSING');
      expect(e.text.en).toContain('0002_b');
    });

    it('refuses a pending migration numbered below an applied one', async () => {
      const store = getStore();
      const all = loadMigrations(
        migrationsDir({ '0001_a.sql': A, '0002_b.sql': B, '0003_c.sql': `SELECT 1;` }),
      );
      const skipTwo: Migration[] = all.filter((m) => m.id !== 2);
      await migrate(store, { migrations: skipTwo });
      const e = await codeOf(migrate(store, { migrations: all }));
      expect(e.code).toBe('STORE_MIGRATION_ORDER');
    });

    it('rolls back a failing migration and says where it failed', async () => {
      const store = getStore();
      const bad = `CREATE TABLE half (id integer);\n\nINSERT INTO half VALUES (1);\nSELECT no_such_column FROM half;\n`;
      const dir = migrationsDir({ '0001_a.sql': A, '0002_bad.sql': bad, '0003_c.sql': C });
      const e = await codeOf(migrate(store, { dir }));
      expect(e.code).toBe('STORE_MIGRATION_FAILED');
      expect(e.details['sqlState']).toBe('42703');
      expect(e.text.en).toMatch(/0002_bad\.sql:4:8/);
      expect(e.text.en).toContain('no_such_column');
      const tables = await store.query<{ t: string | null }>(
        `SELECT to_regclass('half')::text AS t`,
      );
      expect(tables.rows[0]!.t).toBeNull();
      const status = await migrationStatus(store, { dir });
      expect(status.applied.map((a) => a.id)).toEqual([1]);
      expect(status.pending.map((m) => m.id)).toEqual([2, 3]);
    });

    it(`is safe to run concurrently (${kind})`, async () => {
      const store = getStore();
      const files: Record<string, string> = { '0001_a.sql': A };
      for (let i = 2; i <= 8; i++) {
        files[`000${i}_t${i}.sql`] = `CREATE TABLE t${i} (id integer);\nSELECT pg_sleep(0.01);\n`;
      }
      const dir = migrationsDir(files);
      // On PostgreSQL, a second store (its own pool) on the same schema, as another process would.
      const other =
        kind === 'postgres'
          ? await openTestStore('postgres', { migrate: false, searchPath: store.searchPath! })
          : undefined;
      try {
        const runs = await Promise.all([
          migrate(store, { dir }),
          migrate(other?.store ?? store, { dir }),
          migrate(store, { dir }),
        ]);
        const ids = runs.flatMap((r) => r.applied.map((m) => m.id)).sort((x, y) => x - y);
        expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        const rec = await store.query<{ n: number }>(
          `SELECT count(*) AS n FROM ${MIGRATIONS_TABLE}`,
        );
        expect(rec.rows[0]!.n).toBe(8);
      } finally {
        await other?.cleanup();
      }
    });
  },
  { migrate: false },
);
