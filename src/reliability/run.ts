/**
 * The full reliability run: `npm run test:reliability` (builds, then node
 * dist/src/reliability/run.js). The CI tests beside this file run the same harness with small
 * parameters; this runs it at size and writes bench/results/reliability.json with the commit.
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; RELIABILITY_PG=0
 * leaves PostgreSQL out); RELIABILITY_FUZZ_REQUESTS per store (3000); RELIABILITY_KILL_RUNS per
 * store (4); RELIABILITY_KILL_CLIENTS (8); RELIABILITY_SOAK_SECONDS per store (180);
 * RELIABILITY_SOAK_CLIENTS (8); RELIABILITY_SEED (2026).
 *
 * Exits 1 when a check fails (a 5xx, a lost write, a missing read-log row, a broken trail, a job
 * run twice, memory growth over the bound); progress on stderr.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openApp } from '../app/bootstrap.js';
import { buildServer } from '../server/server.js';
import { DEFAULT_DATABASE_URL, envNumber, envText } from '../../bench/env.js';
import { injectSender } from './client.js';
import { fuzzApi, type FuzzReport } from './fuzz.js';
import { checkInstances, type InstancesReport } from './instances.js';
import { killRuns, type KillReport } from './kill.js';
import { soak, type SoakReport } from './soak.js';
import { CLI_BUILT, repoRoot, tempStore, type StoreTarget } from './stores.js';
import { buildFuzzWorld, fuzzUsers } from './world.js';

const DATABASE_URL = envText('DATABASE_URL', DEFAULT_DATABASE_URL);
const WITH_PG = envText('RELIABILITY_PG', '1') !== '0';
const FUZZ_REQUESTS = envNumber('RELIABILITY_FUZZ_REQUESTS', 3000, { integer: true, min: 1 });
const KILL_RUNS = envNumber('RELIABILITY_KILL_RUNS', 4, { integer: true, min: 1 });
const KILL_CLIENTS = envNumber('RELIABILITY_KILL_CLIENTS', 8, { integer: true, min: 1 });
const SOAK_SECONDS = envNumber('RELIABILITY_SOAK_SECONDS', 180, { min: 5 });
const SOAK_CLIENTS = envNumber('RELIABILITY_SOAK_CLIENTS', 8, { integer: true, min: 1 });
const SEED = envNumber('RELIABILITY_SEED', 2026, { integer: true });
/** The soak's bound on the server's memory growth from the end of warm-up to the end. */
const RSS_GROWTH_BOUND_MB = 150;

const say = (line: string) => process.stderr.write(`reliability: ${line}\n`);

async function fuzzOn(kind: StoreTarget['kind']): Promise<FuzzReport & { store: string }> {
  const store = await tempStore(kind, DATABASE_URL);
  const app = await openApp(
    store.target.kind === 'pglite'
      ? { dataDir: store.target.dataDir }
      : { databaseUrl: store.target.databaseUrl },
  );
  try {
    const w = await buildFuzzWorld(app.store);
    const server = await buildServer(w.ctx, { checkResponses: true });
    await server.ready();
    let n = 0;
    try {
      const report = await fuzzApi({
        send: injectSender(server),
        users: fuzzUsers(w),
        requests: FUZZ_REQUESTS,
        seed: SEED,
        now: w.ctx.now,
        address: () => `10.77.${(++n >> 8) & 255}.${n & 255}`,
      });
      return { store: kind, ...report };
    } finally {
      await server.close();
    }
  } finally {
    await app.close();
    await store.remove();
  }
}

async function tempSchema(url: string) {
  const name = `rongcuo_rel_${process.pid}`;
  const q = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await q(`CREATE SCHEMA ${name}`);
  return { name, drop: () => q(`DROP SCHEMA IF EXISTS ${name} CASCADE`) };
}

function commit(): { commit: string; uncommittedInSrc: string[] } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repoRoot(), encoding: 'utf8' });
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommittedInSrc: git('status', '--porcelain', '--', 'src', 'migrations')
        .split('\n')
        .filter(Boolean),
    };
  } catch {
    return { commit: 'unknown (git unavailable)', uncommittedInSrc: [] };
  }
}

async function main(): Promise<number> {
  if (!CLI_BUILT) {
    say('dist/ is missing: build first (npm run test:reliability builds)');
    return 2;
  }
  const started = Date.now();
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const kinds: StoreTarget['kind'][] = WITH_PG ? ['pglite', 'postgres'] : ['pglite'];
  const failures: string[] = [];

  const fuzz: (FuzzReport & { store: string })[] = [];
  for (const kind of kinds) {
    say(`fuzz on ${kind}: ${FUZZ_REQUESTS} requests…`);
    const r = await fuzzOn(kind);
    say(
      `fuzz on ${kind}: ${r.requests} requests, ${r.serverErrors} 5xx, ${r.findings.length} findings (${r.ms} ms)`,
    );
    if (r.findings.length > 0)
      failures.push(`fuzz ${kind}: ${JSON.stringify(r.findings.slice(0, 3))}`);
    fuzz.push(r);
  }

  const kill: KillReport[] = [];
  for (const kind of kinds) {
    say(`kill -9 on ${kind}: ${KILL_RUNS} runs, ${KILL_CLIENTS} clients…`);
    const store = await tempStore(kind, DATABASE_URL);
    try {
      const r = await killRuns({
        target: store.target,
        clients: KILL_CLIENTS,
        runs: KILL_RUNS,
        writesPerRun: 40,
        seed: SEED,
        progress: say,
      });
      say(
        `kill -9 on ${kind}: ${r.acknowledgedWrites} acknowledged writes, ${r.lostWrites} lost; ${r.answeredReads} reads, ${r.readsWithoutLogRow} without a log row; audit verify exit ${r.auditVerifyExit}`,
      );
      if (r.lostWrites > 0 || r.readsWithoutLogRow > 0 || r.auditVerifyExit !== 0) {
        failures.push(`kill ${kind}: ${JSON.stringify(r)}`);
      }
      kill.push(r);
    } finally {
      await store.remove();
    }
  }

  const soaks: SoakReport[] = [];
  for (const kind of kinds) {
    say(`soak on ${kind}: ${SOAK_SECONDS} s, ${SOAK_CLIENTS} clients…`);
    const store = await tempStore(kind, DATABASE_URL);
    try {
      const r = await soak({
        target: store.target,
        seconds: SOAK_SECONDS,
        warmupSeconds: Math.min(30, SOAK_SECONDS / 5),
        clients: SOAK_CLIENTS,
        seed: SEED,
      });
      say(
        `soak on ${kind}: ${r.perSecond}/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${r.errors} errors, RSS +${r.rssMb.growth} MB`,
      );
      if (r.errors > 0 || r.rssMb.growth > RSS_GROWTH_BOUND_MB)
        failures.push(`soak ${kind}: ${JSON.stringify(r)}`);
      soaks.push(r);
    } finally {
      await store.remove();
    }
  }

  let instances: InstancesReport | undefined;
  if (WITH_PG) {
    say('three instances on one PostgreSQL…');
    const schema = await tempSchema(DATABASE_URL);
    try {
      instances = await checkInstances({
        databaseUrl: DATABASE_URL,
        searchPath: schema.name,
        instances: 3,
        writers: 12,
        writesEach: 25,
        races: 30,
        jobs: 300,
      });
      say(`instances: ${JSON.stringify(instances)}`);
      const i = instances;
      if (
        i.lostWrites > 0 ||
        i.racesBroken > 0 ||
        !i.sessionsShared ||
        i.rateLimitedAtAttempt !== i.rateLimitMax + 1 ||
        !i.lockoutShared ||
        i.jobsRunTwice > 0 ||
        i.jobsRunOnce !== i.jobsScheduled
      ) {
        failures.push(`instances: ${JSON.stringify(i)}`);
      }
    } finally {
      await schema.drop();
    }
  }

  const result = {
    benchmark: 'reliability',
    machine: {
      node: process.version,
      os: `${platform()} ${release()}`,
      cpus: cpus().length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
      date: new Date().toISOString(),
    },
    source: commit(),
    settings: {
      seed: SEED,
      fuzzRequestsPerStore: FUZZ_REQUESTS,
      killRunsPerStore: KILL_RUNS,
      killClients: KILL_CLIENTS,
      soakSeconds: SOAK_SECONDS,
      soakClients: SOAK_CLIENTS,
      rssGrowthBoundMb: RSS_GROWTH_BOUND_MB,
    },
    summary: {
      requestsFuzzed: fuzz.reduce((a, r) => a + r.requests, 0),
      fuzz5xx: fuzz.reduce((a, r) => a + r.serverErrors, 0),
      killRuns: kill.reduce((a, r) => a + r.runs, 0),
      acknowledgedWritesChecked: kill.reduce((a, r) => a + r.acknowledgedWrites, 0),
      lostWrites: kill.reduce((a, r) => a + r.lostWrites, 0),
      failures,
      seconds: Math.round((Date.now() - started) / 1000),
    },
    fuzz: fuzz.map(({ findings, ...r }) => ({ ...r, findings: findings.slice(0, 10) })),
    kill,
    soak: soaks,
    instances: instances ?? 'skipped (RELIABILITY_PG=0)',
  };
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'reliability.json'), JSON.stringify(result, null, 2) + '\n');
  say(
    `wrote bench/results/reliability.json (${result.summary.seconds} s); ${failures.length === 0 ? 'every check passed' : `${failures.length} check(s) FAILED`}`,
  );
  for (const f of failures) say(`FAILED ${f.slice(0, 1000)}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(2);
  },
);
