/**
 * Store benchmark on PGlite: how fairly the one embedded connection is shared under load.
 *
 *   npm run bench:store      (builds, then node dist/bench/store.js)
 *
 * 150 concurrent clients (BENCH_STORE_CLIENTS) each run BENCH_STORE_OPS operations back to back
 * on one PGlite store, a mix of the three kinds of work the app sends it:
 * - a transition-shaped transaction (`store.tx`): BEGIN; read a case row; update it guarded by
 *   the version read (`WHERE id = $1 AND version = $2`); insert an event row; COMMIT;
 * - a single-statement write outside any transaction (an event row inserted through `store.db`,
 *   as the read log is written);
 * - a single-statement read through `store.db` (a case row).
 * The wait of an operation is the time from the call to its answer, as the client sees it. The
 * store must hand the connection out first come, first served, so that no kind of work starves:
 * the target is p99 wait ≤ 5 × the median, over all operations, over the writes and over the
 * transactions.
 *
 * A separate script from bench:api because it needs no PostgreSQL server, runs in seconds and
 * measures the store alone (no use cases, no HTTP), so the figure moves only with the store.
 * Writes bench/results/store.json and prints a table. Exits non-zero when an operation fails or
 * the rows do not add up; a missed target is reported, not fatal.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { bigserial, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { openStore, type Store } from '../src/store/index.js';
import { envNumber } from './env.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/bench/). */
const ROOT = join(HERE, '..', '..');

const env = (name: string, fallback: number) =>
  envNumber(name, fallback, { min: 1, integer: true });

const CLIENTS = env('BENCH_STORE_CLIENTS', 150);
const OPS_PER_CLIENT = env('BENCH_STORE_OPS', 40);
const CASES = env('BENCH_STORE_CASES', 1000);
/** Share of each kind in the mix, out of 10: transactions, single writes, single reads. */
const MIX = { transaction: 4, write: 3, read: 3 } as const;
const TARGET_RATIO = 5;

const benchCases = pgTable('bench_case', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
  state: text('state').notNull(),
  changes: integer('changes').notNull(),
});
const benchEvents = pgTable('bench_event', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: integer('case_id').notNull(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull(),
});

type Kind = keyof typeof MIX;

interface Sample {
  readonly kind: Kind;
  readonly ms: number;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A small deterministic generator, so that every run sends the same work. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(store: Store): Promise<void> {
  await store.exec(`
    CREATE TABLE bench_case (id integer PRIMARY KEY, version integer NOT NULL,
      state text NOT NULL, changes integer NOT NULL);
    CREATE TABLE bench_event (id bigserial PRIMARY KEY, case_id integer NOT NULL,
      kind text NOT NULL, payload jsonb NOT NULL);
    CREATE INDEX bench_event_case ON bench_event (case_id);
  `);
  await store.query(
    `INSERT INTO bench_case SELECT g, 1, 'open', 0 FROM generate_series(1, $1::int) g`,
    [CASES],
  );
}

/** The transition shape: read, update guarded by the version read, append the event, commit. */
async function transition(store: Store, caseId: number): Promise<void> {
  await store.tx(async (tx) => {
    const [row] = await tx
      .select({ version: benchCases.version, changes: benchCases.changes })
      .from(benchCases)
      .where(eq(benchCases.id, caseId));
    if (!row) throw new Error(`case ${caseId} not found`);
    const updated = await tx
      .update(benchCases)
      .set({ version: row.version + 1, changes: row.changes + 1, state: 'changed' })
      .where(and(eq(benchCases.id, caseId), eq(benchCases.version, row.version)))
      .returning({ id: benchCases.id });
    if (updated.length !== 1) throw new Error(`case ${caseId}: version ${row.version} is stale`);
    await tx
      .insert(benchEvents)
      .values({ caseId, kind: 'transition', payload: { from: row.version } });
  });
}

async function singleWrite(store: Store, caseId: number): Promise<void> {
  await store.db.insert(benchEvents).values({ caseId, kind: 'read', payload: { at: Date.now() } });
}

async function singleRead(store: Store, caseId: number): Promise<void> {
  const rows = await store.db.select().from(benchCases).where(eq(benchCases.id, caseId));
  if (rows.length !== 1) throw new Error(`case ${caseId} not found`);
}

function pickKind(r: number): Kind {
  const x = r * (MIX.transaction + MIX.write + MIX.read);
  if (x < MIX.transaction) return 'transaction';
  return x < MIX.transaction + MIX.write ? 'write' : 'read';
}

async function client(store: Store, index: number, samples: Sample[]): Promise<void> {
  const next = rng(0x5eed + index);
  for (let i = 0; i < OPS_PER_CLIENT; i++) {
    const kind = pickKind(next());
    const caseId = 1 + Math.floor(next() * CASES);
    const started = performance.now();
    if (kind === 'transaction') await transition(store, caseId);
    else if (kind === 'write') await singleWrite(store, caseId);
    else await singleRead(store, caseId);
    samples.push({ kind, ms: performance.now() - started });
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

interface WaitSummary {
  readonly count: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly over10s: number;
  /** p99 ÷ median. */
  readonly ratio: number;
}

function summarize(ms: readonly number[]): WaitSummary {
  const s = [...ms].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const p99 = quantile(s, 0.99);
  return {
    count: s.length,
    medianMs: round(median),
    p99Ms: round(p99),
    maxMs: round(s[s.length - 1] ?? 0),
    over10s: s.filter((x) => x > 10_000).length,
    ratio: round(median > 0 ? p99 / median : 0, 2),
  };
}

async function check(store: Store, samples: readonly Sample[]): Promise<string[]> {
  const problems: string[] = [];
  const want = (kind: Kind) => samples.filter((s) => s.kind === kind).length;
  const r = await store.query<{ changes: number; transitions: number; reads: number }>(
    `SELECT (SELECT sum(changes)::int FROM bench_case) AS changes,
            (SELECT count(*)::int FROM bench_event WHERE kind = 'transition') AS transitions,
            (SELECT count(*)::int FROM bench_event WHERE kind = 'read') AS reads`,
  );
  const got = r.rows[0]!;
  if (got.changes !== want('transaction') || got.transitions !== want('transaction')) {
    problems.push(
      `transactions: ${want('transaction')} run, ${got.changes} case changes, ${got.transitions} events`,
    );
  }
  if (got.reads !== want('write')) problems.push(`writes: ${want('write')} run, ${got.reads} rows`);
  return problems;
}

function sourceState(): { commit: string; uncommittedInSrc: string[] } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommittedInSrc: git('status', '--porcelain', '--', 'src/store')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    };
  } catch {
    return { commit: 'unknown (git unavailable)', uncommittedInSrc: [] };
  }
}

async function measure(
  store: Store,
): Promise<{ samples: Sample[]; seconds: number; problems: string[] }> {
  // A short warm-up, so that the first measured operations do not pay for compiling plans.
  for (let i = 1; i <= 20; i++) await transition(store, i);
  await store.exec(`DELETE FROM bench_event; UPDATE bench_case SET changes = 0`);
  const samples: Sample[] = [];
  const started = performance.now();
  const runs = await Promise.allSettled(
    Array.from({ length: CLIENTS }, (_, i) => client(store, i, samples)),
  );
  const seconds = (performance.now() - started) / 1000;
  const problems = runs
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => String(r.reason));
  problems.push(...(await check(store, samples)));
  return { samples, seconds, problems };
}

async function main(): Promise<number> {
  const loadAtStart = loadavg().map((x) => round(x, 2));
  const dir = mkdtempSync(join(tmpdir(), 'rongcuo-bench-store-'));
  const store = await openStore({ dataDir: dir });
  let result: Awaited<ReturnType<typeof measure>>;
  try {
    await seed(store);
    log(`PGlite at ${dir}: ${CLIENTS} clients × ${OPS_PER_CLIENT} operations…`);
    result = await measure(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const { samples, seconds, problems } = result;
  const of = (kinds: readonly Kind[]) =>
    summarize(samples.filter((s) => kinds.includes(s.kind)).map((s) => s.ms));
  const waits = {
    writes: of(['transaction', 'write']),
    transactions: of(['transaction']),
    singleWrites: of(['write']),
    reads: of(['read']),
    all: of(['transaction', 'write', 'read']),
  };
  // Fair sharing means no kind of work waits much longer than another: the ratio holds over all
  // operations together, not only within one kind.
  const met = [waits.all, waits.writes, waits.transactions].every((w) => w.ratio <= TARGET_RATIO);
  const report = {
    benchmark: 'store',
    machine: {
      node: process.version,
      os: `${platform()} ${release()}`,
      cpus: cpus().length,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
      date: new Date().toISOString(),
    },
    source: sourceState(),
    setup: { store: 'pglite (data directory)', clients: CLIENTS, opsPerClient: OPS_PER_CLIENT },
    mix: MIX,
    seconds: round(seconds, 2),
    operationsPerSecond: round(samples.length / seconds),
    waits,
    target: { p99OverMedianAtMost: TARGET_RATIO, met },
    problems,
  };
  const out = join(ROOT, 'bench', 'results', 'store.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`${samples.length} operations in ${round(seconds, 2)} s (${report.operationsPerSecond}/s)`);
  log('wait (ms)        count   median      p99      max  >10 s  p99/median');
  for (const [name, w] of Object.entries(waits)) {
    log(
      `${name.padEnd(14)} ${String(w.count).padStart(7)} ${String(w.medianMs).padStart(8)} ${String(w.p99Ms).padStart(8)} ${String(w.maxMs).padStart(8)} ${String(w.over10s).padStart(6)} ${String(w.ratio).padStart(11)}`,
    );
  }
  log(
    `target p99 ≤ ${TARGET_RATIO} × median (all, writes, transactions): ${met ? 'met' : 'MISSED'}`,
  );
  for (const p of problems) log(`problem: ${p}`);
  log(`results: ${out}`);
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
