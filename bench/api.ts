/**
 * API benchmark on PostgreSQL: case reads (the full presenter, directly and over HTTP), full case
 * transitions (row lock, version check, permission, hash-chained event, case update), pgbench
 * running a comparable two-statement write transaction on the same server, and cold start of
 * `rongcuo serve` on the embedded store.
 *
 *   npm run bench:api      (builds, then node dist/bench/api.js)
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); BENCH_CASES extra
 * cases beyond the demo's 53 (default 3000); BENCH_WORKERS concurrent workers and pgbench clients
 * (8); BENCH_SECONDS per measured round (10); BENCH_ROUNDS rounds of every measurement, interleaved
 * (3); BENCH_COLD_REPEATS (3, 0 skips the cold start); BENCH_OPEN_RATE reads per second of the
 * open-loop read test (400).
 *
 * Everything runs in a schema of its own, rongcuo_bench_<pid>, created first and dropped last (also
 * on Ctrl+C). Writes bench/results/api.json and prints a table. Exits non-zero when an operation
 * fails or an audit chain breaks; a missed performance target is reported, not fatal.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import pg from 'pg';
import { recordFact } from '../src/app/cases/record-fact.js';
import { resumeCase } from '../src/app/cases/resume.js';
import { suspendCase } from '../src/app/cases/suspend.js';
import { verifyAudit } from '../src/app/audit.js';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { DEMO_JURISDICTIONS, demoPassword } from '../src/app/demo.js';
import { getCase } from '../src/app/queries/case-view.js';
import { cases } from '../src/app/tables.js';
import type { Actor, Role } from '../src/domain/roles.js';
import { measureColdStart, type ColdStart } from './api/cold-start.js';
import { DEFAULT_DATABASE_URL, envNumber, envText } from './env.js';
import { cpuSnapshot, type CpuUse } from './api/cpu.js';
import { apiLogin, httpRequest, keepAliveAgent, startServerProcess } from './api/http.js';
import { findPgbench, preparePgbenchTables, runPgbench, type PgbenchRun } from './api/pgbench.js';
import { profileOps, type OpProfile } from './api/profile.js';
import { seedBenchData, type SeedResult } from './api/seed.js';
import { runLoad, runOpenLoad, spread, type LoadResult, type Spread } from './api/stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/bench/). */
const ROOT = join(HERE, '..', '..');

const env = envNumber;
const DATABASE_URL = envText('DATABASE_URL', DEFAULT_DATABASE_URL);
const EXTRA_CASES = env('BENCH_CASES', 3000);
const WORKERS = Math.max(1, Math.floor(env('BENCH_WORKERS', 8)));
const SECONDS = env('BENCH_SECONDS', 10);
const ROUNDS = Math.max(1, Math.floor(env('BENCH_ROUNDS', 3)));
const WARMUP_S = Math.min(2, SECONDS / 4);
const COLD_REPEATS = Math.floor(env('BENCH_COLD_REPEATS', 3));
/** Reads per second of the open-loop read test (about half of what 8 workers reach here). */
const OPEN_RATE = Math.max(1, env('BENCH_OPEN_RATE', 400));
const SEED = 2025;
/** Cases each transition worker cycles through (distinct per worker). */
const CASES_PER_WORKER = 16;
/** Operations per kind in the one-at-a-time profile. */
const PROFILE_OPS = 200;

/** The speed floor (issue 9): reported as PASS or FAIL, never fatal. */
const TARGETS = {
  /** Transitions per second at 8 workers, as a share of pgbench's rate in the same run. */
  transitionsVsPgbench: 0.3,
  /** Transition p99 at 8 workers. */
  transitionP99Ms: 50,
  /** A case read's p99 with one worker. */
  readOneWorkerP99Ms: 10,
  coldStartMs: 3000,
};

/** Staff who read cases in the read tests (all of X New Area in scope, full view). */
const READERS: readonly { username: string; role: Role }[] = [
  { username: 'intake', role: 'intake' },
  { username: 'investigator', role: 'investigator' },
  { username: 'chair', role: 'committee_chair' },
  { username: 'liaison', role: 'org_liaison' },
  { username: 'auditor', role: 'auditor' },
];

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

// ---- the schema -------------------------------------------------------------------------------

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: DATABASE_URL,
    application_name: 'rongcuo-bench',
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function serverInfo(app: OpenedApp): Promise<Record<string, string>> {
  const r = await app.store.query<{ name: string; setting: string }>(
    `SELECT name, setting || coalesce(unit, '') AS setting FROM pg_settings
      WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers',
                     'max_connections', 'wal_level', 'full_page_writes')`,
  );
  return Object.fromEntries(r.rows.map((x) => [x.name, x.setting]));
}

async function datasetOf(app: OpenedApp) {
  const count = async (table: string) =>
    (await app.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const byState = await app.store.query<{ state: string; n: number }>(
    `SELECT state, count(*)::int AS n FROM cases GROUP BY state ORDER BY n DESC`,
  );
  return {
    cases: await count('cases'),
    events: await count('case_events'),
    facts: await count('case_facts'),
    evidence: await count('evidence'),
    statements: await count('case_statements'),
    assessments: await count('case_assessments'),
    consultations: await count('consultations'),
    members: await count('deliberation_members'),
    determinations: await count('determinations'),
    suspensions: await count('case_suspensions'),
    readLog: await count('read_log'),
    users: await count('users'),
    officials: await count('officials'),
    byState: Object.fromEntries(byState.rows.map((r) => [r.state, r.n])),
  };
}

// ---- the measurements -------------------------------------------------------------------------

interface TransitionCase {
  id: string;
  version: number;
  suspended: boolean;
}

/** Picks `perWorker` distinct open, unsuspended cases for each worker, in `states`. */
async function casesFor(
  app: OpenedApp,
  states: string[],
  perWorker: number,
  exclude: ReadonlySet<string>,
): Promise<TransitionCase[][]> {
  const rows = await app.store.db
    .select({ id: cases.id, version: cases.version })
    .from(cases)
    .where(and(inArray(cases.state, states), isNull(cases.suspendedSince)))
    .orderBy(cases.number);
  const free = rows.filter((r) => !exclude.has(r.id));
  const need = perWorker * WORKERS;
  if (free.length < need) {
    throw new Error(
      `need ${need} open cases in ${states.join('/')} for the transition test, found ${free.length}: raise BENCH_CASES`,
    );
  }
  // Spread over the data set rather than the first rows.
  const step = free.length / need;
  const chosen = Array.from({ length: need }, (_, i) => free[Math.floor(i * step)]!);
  return Array.from({ length: WORKERS }, (_, w) =>
    chosen
      .slice(w * perWorker, (w + 1) * perWorker)
      .map((c) => ({ id: c.id, version: c.version, suspended: false })),
  );
}

function suspendResumeOp(app: OpenedApp, actor: Actor, sets: TransitionCase[][]) {
  return async (w: number, n: number) => {
    const set = sets[w]!;
    const c = set[n % set.length]!;
    const req = { caseId: c.id, expectedVersion: c.version };
    const res = c.suspended
      ? await resumeCase(app.ctx, actor, { ...req, note: '已收到书面答复，恢复办理。' })
      : await suspendCase(app.ctx, actor, {
          ...req,
          reason: '需等待上级主管部门的书面答复，中止办理。',
        });
    c.version = res.case.version;
    c.suspended = !c.suspended;
  };
}

function recordFactOp(app: OpenedApp, actor: Actor, sets: TransitionCase[][]) {
  return async (w: number, n: number) => {
    const set = sets[w]!;
    const c = set[n % set.length]!;
    const value = Math.floor(n / set.length) % 2 === 0;
    const res = await recordFact(app.ctx, actor, {
      caseId: c.id,
      expectedVersion: c.version,
      fact: 'crimeSuspected',
      value,
      note: value ? '移送材料显示涉嫌犯罪，待核实。' : '经核实，未发现涉嫌犯罪情形。',
    });
    c.version = res.case.version;
  };
}

interface Measurement {
  readonly name: string;
  readonly what: string;
  readonly rounds: LoadResult[];
  readonly rate: Spread;
  readonly p50Ms: Spread;
  readonly p95Ms: Spread;
  readonly p99Ms: Spread;
  readonly maxMs: Spread;
  readonly cpu: CpuSummary | null;
}

/** CPU per operation over the rounds (median): PostgreSQL's, Node's (bench + HTTP server), machine. */
interface CpuSummary {
  readonly postgresMsPerOp: number;
  readonly nodeMsPerOp: number;
  readonly machineBusy: number;
}

function cpuSummary(uses: readonly (CpuUse | null)[]): CpuSummary | null {
  const xs = uses.filter((u): u is CpuUse => u !== null);
  if (xs.length === 0) return null;
  return {
    postgresMsPerOp: spread(xs.map((u) => u.postgresMsPerOp)).median,
    nodeMsPerOp: spread(xs.map((u) => u.benchProcessMsPerOp + u.childMsPerOp)).median,
    machineBusy: spread(xs.map((u) => u.machineBusy)).median,
  };
}

function measurement(name: string, what: string, rounds: LoadResult[]): Measurement {
  return {
    name,
    what,
    rounds,
    rate: spread(rounds.map((r) => r.rate)),
    p50Ms: spread(rounds.map((r) => r.p50Ms)),
    p95Ms: spread(rounds.map((r) => r.p95Ms)),
    p99Ms: spread(rounds.map((r) => r.p99Ms)),
    maxMs: spread(rounds.map((r) => r.maxMs)),
    cpu: cpuSummary(rounds.map((r) => r.cpu)),
  };
}

function sourceState(): { commit: string; uncommittedInSrc: string[] } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommittedInSrc: git('status', '--porcelain', '--', 'src', 'migrations')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    };
  } catch {
    return { commit: 'unknown (git unavailable)', uncommittedInSrc: [] };
  }
}

// ---- the run ----------------------------------------------------------------------------------

async function main(): Promise<number> {
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const startedAt = new Date();
  const pgbench = await findPgbench();
  if (!pgbench) {
    log('pgbench not found (PATH, /usr/lib/postgresql/*/bin): apt-get install postgresql-contrib');
    return 2;
  }
  const schema = `rongcuo_bench_${process.pid}`;
  await admin(`CREATE SCHEMA ${schema}`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  };
  let app: OpenedApp | undefined;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  const interrupted = async () => {
    log('interrupted: dropping the bench schema');
    await server?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await drop().catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', () => void interrupted());
  process.once('SIGTERM', () => void interrupted());
  const failures: string[] = [];
  try {
    app = await openApp({ databaseUrl: DATABASE_URL, searchPath: schema });
    const pgSettings = await serverInfo(app);
    log(`schema ${schema} on PostgreSQL ${pgSettings['server_version'] ?? '?'}; seeding…`);

    // 1. The data set.
    let lastShown = 0;
    const seeded: SeedResult = await seedBenchData(app.ctx, {
      extraCases: EXTRA_CASES,
      workers: WORKERS,
      seed: SEED,
      onProgress: (done, total) => {
        if (done === total || performance.now() - lastShown > 5000) {
          lastShown = performance.now();
          log(`  seeded ${done}/${total} extra cases`);
        }
      },
    });
    // Vacuum and analyze what the seeding wrote, so that autovacuum does not do it during the
    // measured rounds (its CPU counts as PostgreSQL's: one run's reads showed twice the usual
    // PostgreSQL time per read).
    await app.store.exec('VACUUM ANALYZE');
    const datasetBefore = await datasetOf(app);
    log(
      `data set: ${datasetBefore.cases} cases, ${datasetBefore.events} events (demo ${seeded.demo.ms} ms; ` +
        `${seeded.extraCases} extra cases by ${seeded.extraCalls} use-case calls in ${seeded.extraMs} ms)`,
    );
    // The readers' cases: X New Area's (the demo's city and free-trade zone hold cases they may
    // not see).
    const allIds = (
      await app.store.db
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.jurisdictionId, DEMO_JURISDICTIONS.area.id))
    ).map((r) => r.id);
    const staff = (u: string) => {
      const a = seeded.staff.get(u);
      if (!a) throw new Error(`no demo user '${u}'`);
      return a;
    };
    const readers = READERS.map((r) => staff(r.username));
    const investigator = staff('investigator');
    const suspendSets = await casesFor(
      app,
      ['verification', 'consultation', 'deliberation'],
      CASES_PER_WORKER,
      new Set(),
    );
    const factSets = await casesFor(
      app,
      ['verification'],
      CASES_PER_WORKER,
      new Set(suspendSets.flat().map((c) => c.id)),
    );
    const pgbenchRows = await app.store.rawTx((sql) => preparePgbenchTables(sql));

    // 2. The HTTP server in its own process, and a Bearer token per reader.
    server = await startServerProcess(join(HERE, 'api', 'server-child.js'), {
      ...process.env,
      DATABASE_URL,
      BENCH_SCHEMA: schema,
    });
    const agent = keepAliveAgent(WORKERS);
    const tokens: string[] = [];
    for (const r of READERS) {
      tokens.push(await apiLogin(agent, server.url, r.username, demoPassword(r.role)));
    }
    log(`HTTP server at ${server.url} (pid ${server.child.pid})`);

    let rng = 0x9e3779b9;
    const rand = () => {
      rng = (rng + 0x6d2b79f5) >>> 0;
      let t = rng;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    // Reads leave out the cases the transition tests cycle through: those gather hundreds of
    // suspend/resume events over the rounds, which no real case has, and would make the reads
    // drift from round to round.
    const cycled = new Set([...suspendSets.flat(), ...factSets.flat()].map((c) => c.id));
    const readIds = allIds.filter((id) => !cycled.has(id));
    const anyCase = () => readIds[Math.floor(rand() * readIds.length)]!;
    const readDirect = async () => {
      const who = readers[Math.floor(rand() * readers.length)]!;
      await getCase(app!.ctx, who, anyCase());
    };
    const readHttp = async () => {
      const token = tokens[Math.floor(rand() * tokens.length)]!;
      const res = await httpRequest(agent, `${server!.url}/api/cases/${anyCase()}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    };
    const suspendResume = suspendResumeOp(app, investigator, suspendSets);
    const factOp = recordFactOp(app, investigator, factSets);

    // 3. Where the time goes, one operation at a time (also warms up the JIT and the caches).
    log('profiling one operation at a time…');
    const profiles: Record<string, OpProfile> = {
      getCase: await profileOps(PROFILE_OPS, () => readDirect()),
      suspendOrResume: await profileOps(PROFILE_OPS, (i) => suspendResume(i % WORKERS, i)),
      recordFact: await profileOps(PROFILE_OPS, (i) => factOp(i % WORKERS, i)),
    };
    for (let i = 0; i < PROFILE_OPS; i++) await readHttp();

    // 4. The measured rounds, interleaved so that background load affects all alike.
    const load = { workers: WORKERS, seconds: SECONDS, warmupSeconds: WARMUP_S };
    const serverPid = server.child.pid;
    const cpu = () => cpuSnapshot(serverPid === undefined ? [] : [serverPid]);
    const rounds = {
      readDirect: [] as LoadResult[],
      readHttp: [] as LoadResult[],
      suspendResume: [] as LoadResult[],
      recordFact: [] as LoadResult[],
      pgbench: [] as PgbenchRun[],
      readDirectOne: [] as LoadResult[],
      suspendResumeOne: [] as LoadResult[],
      readOpen: [] as LoadResult[],
    };
    const one = { ...load, workers: 1 };
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: getCase`);
      rounds.readDirect.push(await runLoad(load, () => readDirect(), cpu));
      log(`round ${round}/${ROUNDS}: GET /api/cases/:id`);
      rounds.readHttp.push(await runLoad(load, () => readHttp(), cpu));
      log(`round ${round}/${ROUNDS}: suspend/resume`);
      rounds.suspendResume.push(await runLoad(load, suspendResume, cpu));
      log(`round ${round}/${ROUNDS}: recordFact`);
      rounds.recordFact.push(await runLoad(load, factOp, cpu));
      log(`round ${round}/${ROUNDS}: getCase and suspend/resume, one worker`);
      rounds.readDirectOne.push(await runLoad(one, () => readDirect(), cpu));
      rounds.suspendResumeOne.push(await runLoad(one, (_w, n) => suspendResume(0, n), cpu));
      log(`round ${round}/${ROUNDS}: getCase at a steady ${OPEN_RATE}/s (open loop)`);
      rounds.readOpen.push(
        await runOpenLoad(
          { rate: OPEN_RATE, seconds: SECONDS, warmupSeconds: WARMUP_S },
          () => readDirect(),
          cpu,
        ),
      );
      log(`round ${round}/${ROUNDS}: pgbench`);
      rounds.pgbench.push(
        await runPgbench({
          pgbench,
          databaseUrl: DATABASE_URL,
          schema,
          clients: WORKERS,
          threads: Math.min(2, WORKERS),
          seconds: Math.max(1, Math.round(SECONDS)),
          cases: pgbenchRows,
        }),
      );
    }
    agent.destroy();
    await server.stop();
    server = undefined;

    for (const [name, rs] of Object.entries(rounds)) {
      for (const r of rs as (LoadResult | PgbenchRun)[]) {
        if ('errors' in r && r.errors > 0) {
          failures.push(`${name}: ${r.errors} operations failed (${r.errorSamples.join(' | ')})`);
        }
        if ('failed' in r && (r.failed ?? 0) > 0) failures.push(`${name}: ${r.failed} failed`);
      }
    }

    // 5. Every audit chain still holds after the concurrent transitions.
    const audit = await verifyAudit(app.ctx);
    if (audit.firstBreak) {
      failures.push(`audit chain broken: ${JSON.stringify(audit.firstBreak)}`);
    }
    const datasetAfter = await datasetOf(app);
    await app.close();
    app = undefined;
    await drop();

    // 6. Cold start on the embedded store.
    let cold: ColdStart | undefined;
    if (COLD_REPEATS > 0) {
      log(`cold start: first serve (creates and seeds), then ${COLD_REPEATS} timed starts…`);
      cold = await measureColdStart(join(ROOT, 'bin', 'rongcuo.js'), COLD_REPEATS);
    }

    // 7. The figures, the targets, the file and the table.
    const m = {
      readDirect: measurement(
        'getCase',
        'getCase(ctx, actor, id) in-process: the full presenter with abilities, one statement that also writes the read_log row; random case, random staff reader',
        rounds.readDirect,
      ),
      readHttp: measurement(
        'GET /api/cases/:id',
        'the real server in its own process on 127.0.0.1, keep-alive clients (one connection per worker) with Bearer tokens: session lookup + getCase + JSON',
        rounds.readHttp,
      ),
      suspendResume: measurement(
        'suspend/resume',
        'suspendCase and resumeCase alternating, each worker on its own cases: full runTransition (case read, permission, version check, then one statement: case update guarded by the version, hash-chained event, the suspension row)',
        rounds.suspendResume,
      ),
      recordFact: measurement(
        'recordFact',
        'recordFact during verification, each worker on its own cases: runTransition (the current value read with the case) + in the one statement, supersede the current value and insert the new fact',
        rounds.recordFact,
      ),
      readDirectOne: measurement(
        'getCase, 1 worker',
        'as getCase, one worker: the latency without queueing for the 2 cores',
        rounds.readDirectOne,
      ),
      suspendResumeOne: measurement(
        'suspend/resume, 1 w.',
        'as suspend/resume, one worker (on its own cases): the latency without queueing',
        rounds.suspendResumeOne,
      ),
      readOpen: measurement(
        `getCase, ${OPEN_RATE}/s open`,
        `as getCase, started at a steady ${OPEN_RATE} per second (open loop, latency from the scheduled start): the latency at a given load below saturation`,
        rounds.readOpen,
      ),
    };
    const pgbenchTps = spread(rounds.pgbench.map((r) => r.tps));
    const pgbenchP99 = spread(rounds.pgbench.map((r) => r.latency?.p99Ms ?? NaN));
    const pgbenchCpu = cpuSummary(rounds.pgbench.map((r) => r.cpu));
    const ratio = (rate: number) => Math.round((rate / pgbenchTps.median) * 1000) / 1000;
    const coldMedian = cold ? spread(cold.runs.map((r) => r.readyMs)).median : NaN;
    const targets = [
      {
        target: `suspend/resume ≥ ${TARGETS.transitionsVsPgbench * 100}% of pgbench TPS`,
        value: ratio(m.suspendResume.rate.median),
        pass: ratio(m.suspendResume.rate.median) >= TARGETS.transitionsVsPgbench,
      },
      {
        target: `suspend/resume p99 ≤ ${TARGETS.transitionP99Ms} ms`,
        value: m.suspendResume.p99Ms.median,
        pass: m.suspendResume.p99Ms.median <= TARGETS.transitionP99Ms,
      },
      {
        target: `recordFact ≥ ${TARGETS.transitionsVsPgbench * 100}% of pgbench TPS`,
        value: ratio(m.recordFact.rate.median),
        pass: ratio(m.recordFact.rate.median) >= TARGETS.transitionsVsPgbench,
      },
      {
        target: `recordFact p99 ≤ ${TARGETS.transitionP99Ms} ms`,
        value: m.recordFact.p99Ms.median,
        pass: m.recordFact.p99Ms.median <= TARGETS.transitionP99Ms,
      },
      {
        target: `getCase p99 with one worker ≤ ${TARGETS.readOneWorkerP99Ms} ms`,
        value: m.readDirectOne.p99Ms.median,
        pass: m.readDirectOne.p99Ms.median <= TARGETS.readOneWorkerP99Ms,
      },
      ...(cold
        ? [
            {
              target: `cold start to serving (embedded store, seeded) ≤ ${TARGETS.coldStartMs} ms`,
              value: coldMedian,
              pass: coldMedian <= TARGETS.coldStartMs,
            },
          ]
        : []),
    ];
    const loadAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
    const result = {
      benchmark: 'api',
      machine: {
        node: process.version,
        os: `${platform()} ${release()} ${arch()}`,
        cpu: cpus()[0]?.model ?? 'unknown',
        cpus: cpus().length,
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        postgres: pgSettings,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadAtEnd,
        date: startedAt.toISOString(),
      },
      source: sourceState(),
      settings: {
        databaseUrl: DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@'),
        schema,
        workers: WORKERS,
        secondsPerRound: SECONDS,
        warmupSecondsPerRound: WARMUP_S,
        rounds: ROUNDS,
        transitionCasesPerWorker: CASES_PER_WORKER,
        readCases:
          'every case except the ones the transition tests cycle through (those gather hundreds of events over the rounds)',
        appPoolMax: 10,
        http: 'real server (dist/bench/api/server-child.js) in its own Node process on 127.0.0.1; node:http keep-alive agent, one connection per worker, Authorization: Bearer',
      },
      dataset: {
        seed: SEED,
        demo: seeded.demo,
        extraCases: seeded.extraCases,
        extraUseCaseCalls: seeded.extraCalls,
        extraSeedMs: seeded.extraMs,
        before: datasetBefore,
        after: datasetAfter,
      },
      measurements: m,
      pgbench: {
        command: rounds.pgbench[0]?.command,
        script: (await import('./api/pgbench.js')).PGBENCH_SCRIPT,
        tps: pgbenchTps,
        p99Ms: pgbenchP99,
        cpu: pgbenchCpu,
        rounds: rounds.pgbench,
      },
      ratios: {
        suspendResumeVsPgbench: ratio(m.suspendResume.rate.median),
        recordFactVsPgbench: ratio(m.recordFact.rate.median),
      },
      profile: profiles,
      audit: { cases: audit.cases, events: audit.events, intact: !audit.firstBreak },
      coldStart: cold
        ? {
            ...cold,
            medianMs: coldMedian,
            command: 'node bin/rongcuo.js serve --data <tmp> --port <free>',
          }
        : null,
      targets,
      failures,
    };
    const out = join(ROOT, 'bench', 'results', 'api.json');
    mkdirSync(dirname(out), { recursive: true });
    // The million-case figures in the same file are bench:scale's: kept as they are.
    const scale = existsSync(out)
      ? (JSON.parse(readFileSync(out, 'utf8')) as { scale?: unknown }).scale
      : undefined;
    writeFileSync(out, JSON.stringify({ ...result, scale }, null, 2) + '\n');
    printTable(result.measurements, pgbenchTps, pgbenchP99, pgbenchCpu, profiles, cold, targets);
    process.stdout.write(`\nwritten: ${out}\n`);
    if (failures.length > 0) {
      for (const f of failures) log(`FAILED: ${f}`);
      return 1;
    }
    return 0;
  } finally {
    await server?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await drop().catch((e: unknown) => log(`could not drop ${schema}: ${String(e)}`));
  }
}

function printTable(
  m: Record<string, Measurement>,
  pgbenchTps: Spread,
  pgbenchP99: Spread,
  pgbenchCpu: CpuSummary | null,
  profiles: Record<string, OpProfile>,
  cold: ColdStart | undefined,
  targets: readonly { target: string; value: number; pass: boolean }[],
): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number) => (Number.isFinite(x) ? String(x) : '–');
  const sp = (s: Spread) => `${num(s.median)} (${num(s.min)}–${num(s.max)})`;
  const lines = [
    '',
    `API benchmark — ${WORKERS} workers, ${ROUNDS} rounds × ${SECONDS} s; median (min–max over rounds)`,
    '',
    `${pad('measurement', 22)}${pad('ops/s', 26)}${pad('p50 ms', 14)}${pad('p95 ms', 14)}${pad('p99 ms', 22)}max ms`,
  ];
  for (const x of Object.values(m)) {
    lines.push(
      `${pad(x.name, 22)}${pad(sp(x.rate), 26)}${pad(num(x.p50Ms.median), 14)}${pad(num(x.p95Ms.median), 14)}${pad(sp(x.p99Ms), 22)}${num(x.maxMs.median)}`,
    );
  }
  lines.push(
    `${pad('pgbench (2 statements)', 22)}${pad(sp(pgbenchTps), 26)}${pad('', 14)}${pad('', 14)}${pad(sp(pgbenchP99), 22)}`,
  );
  lines.push(
    '',
    'CPU per op under load (ms): PostgreSQL, Node (bench process + HTTP server; pgbench client for pgbench); machine busy share',
  );
  const cpuLine = (name: string, c: CpuSummary | null) =>
    c
      ? `  ${pad(name, 22)}${pad(num(c.postgresMsPerOp), 10)}${pad(num(c.nodeMsPerOp), 10)}${num(c.machineBusy)}`
      : `  ${pad(name, 22)}–`;
  for (const x of Object.values(m)) lines.push(cpuLine(x.name, x.cpu));
  lines.push(cpuLine('pgbench', pgbenchCpu));
  lines.push('', 'one at a time: statements per op, mean ms = waiting on PostgreSQL + in Node');
  for (const [name, p] of Object.entries(profiles)) {
    lines.push(
      `  ${pad(name, 18)}${pad(String(p.statementsPerOp), 8)}${p.meanMs} = ${p.dbWaitMs} + ${p.nodeMs}`,
    );
  }
  if (cold) {
    lines.push(
      '',
      `cold start (embedded store): first start with seeding ${cold.firstStartMs} ms; then ${cold.runs
        .map((r) => `${r.readyMs} ms`)
        .join(', ')}`,
    );
  }
  lines.push('', 'targets');
  for (const t of targets)
    lines.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(t.target, 58)}${num(t.value)}`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `bench:api failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
