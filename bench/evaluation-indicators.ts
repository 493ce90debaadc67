/**
 * The indicators from case records (issue 12) over a million cases on PostgreSQL: the
 * province-wide auditor (every case) and X New Area's liaison (one case in twenty), for the last
 * year of the data, the whole of it, and the first quarter of that year. The floor is the
 * province's year: 300 ms.
 *
 * What makes it (migration 0026): each grouped query of getIndicators reads a range of days on an
 * index that holds every column it counts, so each is an index-only scan — the first
 * determinations on determinations_first_decided (decided_on, partial on supersedes_id IS NULL),
 * the cases opened on cases_created (created_at, covering jurisdiction and route), the challenges
 * decided, the actions due and the corrections reviewed on indexes of their own days. The first
 * determinations no longer look up their case's day of acceptance nor their publicity notice per
 * row: both days are the determination's own columns (accepted_on, written when it is decided;
 * publicized_on, written when the notice is issued). Before 0026 that one query joined a million
 * cases and probed the notices 70,000 times (1.0–1.2 s of the year's 1.4 s at load 4, much of it
 * PostgreSQL's JIT compilation, which its cost estimate switched on); now it reads 1,600 index
 * pages and its estimate stays under jit_above_cost. No summary table is needed.
 *
 *   npm run bench:indicators    (builds, then node dist/bench/evaluation-indicators.js)
 *
 * Environment: INDICATORS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/rongcuo_indicators),
 * a database of its own (CREATE DATABASE rongcuo_indicators; once); BENCH_SCALE the number of
 * cases (1000000); BENCH_INDICATORS_REPEATS timed calls of each read (9, after one untimed call);
 * BENCH_INDICATORS_LABEL the key the figures are stored under ('plain').
 *
 * The data set is built as bench:scale builds its own (bench/scale/clone.ts: the demo seeded,
 * then cloned in SQL over X New Area and 19 sibling districts), with two differences the
 * indicators need: each copy's decision day moves back with its other days (so a year holds about a
 * fifth of the decisions), and the records the indicators read besides cases and determinations
 * (challenges, corrections and their actions, visits and their draws, accountability matters, risk
 * filings, publicity notices) are cloned with their cases (bench/scale/indicator-children.ts).
 * It is built once and kept (about 45 minutes on a busy 2-core machine); to rebuild: DROP DATABASE
 * rongcuo_indicators; CREATE DATABASE … Each run then VACUUM ANALYZEs it, as autovacuum would.
 *
 * Each read is the application's own getIndicators, called in this process one at a time: median
 * and slowest of the timed calls. Writes bench/results/indicators.json with the commit measured
 * and the load average at its start and end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { seedDemo } from '../src/app/demo.js';
import { getIndicators, type IndicatorsInput } from '../src/app/evaluation/indicators.js';
import { loadActor } from '../src/app/org.js';
import {
  accountabilityMatters,
  caseChallenges,
  caseDocuments,
  cases,
  correctionActions,
  corrections,
  determinations,
  followUpVisits,
  riskFilings,
  users,
} from '../src/app/tables.js';
import type { Actor } from '../src/domain/roles.js';
import { median } from './api/stats.js';
import { envNumber, envText } from './env.js';
import { cloneSql } from './scale/clone.js';
import { indicatorChildrenSql } from './scale/indicator-children.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/bench/). */
const ROOT = join(HERE, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'indicators.json');

const DATABASE_URL = envText(
  'INDICATORS_DATABASE_URL',
  'postgres://postgres@127.0.0.1:5432/rongcuo_indicators',
);
const TOTAL = envNumber('BENCH_SCALE', 1_000_000, { min: 1, integer: true });
const REPEATS = envNumber('BENCH_INDICATORS_REPEATS', 9, { min: 1, integer: true });
/** The key the figures are stored under ('plain' or 'indexes', say). */
const LABEL = envText('BENCH_INDICATORS_LABEL', 'plain');
const DISTRICTS = 19;
const TARGET_MS = 300;

const log = (s: string) => process.stderr.write(`bench:indicators: ${s}\n`);

async function caseCount(app: OpenedApp): Promise<number> {
  const [r] = await app.store.db.select({ n: count() }).from(cases);
  return Number(r?.n ?? 0);
}

/** Seeds and clones when the database does not hold the data set yet. */
async function ensureDataSet(app: OpenedApp): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  let n = await caseCount(app);
  if (n === TOTAL) return { built: false, ms: 0 };
  if (n === 0) {
    log('empty database: seeding the demo');
    await seedDemo(app.ctx);
    n = await caseCount(app);
  }
  if (n > TOTAL || n > 1000) {
    throw new Error(
      `the database holds ${n} cases, not the demo's nor ${TOTAL}: drop and recreate it (see the head of bench/evaluation-indicators.ts)`,
    );
  }
  log(`cloning ${n} demo cases and their records to ${TOTAL} (minutes)`);
  // One script, so one implicit transaction, and the temporary tables stay on one connection.
  await app.store.exec(
    cloneSql(TOTAL, DISTRICTS, { shiftDecisions: true }) + indicatorChildrenSql(),
  );
  return { built: true, ms: Math.round(performance.now() - started) };
}

async function actorOf(app: OpenedApp, username: string): Promise<Actor> {
  const [u] = await app.store.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return loadActor(app.ctx, u.id);
}

interface Timing {
  readonly medianMs: number;
  readonly maxMs: number;
  readonly ms: readonly number[];
  /** What the read counted, to see it did the work. */
  readonly result: string;
}

async function time(fn: () => Promise<string>): Promise<Timing> {
  let result = await fn();
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    result = await fn();
    ms.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  return { medianMs: median(ms), maxMs: Math.max(...ms), ms, result };
}

/** The rows of each table the indicators read, to show the data set's shape. */
async function tableSizes(app: OpenedApp): Promise<Record<string, number>> {
  const tables = {
    cases,
    determinations,
    caseChallenges,
    corrections,
    correctionActions,
    followUpVisits,
    accountabilityMatters,
    riskFilings,
    caseDocuments,
  };
  const out: Record<string, number> = {};
  for (const [name, t] of Object.entries(tables)) {
    const [r] = await app.store.db.select({ n: count() }).from(t);
    out[name] = Number(r?.n ?? 0);
  }
  return out;
}

/** The periods measured: the data's last year, all of it, and that year's first quarter. */
async function periods(app: OpenedApp): Promise<Record<string, IndicatorsInput>> {
  const [r] = await app.store.db
    .select({
      first: sql<string>`min(${determinations.decidedOn})::text`,
      last: sql<string>`max(${determinations.decidedOn})::text`,
    })
    .from(determinations);
  const last = r!.last;
  const yearBefore = new Date(Date.parse(`${last}T00:00:00Z`) - 364 * 86_400_000);
  const from = yearBefore.toISOString().slice(0, 10);
  const quarterEnd = new Date(Date.parse(`${from}T00:00:00Z`) + 90 * 86_400_000);
  return {
    'last year': { from, to: last },
    'all years': { from: r!.first < '2008-01-01' ? '2008-01-01' : r!.first, to: last },
    'a quarter': { from, to: quarterEnd.toISOString().slice(0, 10) },
  };
}

function summary(r: Awaited<ReturnType<typeof getIndicators>>): string {
  const t = Object.fromEntries(r.total.map((x) => [x.id, x]));
  const decided = t['toleranceRate']!.denominator;
  const median = t['medianWorkingDaysToDecision']!.value;
  return `${r.jurisdictions.length} jurisdictions, ${t['applicationsPerThousandCadres']!.numerator} applications, ${decided} first determinations, median ${median} working days, ${t['correctionCompletion']!.denominator} actions due, ${t['visitCoverage']!.denominator} visits drawn`;
}

function commitOf(): { commit: string; uncommitted: string[] } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommitted: git('status', '--porcelain', '--', 'src', 'migrations', 'bench')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    };
  } catch {
    return { commit: 'unknown (git unavailable)', uncommitted: [] };
  }
}

async function main(): Promise<number> {
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const app = await openApp({ databaseUrl: DATABASE_URL });
  try {
    const built = await ensureDataSet(app);
    // As autovacuum leaves the tables: a migration's backfill (0026 rewrote every determination)
    // leaves pages an index-only scan must check in the heap until they are vacuumed.
    log('vacuum analyze');
    await app.store.exec('VACUUM ANALYZE');
    const sizes = await tableSizes(app);
    log(`data set: ${JSON.stringify(sizes)}`);
    const spans = await periods(app);
    const readers: Record<string, Record<string, Timing>> = {};
    for (const username of ['auditor', 'liaison']) {
      const actor = await actorOf(app, username);
      readers[username] = {};
      for (const [name, period] of Object.entries(spans)) {
        const t = await time(async () => summary(await getIndicators(app.ctx, actor, period)));
        readers[username][`${name} ${period.from}..${period.to}`] = t;
        log(
          `  ${username} ${name.padEnd(10)} ${String(t.medianMs).padStart(8)} ms (max ${t.maxMs})  ${t.result}`,
        );
      }
    }
    const auditor = Object.entries(readers['auditor']!);
    const slowest = Math.max(...auditor.map(([, t]) => t.medianMs));
    // The floor: the province-wide read of a year (issue 12).
    const year = auditor.find(([k]) => k.startsWith('last year'))![1].medianMs;
    const out = {
      date: new Date().toISOString(),
      ...commitOf(),
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
      },
      dataset: {
        ...sizes,
        jurisdictions: DISTRICTS + 1,
        build: built,
        how: 'the demo cloned in SQL by bench/scale/clone.ts (decision days moved back with the copies) and bench/scale/indicator-children.ts (challenges, corrections, actions, visits, matters, risk filings, publicity notices)',
      },
      repeats: REPEATS,
      readers,
      target: {
        provinceYearMedianMsUnder: TARGET_MS,
        provinceYearMedianMs: year,
        slowestProvinceMedianMs: slowest,
        pass: year <= TARGET_MS,
      },
    };
    const previous = existsSync(RESULTS)
      ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
      : {};
    const labelled = 'dataset' in previous ? {} : previous;
    writeFileSync(RESULTS, JSON.stringify({ ...labelled, [LABEL]: out }, null, 2) + '\n');
    process.stdout.write(
      `written: ${RESULTS} (${LABEL}); province year median ${year} ms (floor ${TARGET_MS}), slowest province median ${slowest} ms\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `bench:indicators failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
