/**
 * The baseline: pgbench on the same server, running a two-statement write transaction shaped like
 * a case transition without the application: UPDATE one row of a copy of the cases table (same
 * columns, defaults and indexes, plus an integer key for pgbench's random()) — version, event
 * count, head hash, updated_at — and INSERT its next event into a copy of case_events (same
 * columns, indexes and foreign key), with the new head hash. Same client count as the transition
 * test. Only the application is missing: permissions, the policy engine, the step clock, the
 * payload and its hash computed in Node, drizzle and the driver.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SqlRunner } from '../../src/store/index.js';
import { cpuBetween, cpuSnapshot, type CpuSnapshot, type CpuUse } from './cpu.js';
import { summarize, type LatencySummary } from './stats.js';

const run = promisify(execFile);

export const PGBENCH_CASES = 'bench_pgb_cases';
export const PGBENCH_EVENTS = 'bench_pgb_events';

export const PGBENCH_SCRIPT = `\\set n random(1, :ncases)
BEGIN;
UPDATE ${PGBENCH_CASES} SET version = version + 1, event_count = event_count + 1, head_hash = md5(head_hash || clock_timestamp()::text), updated_at = now() WHERE n = :n RETURNING event_count AS seq \\gset
INSERT INTO ${PGBENCH_EVENTS} (case_id, jurisdiction_id, seq, type, step, actor_id, at, reason, payload, prev_hash, hash) SELECT id, jurisdiction_id, :seq, 'case.suspended', step, applicant_user_id, now(), '需等待上级主管部门的书面答复，中止办理。', '{"step": "verification", "suspendedFrom": "2026-11-23", "dueOnBefore": "2026-12-04", "suspensionId": "b6b3f3c0-6b0e-4c39-9a59-0c2c8f4a3c11"}', md5(n::text), head_hash FROM ${PGBENCH_CASES} WHERE n = :n;
END;
`;

/** Copies the cases (with an integer key) and an empty events table shaped like case_events. */
export async function preparePgbenchTables(sql: SqlRunner): Promise<number> {
  await sql.exec(`
    DROP TABLE IF EXISTS ${PGBENCH_EVENTS};
    DROP TABLE IF EXISTS ${PGBENCH_CASES};
    CREATE TABLE ${PGBENCH_CASES} (LIKE cases INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
    ALTER TABLE ${PGBENCH_CASES} ADD COLUMN n integer;
    INSERT INTO ${PGBENCH_CASES} SELECT c.*, row_number() OVER (ORDER BY c.number) FROM cases c;
    CREATE UNIQUE INDEX ${PGBENCH_CASES}_n ON ${PGBENCH_CASES} (n);
    CREATE TABLE ${PGBENCH_EVENTS} (LIKE case_events INCLUDING ALL);
    ALTER TABLE ${PGBENCH_EVENTS} ADD FOREIGN KEY (case_id) REFERENCES ${PGBENCH_CASES} (id);
    ANALYZE ${PGBENCH_CASES};
  `);
  const r = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${PGBENCH_CASES}`);
  return r.rows[0]?.n ?? 0;
}

export interface PgbenchRun {
  readonly command: string;
  readonly tps: number;
  /** pgbench's own latency average, ms. */
  readonly latencyAvgMs: number | null;
  readonly transactions: number | null;
  readonly failed: number | null;
  /** Per-transaction latencies from pgbench's log (-l), ms: p50/p95/p99/max. */
  readonly latency: LatencySummary | null;
  /** CPU use between 1 s after the start and 1 s before the end (Linux). */
  readonly cpu: CpuUse | null;
  /** pgbench's whole output (stdout + stderr). */
  readonly raw: string;
}

/**
 * Runs pgbench with the script. The search path goes in PGOPTIONS; the database URL is passed as
 * the connection string.
 */
export async function runPgbench(opts: {
  readonly pgbench: string;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly clients: number;
  readonly threads: number;
  readonly seconds: number;
  readonly cases: number;
}): Promise<PgbenchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'rongcuo-pgbench-'));
  try {
    const script = join(dir, 'transition.sql');
    writeFileSync(script, PGBENCH_SCRIPT);
    const args = [
      '-n',
      '-c',
      String(opts.clients),
      '-j',
      String(opts.threads),
      '-T',
      String(opts.seconds),
      '-D',
      `ncases=${opts.cases}`,
      '-l',
      '--log-prefix',
      join(dir, 'log'),
      '-f',
      script,
      opts.databaseUrl,
    ];
    // CPU is sampled while pgbench runs (its processes and its server backends end with it).
    const cpu: { at: number; snap: CpuSnapshot | null }[] = [];
    const margin = Math.min(1, opts.seconds / 4) * 1000;
    const timers = [
      setTimeout(() => cpu.push({ at: Date.now(), snap: cpuSnapshot() }), margin),
      setTimeout(
        () => cpu.push({ at: Date.now(), snap: cpuSnapshot() }),
        opts.seconds * 1000 - margin,
      ),
    ];
    const { stdout, stderr } = await run(opts.pgbench, args, {
      env: { ...process.env, PGOPTIONS: `-c search_path=${opts.schema}` },
      maxBuffer: 16 * 1024 * 1024,
    }).finally(() => timers.forEach((t) => clearTimeout(t)));
    const raw = `${stdout}${stderr}`;
    const num = (re: RegExp): number | null => {
      const m = re.exec(raw);
      return m ? Number(m[1]) : null;
    };
    const tps = num(/^tps = ([\d.]+)/m);
    if (tps === null) throw new Error(`pgbench printed no tps:\n${raw}`);
    // Log lines: client transaction latency_us script epoch_s epoch_us (one file per thread).
    const latencies: number[] = [];
    const [from, to] = [cpu[0]?.at ?? Infinity, cpu[1]?.at ?? -Infinity];
    let inWindow = 0;
    for (const f of readdirSync(dir).filter((f) => f.startsWith('log.'))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        const x = line.split(' ');
        const us = Number(x[2]);
        if (line === '' || !Number.isFinite(us)) continue;
        latencies.push(us / 1000);
        const end = Number(x[4]) * 1000 + Number(x[5]) / 1000;
        if (end >= from && end <= to) inWindow++;
      }
    }
    const shown = args
      .slice(0, -1)
      .map((a) => (a === script ? 'transition.sql' : a.startsWith(dir) ? 'pgbench_log' : a));
    return {
      command: `PGOPTIONS='-c search_path=${opts.schema}' ${opts.pgbench} ${shown.join(' ')} <DATABASE_URL>`,
      latency: latencies.length > 0 ? summarize(latencies, 0, opts.seconds) : null,
      cpu: cpuBetween(cpu[0]?.snap ?? null, cpu[1]?.snap ?? null, inWindow),
      tps,
      latencyAvgMs: num(/^latency average = ([\d.]+) ms/m),
      transactions: num(/^number of transactions actually processed: (\d+)/m),
      failed: num(/^number of failed transactions: (\d+)/m),
      raw,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pgbench binary: PGBENCH, then PATH, then the Debian cluster directories. */
export async function findPgbench(): Promise<string | undefined> {
  const candidates = [
    process.env['PGBENCH'],
    'pgbench',
    '/usr/lib/postgresql/17/bin/pgbench',
    '/usr/lib/postgresql/16/bin/pgbench',
    '/usr/lib/postgresql/15/bin/pgbench',
  ].filter((c): c is string => !!c);
  for (const c of candidates) {
    try {
      await run(c, ['--version']);
      return c;
    } catch {
      // not this one
    }
  }
  return undefined;
}
