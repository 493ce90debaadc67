/**
 * Backup and restore of a store: one logical format for both drivers, so that a backup of the
 * embedded store restores into PostgreSQL and back (a migration path as well as a backup).
 *
 * A backup is a gzip'd stream of JSON lines, all read in ONE snapshot (a REPEATABLE READ, READ
 * ONLY transaction), so it is consistent while the server writes:
 *
 *   {"manifest": {...}}        format, app version, migrations, trail hash, every table with its
 *                              columns and row count, sequences, every chain head
 *   {"table": "cases"}         then one line per row: the row's text as PostgreSQL writes a
 *   "(…,…)"                    composite value (each column through its type's own output
 *   …                          function, as COPY does), read back by the same type's input
 *   {"end": true, "rows": N}   the last line: a file without it was cut short
 *
 * Restore (into an empty store, or with `force` into one whose data it replaces): migrate the
 * store to exactly the backup's migrations, then ONE transaction: the foreign keys dropped and the
 * user triggers (append-only guards, summary counters) disabled, every table emptied and loaded,
 * sequences set, the foreign keys added back (checked over every row) and the triggers enabled;
 * then row counts and chain heads compared with the manifest. Any failure rolls the whole
 * transaction back: the triggers and keys are never left off, and data replaced with `force` is
 * never lost.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { storeError } from './errors.js';
import { loadMigrations, migrate, migrationStatus, MIGRATIONS_TABLE } from './migrate.js';
import type { AnySchema, SqlRunner, Store, StoreKind } from './store.js';

export const BACKUP_FORMAT = 'rongcuo-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly appVersion: string;
  readonly createdAt: string;
  /** The driver the backup was taken from. */
  readonly store: StoreKind;
  readonly migrations: readonly { id: number; name: string; checksum: string }[];
  /** The installation's trail hash setting when the backup was taken (sha256 or sm3). */
  readonly trailHash: string;
  /** Tables in the order they are written. */
  readonly tables: readonly BackupTable[];
  readonly sequences: readonly { name: string; value: string; isCalled: boolean }[];
  /**
   * Every chain head, by table, by primary key: a table with a `head_hash` column (the cases:
   * `event_count:head_hash`) and any table named `chain_heads` (the whole row).
   */
  readonly heads: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface BackupProgress {
  readonly table: string;
  /** Tables finished before this one. */
  readonly tablesDone: number;
  readonly tables: number;
  /** Rows written so far, all tables. */
  readonly rows: number;
  readonly totalRows: number;
}

export interface BackupOptions {
  readonly appVersion: string;
  readonly trailHash: string;
  readonly onProgress?: (p: BackupProgress) => void;
  /** Rows fetched per round trip. Default 2000. */
  readonly batch?: number;
}

/** Table names, columns and primary keys of the store's schema (current_schema()). */
async function tablesOf(
  sql: SqlRunner,
): Promise<{ name: string; columns: string[]; pk: string[] }[]> {
  const r = await sql.query<{ name: string; columns: string[]; pk: string[] | null }>(
    `SELECT c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace
        AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return r.rows.map((t) => ({ name: t.name, columns: t.columns, pk: t.pk ?? [] }));
}

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

async function countsOf(sql: SqlRunner, tables: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of tables) {
    const r = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(t)}`);
    out.set(t, r.rows[0]?.n ?? 0);
  }
  return out;
}

/** The chain heads (see BackupManifest.heads). */
async function headsOf(
  sql: SqlRunner,
  tables: readonly { name: string; columns: readonly string[]; pk: readonly string[] }[],
): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const t of tables) {
    const isHeads = t.name === 'chain_heads';
    if (!isHeads && !t.columns.includes('head_hash')) continue;
    const key = t.pk.length > 0 ? t.pk.map((c) => `${q(c)}::text`).join(` || '/' || `) : 'x::text';
    const value = isHeads
      ? 'x::text'
      : t.columns.includes('event_count')
        ? `event_count::text || ':' || head_hash`
        : 'head_hash';
    const r = await sql.query<{ k: string; v: string }>(
      `SELECT ${key} AS k, ${value} AS v FROM ${q(t.name)} x`,
    );
    const heads: Record<string, string> = {};
    for (const row of r.rows) heads[row.k] = row.v;
    out[t.name] = heads;
  }
  return out;
}

async function sequencesOf(
  sql: SqlRunner,
): Promise<{ name: string; value: string; isCalled: boolean }[]> {
  const names = await sql.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S' ORDER BY relname`,
  );
  const out: { name: string; value: string; isCalled: boolean }[] = [];
  for (const { name } of names.rows) {
    const r = await sql.query<{ v: string; c: boolean }>(
      `SELECT last_value::text AS v, is_called AS c FROM ${q(name)}`,
    );
    const row = r.rows[0];
    if (row) out.push({ name, value: row.v, isCalled: row.c });
  }
  return out;
}

/**
 * Writes a backup of `store` to `sink` (gzip'd), from one read-only snapshot. Resolves with the
 * manifest once `sink` has finished.
 */
export async function writeBackup<S extends AnySchema>(
  store: Store<S>,
  sink: Writable,
  opts: BackupOptions,
): Promise<BackupManifest> {
  const gzip = createGzip();
  const piped = pipeline(gzip, sink);
  piped.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), piped]);
  };
  const batch = opts.batch ?? 2000;
  try {
    const manifest = await store.rawTx(
      async (sql) => {
        const tables = await tablesOf(sql);
        const counts = await countsOf(
          sql,
          tables.map((t) => t.name),
        );
        const migrations = (
          await sql.query<{ id: number; name: string; checksum: string }>(
            `SELECT id, name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY id`,
          )
        ).rows;
        const manifest: BackupManifest = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          appVersion: opts.appVersion,
          createdAt: new Date().toISOString(),
          store: store.kind,
          migrations,
          trailHash: opts.trailHash,
          tables: tables.map((t) => ({
            name: t.name,
            columns: t.columns,
            rows: counts.get(t.name) ?? 0,
          })),
          sequences: await sequencesOf(sql),
          heads: await headsOf(sql, tables),
        };
        await write(JSON.stringify({ manifest }) + '\n');
        const totalRows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        let rows = 0;
        for (const [i, t] of manifest.tables.entries()) {
          opts.onProgress?.({
            table: t.name,
            tablesDone: i,
            tables: tables.length,
            rows,
            totalRows,
          });
          await write(JSON.stringify({ table: t.name }) + '\n');
          await sql.query(
            `DECLARE rongcuo_backup NO SCROLL CURSOR FOR SELECT x::text AS r FROM ${q(t.name)} x`,
          );
          let written = 0;
          for (;;) {
            const r = await sql.query<{ r: string }>(`FETCH ${batch} FROM rongcuo_backup`);
            if (r.rows.length === 0) break;
            let chunk = '';
            for (const row of r.rows) chunk += JSON.stringify(row.r) + '\n';
            await write(chunk);
            written += r.rows.length;
            rows += r.rows.length;
            opts.onProgress?.({
              table: t.name,
              tablesDone: i,
              tables: tables.length,
              rows,
              totalRows,
            });
          }
          await sql.query(`CLOSE rongcuo_backup`);
          if (written !== t.rows) {
            throw new Error(
              `backup: ${t.name} had ${t.rows} rows in the snapshot, ${written} read`,
            );
          }
        }
        await write(JSON.stringify({ end: true, rows }) + '\n');
        return manifest;
      },
      { isolation: 'repeatable read', readOnly: true, retries: 0 },
    );
    gzip.end();
    await piped;
    return manifest;
  } catch (e) {
    gzip.destroy(e instanceof Error ? e : new Error(String(e)));
    await piped.catch(() => undefined);
    throw e;
  }
}

function invalid(why: string, whyEn: string): Error {
  return storeError(
    'STORE_BACKUP_INVALID',
    `该文件不是完整的 rongcuo 备份：${why}`,
    `The file is not a complete rongcuo backup: ${whyEn}`,
  );
}

type Line = { manifest: BackupManifest } | { table: string } | { end: true; rows: number } | string;

/** The backup's lines, parsed; throws STORE_BACKUP_INVALID on anything but a whole backup. */
export async function* readBackupLines(input: Readable): AsyncGenerator<Line> {
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  let n = 0;
  let ended = false;
  try {
    for await (const text of lines) {
      n++;
      if (ended) throw invalid(`第 ${n} 行在结束标记之后。`, `line ${n} follows the end mark.`);
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        throw invalid(`第 ${n} 行不是 JSON。`, `line ${n} is not JSON.`);
      }
      if (n === 1) {
        const m = (line as { manifest?: BackupManifest }).manifest;
        if (typeof line !== 'object' || m?.format !== BACKUP_FORMAT) {
          throw invalid('第一行不是备份清单。', 'the first line is not a backup manifest.');
        }
        if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
          throw invalid(
            `格式版本 ${m.formatVersion} 不受本版本支持（支持 ${BACKUP_FORMAT_VERSION}）。`,
            `format version ${m.formatVersion} is not supported by this version (${BACKUP_FORMAT_VERSION} is).`,
          );
        }
      }
      if (typeof line === 'object' && 'end' in line) ended = true;
      yield line;
    }
  } catch (e) {
    if (
      (e as { code?: string }).code === 'Z_BUF_ERROR' ||
      (e as { code?: string }).code?.startsWith('Z_')
    ) {
      throw invalid('压缩数据损坏或被截断。', 'the compressed data is damaged or cut short.');
    }
    throw e;
  }
  if (n === 0) throw invalid('文件为空。', 'the file is empty.');
  if (!ended)
    throw invalid(
      '缺少结束标记（文件被截断）。',
      'the end mark is missing (the file was cut short).',
    );
}

/** Reads a whole backup and checks it: every table's rows as the manifest says, and the end. */
export async function checkBackup(input: Readable): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  let table: string | undefined;
  const seen = new Map<string, number>();
  for await (const line of readBackupLines(input)) {
    if (typeof line === 'string') {
      if (table === undefined)
        throw invalid('数据行之前没有表名。', 'a row comes before any table.');
      seen.set(table, (seen.get(table) ?? 0) + 1);
    } else if ('manifest' in line) manifest = line.manifest;
    else if ('table' in line) {
      table = line.table;
      seen.set(table, 0);
    }
  }
  if (!manifest) throw invalid('没有清单。', 'no manifest.');
  for (const t of manifest.tables) {
    if ((seen.get(t.name) ?? -1) !== t.rows) {
      throw invalid(
        `表 ${t.name} 应有 ${t.rows} 行，实有 ${seen.get(t.name) ?? 0} 行。`,
        `table ${t.name} should have ${t.rows} rows, ${seen.get(t.name) ?? 0} found.`,
      );
    }
  }
  return manifest;
}

export interface RestoreOptions {
  /** Replace the data of a store that is not empty (in the same transaction as the load). */
  readonly force?: boolean;
  /** Migration files (default: the shipped migrations/). */
  readonly migrationsDir?: string;
  readonly onProgress?: (p: BackupProgress) => void;
  /** Rows inserted per statement. Default 1000. */
  readonly batch?: number;
}

export interface RestoreReport {
  readonly manifest: BackupManifest;
  /** Rows loaded, all tables. */
  readonly rows: number;
  /** Migrations applied to the store before loading. */
  readonly migrated: number;
  readonly ms: number;
}

/**
 * The tables a store may hold rows in and still count as empty: the survey instruments the
 * application installs on every start (any instrument an administrator adapted has a creator, so
 * a store with one also has users).
 */
const FILLED_ON_START = new Set(['evaluation_instruments']);

/** Loads a backup into `store` (see the module comment). */
export async function restoreBackup<S extends AnySchema>(
  store: Store<S>,
  input: Readable,
  opts: RestoreOptions = {},
): Promise<RestoreReport> {
  const started = performance.now();
  const lines = readBackupLines(input);
  const first = await lines.next();
  if (first.done || typeof first.value !== 'object' || !('manifest' in first.value)) {
    throw invalid('第一行不是备份清单。', 'the first line is not a backup manifest.');
  }
  const manifest = first.value.manifest;

  // The backup's migrations must be this software's, and the store may not be ahead of them.
  const files = loadMigrations(opts.migrationsDir);
  const wanted = manifest.migrations.map((m) => {
    const file = files.find((f) => f.id === m.id);
    if (!file || file.checksum !== m.checksum) {
      throw storeError(
        'STORE_RESTORE_MIGRATIONS',
        `备份所依的迁移 ${String(m.id).padStart(4, '0')}_${m.name} 与本版本的不同或本版本没有：请用制作备份的版本（${manifest.appVersion}）或更新的版本恢复。`,
        `The backup's migration ${String(m.id).padStart(4, '0')}_${m.name} is not this version's: restore with the version that made the backup (${manifest.appVersion}) or a newer one.`,
        { id: m.id },
      );
    }
    return file;
  });
  const { applied } = await migrationStatus(store, { migrations: files });
  if (applied.length > wanted.length) {
    throw storeError(
      'STORE_RESTORE_MIGRATIONS',
      `目标存储已应用 ${applied.length} 个迁移，多于备份的 ${wanted.length} 个：请恢复到新建的空存储中。`,
      `The target store has ${applied.length} migrations applied, more than the backup's ${wanted.length}: restore into a new, empty store.`,
    );
  }
  if (applied.length > 0 && !opts.force) {
    const counts = await countsOf(
      store,
      (await tablesOf(store)).map((t) => t.name).filter((t) => !FILLED_ON_START.has(t)),
    );
    const filled = [...counts].filter(([, n]) => n > 0).map(([t]) => t);
    if (filled.length > 0) {
      throw storeError(
        'STORE_RESTORE_NOT_EMPTY',
        `目标存储 ${store.location} 已有数据（${filled.slice(0, 3).join('、')}${filled.length > 3 ? ' 等' : ''}）：请恢复到新建的空存储中；确需以备份替换其全部数据时加 --force。`,
        `The target store ${store.location} holds data (${filled.slice(0, 3).join(', ')}${filled.length > 3 ? '…' : ''}): restore into a new, empty store, or add --force to replace all its data with the backup.`,
        { tables: filled },
      );
    }
  }
  const migrated = await migrate(store, { migrations: wanted });

  const batch = opts.batch ?? 1000;
  const rows = await store.rawTx(
    async (sql) => {
      const tables = await tablesOf(sql);
      const have = new Map(tables.map((t) => [t.name, t]));
      for (const t of manifest.tables) {
        const mine = have.get(t.name);
        if (!mine || mine.columns.join(',') !== t.columns.join(',')) {
          throw storeError(
            'STORE_RESTORE_MIGRATIONS',
            `迁移后表 ${t.name} 的列与备份的不同：备份不是由这些迁移产生的。`,
            `After migrating, the columns of ${t.name} differ from the backup's: the backup was not made by these migrations.`,
          );
        }
      }
      // Foreign keys off (re-added below, which checks every row), user triggers off.
      const fks = (
        await sql.query<{ t: string; name: string; def: string }>(
          `SELECT conrelid::regclass::text AS t, conname AS name, pg_get_constraintdef(oid) AS def
             FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
            ORDER BY conrelid::regclass::text, conname`,
        )
      ).rows;
      for (const fk of fks) await sql.query(`ALTER TABLE ${fk.t} DROP CONSTRAINT ${q(fk.name)}`);
      const all = tables.map((t) => q(t.name));
      for (const t of all) await sql.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      if (all.length > 0) await sql.query(`TRUNCATE ${all.join(', ')}`);

      const totalRows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      let loaded = 0;
      let table: string | undefined;
      let pending: string[] = [];
      let done = 0;
      const flush = async (): Promise<void> => {
        if (pending.length === 0 || table === undefined) return;
        await sql.query(
          `INSERT INTO ${q(table)} OVERRIDING SYSTEM VALUE SELECT (r).* FROM
             (SELECT x::${q(table)} AS r FROM jsonb_array_elements_text($1::jsonb) AS u(x) OFFSET 0) s`,
          [JSON.stringify(pending)],
        );
        loaded += pending.length;
        pending = [];
        opts.onProgress?.({
          table,
          tablesDone: done,
          tables: manifest.tables.length,
          rows: loaded,
          totalRows,
        });
      };
      for await (const line of lines) {
        if (typeof line === 'string') {
          if (table === undefined)
            throw invalid('数据行之前没有表名。', 'a row comes before any table.');
          pending.push(line);
          if (pending.length >= batch) await flush();
        } else if ('table' in line) {
          await flush();
          if (table !== undefined) done++;
          if (!have.has(line.table)) {
            throw invalid(
              `表 ${line.table} 不在清单中。`,
              `table ${line.table} is not in the manifest.`,
            );
          }
          table = line.table;
        } else if ('end' in line) {
          await flush();
        }
      }
      for (const s of manifest.sequences) {
        await sql.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
          q(s.name),
          s.value,
          s.isCalled,
        ]);
      }
      for (const fk of fks) {
        await sql.query(`ALTER TABLE ${fk.t} ADD CONSTRAINT ${q(fk.name)} ${fk.def}`);
      }
      for (const t of all) await sql.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);

      // The store now holds what the manifest says, or nothing of it is kept.
      const counts = await countsOf(
        sql,
        manifest.tables.map((t) => t.name),
      );
      for (const t of manifest.tables) {
        if (counts.get(t.name) !== t.rows) {
          throw mismatch(
            `表 ${t.name} 有 ${counts.get(t.name)} 行，清单记载 ${t.rows} 行。`,
            `table ${t.name} has ${counts.get(t.name)} rows, the manifest ${t.rows}.`,
          );
        }
      }
      const heads = await headsOf(sql, tables);
      for (const [t, expected] of Object.entries(manifest.heads)) {
        const got = heads[t] ?? {};
        const keys = Object.keys(expected);
        const bad =
          keys.find((k) => got[k] !== expected[k]) ??
          (Object.keys(got).length !== keys.length ? '(count)' : undefined);
        if (bad !== undefined) {
          throw mismatch(
            `表 ${t} 的链头 ${bad} 与清单不符。`,
            `the chain head ${bad} of ${t} differs from the manifest.`,
          );
        }
      }
      return loaded;
    },
    { retries: 0 },
  );
  return {
    manifest,
    rows,
    migrated: migrated.applied.length,
    ms: Math.round(performance.now() - started),
  };
}

function mismatch(zh: string, en: string): Error {
  return storeError(
    'STORE_RESTORE_MISMATCH',
    `恢复后的存储与备份清单不符，已全部撤销：${zh}`,
    `The restored store does not match the backup's manifest; nothing was kept: ${en}`,
  );
}
