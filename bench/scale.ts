/**
 * Reads at national scale: the case list, the search and the dashboard over a million cases on
 * PostgreSQL, for X New Area's committee chair (one jurisdiction in twenty: about 50,000 cases)
 * and the province-wide auditor (every case); the finding filters of issue 10 for both, the to-do
 * lists of the chair, an investigator and an intake officer, and the Excel export of a filtered
 * list of 10,000 rows (time and memory; bench/scale/finding.ts).
 *
 *   npm run bench:scale    (builds, then node dist/bench/scale.js)
 *
 * Environment: SCALE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/rongcuo_scale), a
 * database of its own; BENCH_SCALE the number of cases (1000000); BENCH_SCALE_REPEATS timed calls
 * of each read (9, after one untimed call); BENCH_SCALE_LABEL the key the figures are stored under
 * ('after').
 *
 * The data set is built once and then kept: on an empty database the demo is seeded and cloned in
 * SQL to BENCH_SCALE cases (bench/scale/clone.ts; about three minutes), then vacuumed and analyzed;
 * a database holding the demo only is cloned; one that holds BENCH_SCALE cases is measured as it
 * is. To rebuild it: DROP DATABASE rongcuo_scale; CREATE DATABASE rongcuo_scale; and run again.
 *
 * Each read is the application's own function (listCases, getDashboard) called in this process,
 * one at a time: median and slowest of the timed calls. Writes the figures into
 * bench/results/api.json under `scale` (the other keys, written by bench:api, are kept), next to
 * the figures stored under other labels (e.g. `before`, measured on the code before keyset paging).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, like, sql } from 'drizzle-orm';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { seedDemo } from '../src/app/demo.js';
import { loadActor } from '../src/app/org.js';
import { listCases, readScope, type ListCasesInput } from '../src/app/queries/case-list.js';
import { encodeCursor, type CursorKey } from '../src/app/queries/paging.js';
import { getDashboard } from '../src/app/queries/dashboard.js';
import { cases, determinations, officials, users } from '../src/app/tables.js';
import type { Actor } from '../src/domain/roles.js';
import { median } from './api/stats.js';
import { cloneSql } from './scale/clone.js';
import { exportMeasure, findingReads, findingTerms, todoReads } from './scale/finding.js';
import { envNumber, envText } from './env.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/bench/). */
const ROOT = join(HERE, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'api.json');

const DATABASE_URL = envText(
  'SCALE_DATABASE_URL',
  'postgres://postgres@127.0.0.1:5432/rongcuo_scale',
);
const TOTAL = envNumber('BENCH_SCALE', 1_000_000, { min: 1, integer: true });
const REPEATS = envNumber('BENCH_SCALE_REPEATS', 9, { min: 1, integer: true });
const LABEL = envText('BENCH_SCALE_LABEL', 'after');
/** Sibling jurisdictions of X New Area the clones are spread over. */
const DISTRICTS = 19;
const TARGET_MS = 300;
/** The readers: X New Area's chair and the province-wide auditor. */
const READERS = ['chair', 'auditor'] as const;
/** Whose to-do lists are measured: the chair, an investigator and an intake officer. */
const TODO_READERS = ['chair', 'investigator', 'intake'] as const;
/** Timed exports of 10,000 rows (each takes seconds; after one untimed). */
const EXPORT_REPEATS = envNumber('BENCH_SCALE_EXPORT_REPEATS', 3, { min: 1, integer: true });

const log = (s: string) => process.stderr.write(`bench:scale: ${s}\n`);

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
  const [j] = await app.store.db
    .select({ n: count() })
    .from(cases)
    .where(like(cases.jurisdictionPath, '/a-province/a-city/scale-%'));
  if (Number(j?.n ?? 0) > 0 || n > TOTAL) {
    throw new Error(
      `the database holds ${n} cases, not the demo's nor ${TOTAL}: drop and recreate it (see the head of bench/scale.ts)`,
    );
  }
  log(`cloning ${n} demo cases to ${TOTAL} (a few minutes)`);
  // One script, so one implicit transaction (and the temporary tables stay on one connection).
  await app.store.exec(cloneSql(TOTAL, DISTRICTS));
  log('vacuum analyze');
  await app.store.exec('VACUUM ANALYZE');
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
  /** What the read returned, to see it did the work (items on the page; total). */
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

/** The search terms: a case number in the reader's scope, a matter, an official's name. */
async function searchTerms(app: OpenedApp, jurisdictionPrefix: string) {
  const [numbered] = await app.store.db
    .select({ number: cases.number })
    .from(cases)
    .where(like(cases.jurisdictionPath, `${jurisdictionPrefix}%`))
    .orderBy(desc(cases.number))
    .limit(1)
    .offset(12_345);
  const [official] = await app.store.db
    .select({ name: officials.name })
    .from(officials)
    .orderBy(asc(officials.name))
    .limit(1);
  return { number: numbered!.number, matter: '老旧小区改造', name: official!.name };
}

const listed = (p: { items: readonly unknown[]; total: number; totalCapped?: boolean }) =>
  `${p.items.length} items of ${p.total}${p.totalCapped ? '+' : ''}`;

/** The reads measured for one reader. `later` lists a page about 10,000 rows down. */
async function readsOf(
  app: OpenedApp,
  actor: Actor,
  later: () => Promise<string>,
  terms: { number: string; matter: string; name: string },
): Promise<Record<string, Timing>> {
  const list = (input: ListCasesInput) => async () =>
    listed(await listCases(app.ctx, actor, input));
  const out: Record<string, Timing> = {};
  out['list: page 1'] = await time(list({}));
  out['list: a later page (row 10,001)'] = await time(later);
  out['list: overdue'] = await time(list({ due: 'overdue' }));
  out['list: by due date'] = await time(list({ sort: 'due' }));
  out['search: case number'] = await time(list({ q: terms.number }));
  out['search: matter'] = await time(list({ q: terms.matter }));
  out['search: official'] = await time(list({ q: terms.name }));
  out['dashboard'] = await time(async () => {
    const d = await getDashboard(app.ctx, actor);
    return `open ${d.totals.open}, overdue ${d.totals.overdue}, decided ${d.totals.decided}`;
  });
  return out;
}

/**
 * A page about 10,000 rows down, newest activity first: from the cursor of row 10,000 (found here
 * with an offset, untimed), as a client gets there by following nextCursor.
 */
async function laterPage(app: OpenedApp, actor: Actor): Promise<() => Promise<string>> {
  const [row] = await app.store.db
    .select({ key: sql<CursorKey>`json_build_array(${cases.updatedAt}::text, ${cases.id}::text)` })
    .from(cases)
    .where(readScope(actor))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .offset(9_999)
    .limit(1);
  const cursor = encodeCursor('updated', row!.key);
  return async () => listed(await listCases(app.ctx, actor, { cursor, pageSize: 20 }));
}

async function main(): Promise<number> {
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const app = await openApp({ databaseUrl: DATABASE_URL });
  try {
    const built = await ensureDataSet(app);
    const [dets] = await app.store.db.select({ n: count() }).from(determinations);
    const dataset = {
      cases: await caseCount(app),
      determinations: Number(dets?.n ?? 0),
      jurisdictions: DISTRICTS + 1,
      build: built,
      how: 'the demo (53 cases of X New Area) cloned in SQL by bench/scale/clone.ts: 19 sibling districts under A City with copies of its units and officials; copies round-robin over X New Area and the districts; cases and determinations only',
    };
    const readers: Record<string, Record<string, Timing>> = {};
    const scopeSizes: Record<string, number> = {};
    const terms = await findingTerms(app);
    log(`finding terms: ${JSON.stringify(terms)}`);
    for (const username of READERS) {
      const actor = await actorOf(app, username);
      const prefix = username === 'chair' ? '/a-province/a-city/x-new-area/' : '/a-province/';
      const [inScope] = await app.store.db
        .select({ n: count() })
        .from(cases)
        .where(and(like(cases.jurisdictionPath, `${prefix}%`)));
      scopeSizes[username] = Number(inScope?.n ?? 0);
      log(`${username}: ${scopeSizes[username]} cases in scope`);
      readers[username] = {
        ...(await readsOf(app, actor, await laterPage(app, actor), await searchTerms(app, prefix))),
        ...(await findingReads(app, actor, terms, time)),
      };
      for (const [name, t] of Object.entries(readers[username]!)) {
        log(
          `  ${name.padEnd(34)} ${String(t.medianMs).padStart(8)} ms (max ${t.maxMs})  ${t.result}`,
        );
      }
    }
    const todoActors = Object.fromEntries(
      await Promise.all(TODO_READERS.map(async (u) => [u, await actorOf(app, u)] as const)),
    );
    readers['to-do lists'] = await todoReads(todoActors, app, time);
    for (const [name, t] of Object.entries(readers['to-do lists'])) {
      log(
        `  ${name.padEnd(34)} ${String(t.medianMs).padStart(8)} ms (max ${t.maxMs})  ${t.result}`,
      );
    }
    // The export: the auditor's cases of officials whose post has 科长, cut at 10,000 rows.
    const auditor = await actorOf(app, 'auditor');
    const exportFilters = { post: '科长' };
    await exportMeasure(app, auditor, exportFilters, 1);
    const exported = await exportMeasure(app, auditor, exportFilters, EXPORT_REPEATS);
    log(
      `  export: ${exported.rows} rows, ${exported.bytes} bytes, median ${exported.medianMs} ms, heap +${exported.peakHeapMiB} MiB, rss +${exported.peakRssMiB} MiB`,
    );
    const previous = existsSync(RESULTS)
      ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
      : {};
    const scale = (previous['scale'] ?? {}) as Record<string, unknown>;
    const slowest = Math.max(
      ...Object.values(readers).flatMap((r) => Object.values(r).map((t) => t.medianMs)),
    );
    scale[LABEL] = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
      },
      dataset,
      scopeSizes,
      repeats: REPEATS,
      readers,
      findingTerms: terms,
      export: exported,
      target: { medianMsUnder: TARGET_MS, slowestMedianMs: slowest, pass: slowest < TARGET_MS },
    };
    writeFileSync(RESULTS, JSON.stringify({ ...previous, scale }, null, 2) + '\n');
    process.stdout.write(`written: ${RESULTS} (scale.${LABEL}); slowest median ${slowest} ms\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `bench:scale failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
