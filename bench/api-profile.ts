/**
 * Where the Node process spends its CPU in the API's hot operations: a V8 CPU profile of each
 * operation kind under the same closed-loop load as `bench:api` (the HTTP read with the server in
 * this process), summarized by function and by
 * package, on a small data set (fast to seed). A tool for the work on speed, not a benchmark result.
 *
 *   npm run bench:api:profile      (builds, then node dist/bench/api-profile.js)
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); BENCH_CASES extra
 * cases (default 300); BENCH_WORKERS (8); BENCH_SECONDS per operation kind (6); BENCH_TOP rows
 * shown (25). Writes the raw profiles as bench/results/profiles/<op>.cpuprofile (open them in
 * Chrome DevTools) — that folder is not committed. Runs in a schema of its own, dropped at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, inArray, isNull } from 'drizzle-orm';
import pg from 'pg';
import { recordFact } from '../src/app/cases/record-fact.js';
import { resumeCase } from '../src/app/cases/resume.js';
import { suspendCase } from '../src/app/cases/suspend.js';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { getCase } from '../src/app/queries/case-view.js';
import { cases } from '../src/app/tables.js';
import { demoPassword } from '../src/app/demo.js';
import { startServer } from '../src/server/index.js';
import { apiLogin, httpRequest, keepAliveAgent } from './api/http.js';
import { seedBenchData } from './api/seed.js';
import { runLoad } from './api/stats.js';
import { DEFAULT_DATABASE_URL, envNumber, envText } from './env.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT = join(ROOT, 'bench', 'results', 'profiles');

const num = envNumber;
const DATABASE_URL = envText('DATABASE_URL', DEFAULT_DATABASE_URL);
const EXTRA = num('BENCH_CASES', 300);
const WORKERS = Math.max(1, Math.floor(num('BENCH_WORKERS', 8)));
const SECONDS = num('BENCH_SECONDS', 6);
const TOP = Math.floor(num('BENCH_TOP', 25));
const log = (s: string) => process.stderr.write(`profile: ${s}\n`);

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

interface Summary {
  readonly samples: number;
  readonly idle: number;
  readonly byFunction: [string, number][];
  readonly byPackage: [string, number][];
}

/** Self time per function and per package (node_modules/<pkg>, our dist/<dir>, node:internal). */
function summarize(profile: Profiler.Profile): Summary {
  const self = new Map<number, number>();
  for (const id of profile.samples ?? []) self.set(id, (self.get(id) ?? 0) + 1);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const node of profile.nodes) {
    const n = self.get(node.id) ?? 0;
    if (n === 0) continue;
    total += n;
    const f = node.callFrame;
    if (f.functionName === '(idle)') {
      idle += n;
      continue;
    }
    const url = f.url.replace(/^file:\/\//, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const ours = /\/dist\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(url)?.[1];
    const where =
      pkg ?? ours ?? (url === '' ? f.functionName : url.startsWith('node:') ? 'node:*' : url);
    byPackage.set(where, (byPackage.get(where) ?? 0) + n);
    const key = `${f.functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + n);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return { samples: total, idle, byFunction: sorted(byFunction), byPackage: sorted(byPackage) };
}

function show(name: string, s: Summary, ops: number) {
  const busy = s.samples - s.idle;
  const pct = (n: number) => `${((100 * n) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
  process.stdout.write(`\n== ${name}: ${ops} ops, busy samples ${busy} of ${s.samples}\n`);
  process.stdout.write('-- by package / directory (self time, share of busy)\n');
  for (const [k, n] of s.byPackage) process.stdout.write(`${pct(n)}  ${k}\n`);
  process.stdout.write('-- by function\n');
  for (const [k, n] of s.byFunction) process.stdout.write(`${pct(n)}  ${k}\n`);
}

async function main() {
  const schema = `rongcuo_profile_${process.pid}`;
  await admin(`CREATE SCHEMA ${schema}`);
  let app: OpenedApp | undefined;
  try {
    app = await openApp({ databaseUrl: DATABASE_URL, searchPath: schema });
    log(`seeding ${EXTRA} extra cases in ${schema}…`);
    const seeded = await seedBenchData(app.ctx, {
      extraCases: EXTRA,
      workers: WORKERS,
      seed: 2025,
    });
    await app.store.exec('ANALYZE');
    const staff = (u: string) => seeded.staff.get(u)!;
    const investigator = staff('investigator');
    const readers = ['intake', 'investigator', 'chair', 'liaison', 'auditor'].map(staff);
    const open = await app.store.db
      .select({ id: cases.id, version: cases.version, state: cases.state })
      .from(cases)
      .where(
        and(
          inArray(cases.state, ['verification', 'consultation', 'deliberation']),
          isNull(cases.suspendedSince),
        ),
      );
    const verification = open.filter((c) => c.state === 'verification').slice(0, WORKERS * 4);
    const others = open.filter((c) => !verification.includes(c)).slice(0, WORKERS * 4);
    if (verification.length < WORKERS || others.length < WORKERS)
      throw new Error('raise BENCH_CASES');
    const all = (await app.store.db.select({ id: cases.id }).from(cases)).map((r) => r.id);
    const susp = others.map((c) => ({ ...c, suspended: false }));
    const facts = verification.map((c) => ({ ...c }));
    const a = app;
    const ops: Record<string, (w: number, n: number) => Promise<unknown>> = {
      suspendResume: async (w, n) => {
        const c = susp[(w + n * WORKERS) % susp.length]!;
        const req = { caseId: c.id, expectedVersion: c.version };
        const res = c.suspended
          ? await resumeCase(a.ctx, investigator, { ...req, note: '已收到书面答复，恢复办理。' })
          : await suspendCase(a.ctx, investigator, {
              ...req,
              reason: '需等待上级主管部门的书面答复，中止办理。',
            });
        c.version = res.case.version;
        c.suspended = !c.suspended;
      },
      recordFact: async (w, n) => {
        const c = facts[(w + n * WORKERS) % facts.length]!;
        const value = n % 2 === 0;
        const res = await recordFact(a.ctx, investigator, {
          caseId: c.id,
          expectedVersion: c.version,
          fact: 'crimeSuspected',
          value,
          note: value ? '移送材料显示涉嫌犯罪，待核实。' : '经核实，未发现涉嫌犯罪情形。',
        });
        c.version = res.case.version;
      },
      getCase: async (w, n) => {
        await getCase(
          a.ctx,
          readers[(w + n) % readers.length]!,
          all[(w * 7919 + n * 31) % all.length]!,
        );
      },
    };
    // The HTTP read with the server in this process (its profile includes the client's share).
    const server = await startServer(a.ctx, { port: 0, host: '127.0.0.1' });
    const agent = keepAliveAgent(WORKERS);
    const token = await apiLogin(agent, server.url, 'auditor', demoPassword('auditor'));
    ops['getCaseHttp'] = async (w, n) => {
      const id = all[(w * 7919 + n * 31) % all.length]!;
      const res = await httpRequest(agent, `${server.url}/api/cases/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    };
    // Each worker owns its cases (w + n*WORKERS): no conflicts between workers.
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    mkdirSync(OUT, { recursive: true });
    for (const [name, op] of Object.entries(ops)) {
      await runLoad({ workers: WORKERS, seconds: 2, warmupSeconds: 0 }, op);
      await session.post('Profiler.start');
      const r = await runLoad({ workers: WORKERS, seconds: SECONDS, warmupSeconds: 0 }, op);
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
      if (r.errors > 0) log(`${name}: ${r.errors} errors, e.g. ${r.errorSamples.join(' | ')}`);
      log(
        `${name}: ${r.rate.toFixed(0)}/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms`,
      );
      show(name, summarize(profile), r.count);
    }
    session.disconnect();
    agent.destroy();
    await server.close();
  } finally {
    await app?.close().catch(() => undefined);
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`profile: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
