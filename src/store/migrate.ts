/**
 * Migrations: plain SQL files `migrations/NNNN_name.sql`, numbered 0001, 0002, … without gaps,
 * applied in order, each in its own transaction, and recorded in `schema_migrations` (id, name,
 * sha256 checksum, applied_at). A file that was applied must never change: a checksum mismatch
 * refuses to start (STORE_MIGRATION_CHANGED). Concurrent `migrate` calls are safe on PostgreSQL: each
 * migration transaction first takes a transaction-scoped advisory lock for the current schema. On
 * PGlite the directory lock already keeps other processes out.
 *
 * Checksums are over the file with a UTF-8 BOM removed and CRLF line ends turned into LF, so a
 * checkout with other line endings does not count as a change.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbMessage, sqlState, storeError } from './errors.js';
import type { AnySchema, SqlRunner, Store } from './store.js';

export interface Migration {
  /** The number of the file: 1 for 0001_foundation.sql. */
  readonly id: number;
  /** The part after the number: 'foundation'. */
  readonly name: string;
  /** Absolute path of the file. */
  readonly file: string;
  /** The SQL, BOM removed and line ends normalised to LF. */
  readonly sql: string;
  /** sha256 (hex) of `sql`. */
  readonly checksum: string;
}

export interface AppliedMigration {
  readonly id: number;
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
}

export interface MigrationStatus {
  readonly applied: readonly AppliedMigration[];
  readonly pending: readonly Migration[];
}

export interface MigrateResult {
  /** Migrations applied by this call, in order. */
  readonly applied: readonly { id: number; name: string; ms: number }[];
  /** How many were already applied before this call. */
  readonly alreadyApplied: number;
  /** Total milliseconds, checks included. */
  readonly ms: number;
}

export interface MigrateOptions {
  /** Directory of the migration files. Default: `migrations/` of this package. */
  readonly dir?: string;
  /** Use these instead of reading a directory (tests). */
  readonly migrations?: readonly Migration[];
}

export const MIGRATIONS_TABLE = 'schema_migrations';
/** First key of the advisory lock; the second is hashtext(current_schema()). */
export const MIGRATION_LOCK_KEY = 0x72_63_6d_67; // 'rcmg'

const FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;

let defaultDir: string | undefined;

/** `migrations/` beside the nearest package.json above this module (works from src/ and dist/). */
export function defaultMigrationsDir(): string {
  if (defaultDir) return defaultDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return (defaultDir = path.join(dir, 'migrations'));
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('rongcuo: cannot find package.json above ' + import.meta.url);
    dir = up;
  }
}

export function normalizeSql(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(normalizeSql(sql), 'utf8').digest('hex');
}

function invalid(zh: string, en: string, details: Record<string, unknown>): Error {
  return storeError('STORE_MIGRATION_INVALID', zh, en, details);
}

/** Reads and validates the migration files of `dir`, in order. Files not ending in .sql are ignored. */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.sql'));
  } catch (e) {
    throw invalid(
      `无法读取迁移目录 ${dir}：${(e as Error).message}`,
      `Cannot read the migrations directory ${dir}: ${(e as Error).message}`,
      { dir },
    );
  }
  const out: Migration[] = [];
  for (const fileName of names.sort()) {
    const m = FILE_NAME.exec(fileName);
    if (!m) {
      throw invalid(
        `迁移文件名 ${fileName} 不合规：应为四位编号、下划线、小写名称，如 0002_cases.sql。`,
        `The migration file name ${fileName} is not valid: expected four digits, an underscore and a lower-case name, e.g. 0002_cases.sql.`,
        { dir, file: fileName },
      );
    }
    const file = path.join(dir, fileName);
    const sql = normalizeSql(fs.readFileSync(file, 'utf8'));
    out.push({
      id: Number(m[1]),
      name: m[2]!,
      file,
      sql,
      checksum: checksumOf(sql),
    });
  }
  out.forEach((mig, i) => {
    if (mig.id !== i + 1) {
      const prev = out[i - 1];
      const twice = prev && prev.id === mig.id;
      throw invalid(
        twice
          ? `迁移编号 ${pad(mig.id)} 重复（${path.basename(prev.file)} 与 ${path.basename(mig.file)}）：请给后加的文件换用下一个编号。`
          : `迁移编号不连续：期望 ${pad(i + 1)}，实际为 ${path.basename(mig.file)}。编号须从 0001 起逐一递增。`,
        twice
          ? `Migration number ${pad(mig.id)} is used twice (${path.basename(prev.file)} and ${path.basename(mig.file)}): give the newer file the next free number.`
          : `Migration numbers have a gap: expected ${pad(i + 1)}, found ${path.basename(mig.file)}. Numbers start at 0001 and go up by one.`,
        { dir, file: path.basename(mig.file) },
      );
    }
  });
  return out;
}

const pad = (id: number) => String(id).padStart(4, '0');

const relFile = (file: string) => path.relative(process.cwd(), file) || file;

/** Compares what the database applied with the files; throws on a changed or missing file. */
function verify(applied: readonly AppliedMigration[], files: readonly Migration[]): Migration[] {
  const byId = new Map(files.map((m) => [m.id, m]));
  for (const a of applied) {
    const f = byId.get(a.id);
    if (!f) {
      throw storeError(
        'STORE_MIGRATION_MISSING',
        `数据库已应用迁移 ${pad(a.id)}_${a.name}，但磁盘上没有该文件：数据库比当前程序新。请升级程序，或恢复该迁移文件。`,
        `The database has applied migration ${pad(a.id)}_${a.name}, but there is no such file: the database is newer than this program. Upgrade the program or restore the file.`,
        { id: a.id, name: a.name },
      );
    }
    if (f.checksum !== a.checksum) {
      throw storeError(
        'STORE_MIGRATION_CHANGED',
        `迁移 ${relFile(f.file)} 在应用后被修改（应用时校验和 ${a.checksum.slice(0, 12)}…，现在 ${f.checksum.slice(0, 12)}…）。` +
          `已应用的迁移不能修改：请还原该文件，并把改动写成新的迁移文件。`,
        `The migration ${relFile(f.file)} was changed after it was applied (checksum then ${a.checksum.slice(0, 12)}…, now ${f.checksum.slice(0, 12)}…). ` +
          `An applied migration must not change: restore the file and put the change in a new migration.`,
        { id: a.id, name: a.name, file: f.file, applied: a.checksum, now: f.checksum },
      );
    }
  }
  const done = new Set(applied.map((a) => a.id));
  const pending = files.filter((m) => !done.has(m.id));
  const last = applied.reduce((max, a) => Math.max(max, a.id), 0);
  const early = pending.find((m) => m.id < last);
  if (early) {
    throw storeError(
      'STORE_MIGRATION_ORDER',
      `迁移 ${relFile(early.file)} 尚未应用，但编号更大的迁移 ${pad(last)} 已应用。请给它换用 ${pad(files.length + 1)} 之后的新编号。`,
      `The migration ${relFile(early.file)} is pending, but the later migration ${pad(last)} is already applied. Renumber it after the last one.`,
      { id: early.id, lastApplied: last },
    );
  }
  return pending;
}

async function readApplied(sql: SqlRunner): Promise<AppliedMigration[] | undefined> {
  const exists = await sql.query<{ t: string | null }>(
    `SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS t`,
  );
  if (!exists.rows[0]?.t) return undefined;
  const r = await sql.query<{ id: number; name: string; checksum: string; applied_at: Date }>(
    `SELECT id, name, checksum, applied_at FROM ${MIGRATIONS_TABLE} ORDER BY id`,
  );
  return r.rows.map((row) => ({
    id: row.id,
    name: row.name,
    checksum: row.checksum,
    appliedAt: row.applied_at,
  }));
}

const CREATE_TABLE = `CREATE TABLE ${MIGRATIONS_TABLE} (
  id integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

function lineCol(text: string, position: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, position - 1));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function failed(m: Migration, e: unknown): Error {
  const position = Number((e as { position?: unknown }).position ?? NaN);
  const at = Number.isFinite(position) ? lineCol(m.sql, position) : undefined;
  const where = at ? `${relFile(m.file)}:${at.line}:${at.col}` : relFile(m.file);
  const state = sqlState(e);
  const msg = dbMessage(e);
  return storeError(
    'STORE_MIGRATION_FAILED',
    `迁移 ${where} 执行失败${state ? `（SQLSTATE ${state}）` : ''}：${msg}。该迁移已回滚，未作记录；请修正后重新启动。`,
    `The migration ${where} failed${state ? ` (SQLSTATE ${state})` : ''}: ${msg}. It was rolled back and not recorded; fix it and start again.`,
    { id: m.id, name: m.name, file: m.file, ...(state ? { sqlState: state } : {}), ...(at ?? {}) },
    e,
  );
}

/**
 * What is applied and what is pending, without changing anything.
 * @throws StoreError STORE_MIGRATION_CHANGED / _MISSING / _ORDER / _INVALID
 */
export async function migrationStatus<S extends AnySchema>(
  store: Store<S>,
  options: MigrateOptions = {},
): Promise<MigrationStatus> {
  const files = options.migrations ?? loadMigrations(options.dir);
  const applied = (await readApplied(store)) ?? [];
  return { applied, pending: verify(applied, files) };
}

/**
 * Applies pending migrations in order, each in its own transaction, and returns what it applied.
 * Refuses (and applies nothing) if an applied migration changed or is missing.
 * @throws StoreError STORE_MIGRATION_CHANGED / _MISSING / _ORDER / _INVALID / _FAILED
 */
export async function migrate<S extends AnySchema>(
  store: Store<S>,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const started = performance.now();
  const files = options.migrations ?? loadMigrations(options.dir);
  const applied: { id: number; name: string; ms: number }[] = [];
  let alreadyApplied = -1;
  for (;;) {
    const step = await store.rawTx(async (sql) => {
      await sql.query(`SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, [
        MIGRATION_LOCK_KEY,
      ]);
      let done = await readApplied(sql);
      if (!done) {
        await sql.exec(CREATE_TABLE);
        done = [];
      }
      const pending = verify(done, files);
      if (alreadyApplied < 0) alreadyApplied = done.length;
      const next = pending[0];
      if (!next) return undefined;
      const t0 = performance.now();
      try {
        await sql.exec(next.sql);
      } catch (e) {
        throw failed(next, e);
      }
      await sql.query(`INSERT INTO ${MIGRATIONS_TABLE} (id, name, checksum) VALUES ($1, $2, $3)`, [
        next.id,
        next.name,
        next.checksum,
      ]);
      return { id: next.id, name: next.name, ms: Math.round(performance.now() - t0) };
    });
    if (!step) break;
    applied.push(step);
  }
  return {
    applied,
    alreadyApplied: Math.max(0, alreadyApplied),
    ms: Math.round(performance.now() - started),
  };
}
