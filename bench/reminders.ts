/**
 * The reminder sweep over 100,000 open correction actions on PostgreSQL (issue 11).
 *
 *   npm run bench:reminders    (builds, then node dist/bench/reminders.js)
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server;
 * the benchmark creates a database of its own on it, BENCH_REM_DATABASE (rongcuo_bench_rem),
 * and drops it at the end (also when it fails) unless BENCH_REM_KEEP=1. BENCH_REM_ACTIONS open
 * actions (100000).
 *
 * Data: the demo (src/app/demo.ts), cloned in SQL to 10,000 cases over X New Area and nineteen
 * sibling districts (bench/scale/clone.ts); in each district an organization liaison, a committee
 * chair, a party organization per top-level unit and an account per official. A correction on
 * every determined case, one in ten awaiting its effectiveness review (due dates around today),
 * the others in progress with BENCH_REM_ACTIONS open actions between them, owned alternately by
 * the case's official and unit, due from 40 days ago to 20 days ahead (about two in three
 * overdue), and one submitted action per twenty open ones.
 *
 * Measured: one sweep (`sweepReminders`, the job's work: every source, one transaction) on the
 * fresh data, then a second sweep the same day, which must write nothing. Floor: the first sweep
 * under 10 s. Writes bench/results/reminders-<date>.json with the commit and the machine, and
 * prints a summary. Exits non-zero when the second sweep writes anything or the floor is missed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { today } from '../src/app/context.js';
import { seedDemo } from '../src/app/demo.js';
import { sweepReminders, type SweepResult } from '../src/app/jobs/reminders/sweep.js';
import { cloneSql } from './scale/clone.js';
import { DEFAULT_DATABASE_URL, envNumber, envText } from './env.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/bench/). */
const ROOT = join(HERE, '..', '..');

const SERVER_URL = envText('DATABASE_URL', DEFAULT_DATABASE_URL);
const DATABASE = envText('BENCH_REM_DATABASE', 'rongcuo_bench_rem');
const ACTIONS = envNumber('BENCH_REM_ACTIONS', 100_000, { min: 1, integer: true });
const CASES = 10_000;
const DISTRICTS = 19;
const FLOOR_MS = 10_000;
/** BENCH_REM_KEEP=1 keeps the database afterwards (to look at plans); it is dropped by default. */
const KEEP = envText('BENCH_REM_KEEP', '') === '1';

const log = (s: string) => process.stderr.write(`bench:reminders: ${s}\n`);

async function admin(sql: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: SERVER_URL, application_name: 'rongcuo-bench' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function benchUrl(): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error('BENCH_REM_DATABASE: a plain name');
  const u = new URL(SERVER_URL);
  u.pathname = `/${DATABASE}`;
  return u.toString();
}

/** Recipients in every cloned district, then corrections and their actions. */
function correctionsSql(day: string, actions: number): string {
  return `
-- An organization liaison and a committee chair per district.
INSERT INTO users (id, username, display_name, password_hash, locale)
SELECT md5(r || ':' || j.id)::uuid, r || '-' || j.id, r || ' ' || j.id, 'bench', 'zh'
  FROM jurisdictions j, unnest(ARRAY['org_liaison', 'committee_chair']) AS r
 WHERE j.id LIKE 'scale-d%';
INSERT INTO role_grants (id, user_id, role, scope_kind, scope_id, scope_path)
SELECT md5('g:' || r || ':' || j.id)::uuid, md5(r || ':' || j.id)::uuid, r, 'jurisdiction', j.id, j.path
  FROM jurisdictions j, unnest(ARRAY['org_liaison', 'committee_chair']) AS r
 WHERE j.id LIKE 'scale-d%';
-- A party organization per top-level unit of the districts.
INSERT INTO users (id, username, display_name, password_hash, locale)
SELECT md5('unit_party:' || u.id)::uuid, 'party-' || u.id, 'party ' || u.name_zh, 'bench', 'zh'
  FROM units u WHERE u.jurisdiction_id LIKE 'scale-d%' AND u.parent_id IS NULL;
INSERT INTO role_grants (id, user_id, role, scope_kind, scope_id, scope_path)
SELECT md5('g:unit_party:' || u.id)::uuid, md5('unit_party:' || u.id)::uuid, 'unit_party', 'unit',
       u.id::text, u.path
  FROM units u WHERE u.jurisdiction_id LIKE 'scale-d%' AND u.parent_id IS NULL;
-- An account for every official who has none.
INSERT INTO users (id, username, display_name, password_hash, official_id, locale)
SELECT md5('official:' || o.id)::uuid, 'official-' || o.id, o.name, 'bench', o.id, 'zh'
  FROM officials o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.official_id = o.id);

-- A correction on every determined case (its determination in force: the latest).
CREATE TEMP TABLE bench_k AS
SELECT md5('k:' || c.id)::uuid AS id, c.id AS case_id, c.jurisdiction_id, c.official_id, c.unit_id,
       d.id AS determination_id, row_number() OVER (ORDER BY c.id) AS n
  FROM cases c
  JOIN LATERAL (SELECT id FROM determinations WHERE case_id = c.id
                 ORDER BY decided_on DESC, created_at DESC LIMIT 1) d ON true;
INSERT INTO corrections (id, case_id, jurisdiction_id, official_id, determination_id,
  document_number, problem, requirement, state, round, issued_on, issued_by, closed_on,
  review_due_on)
SELECT k.id, k.case_id, k.jurisdiction_id, k.official_id, k.determination_id,
       '纠字〔2026〕' || k.n || '号', '前期手续不完备。', '补办手续，完善台账。',
       CASE WHEN k.n % 10 = 0 THEN 'awaiting_review' ELSE 'in_progress' END, 1,
       '${day}'::date - 60, (SELECT id FROM users ORDER BY username LIMIT 1),
       CASE WHEN k.n % 10 = 0 THEN '${day}'::date - 30 END,
       CASE WHEN k.n % 10 = 0 THEN '${day}'::date + (k.n % 20)::int - 10 END
  FROM bench_k k;

-- The open actions, spread over the corrections in progress; one submitted per twenty.
CREATE TEMP TABLE bench_kp AS
SELECT k.*, row_number() OVER (ORDER BY k.n) - 1 AS i FROM bench_k k WHERE k.n % 10 <> 0;
INSERT INTO correction_actions (id, correction_id, case_id, jurisdiction_id, seq, round, task,
  evidence_required, owner_unit_id, owner_official_id, due_days, due_on, state, submitted_on,
  submitted_by, submission, created_by)
SELECT md5('a:' || g)::uuid, k.id, k.case_id, k.jurisdiction_id,
       (g / (SELECT count(*) FROM bench_kp))::int + 1, 1,
       '整改事项 ' || g, '整改材料',
       CASE WHEN g % 2 = 1 THEN k.unit_id END, CASE WHEN g % 2 = 0 THEN k.official_id END,
       10, '${day}'::date + (g % 60)::int - 40,
       CASE WHEN g >= ${actions} THEN 'submitted' ELSE 'open' END,
       CASE WHEN g >= ${actions} THEN '${day}'::date - (g % 5)::int END,
       CASE WHEN g >= ${actions} THEN (SELECT id FROM users ORDER BY username LIMIT 1) END,
       CASE WHEN g >= ${actions} THEN '已整改。' END,
       (SELECT id FROM users ORDER BY username LIMIT 1)
  FROM generate_series(0, ${actions + Math.ceil(actions / 20)} - 1) AS g
  JOIN bench_kp k ON k.i = g % (SELECT count(*) FROM bench_kp);
`;
}

async function count(app: OpenedApp, sql: string): Promise<number> {
  const { rows } = await app.store.query<{ n: number }>(`SELECT (${sql})::int AS n`);
  return rows[0]?.n ?? 0;
}

/** The commit measured, and the files under src/ and migrations/ changed since (none: a clean figure). */
function source(): { commit: string; uncommittedInSrc: string[] } {
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

async function timed(app: OpenedApp): Promise<{ ms: number; result: SweepResult }> {
  const started = performance.now();
  const result = await sweepReminders(app.ctx);
  return { ms: Math.round(performance.now() - started), result };
}

async function main(): Promise<number> {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  let app: OpenedApp | undefined;
  try {
    app = await openApp({ databaseUrl: benchUrl() });
    const day = today(app.ctx);
    log('seeding the demo');
    await seedDemo(app.ctx);
    log(`cloning it to ${CASES} cases over ${DISTRICTS + 1} jurisdictions`);
    await app.store.exec(cloneSql(CASES, DISTRICTS));
    log(`writing the corrections and ${ACTIONS} open actions`);
    const building = performance.now();
    await app.store.exec(correctionsSql(day, ACTIONS));
    await app.store.exec('VACUUM ANALYZE');
    log(`built in ${Math.round((performance.now() - building) / 1000)} s`);
    const data = {
      day,
      jurisdictions: await count(app, 'SELECT count(*) FROM jurisdictions'),
      cases: await count(app, 'SELECT count(*) FROM cases'),
      users: await count(app, 'SELECT count(*) FROM users'),
      corrections: await count(app, 'SELECT count(*) FROM corrections'),
      awaitingReview: await count(
        app,
        `SELECT count(*) FROM corrections WHERE state = 'awaiting_review'`,
      ),
      openActions: await count(app, `SELECT count(*) FROM correction_actions WHERE state = 'open'`),
      overdueActions: await count(
        app,
        `SELECT count(*) FROM correction_actions WHERE state = 'open' AND due_on < '${day}'`,
      ),
      submittedActions: await count(
        app,
        `SELECT count(*) FROM correction_actions WHERE state = 'submitted'`,
      ),
    };
    log(`data: ${JSON.stringify(data)}`);
    const first = await timed(app);
    log(`first sweep: ${first.ms} ms, ${first.result.total} notifications`);
    const second = await timed(app);
    log(`second sweep: ${second.ms} ms, ${second.result.total} notifications`);
    const { rows: version } = await app.store.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );
    const result = {
      benchmark: 'reminders',
      at: new Date().toISOString(),
      ...source(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
        postgres: version[0]?.v ?? 'unknown',
        node: process.version,
      },
      data,
      firstSweep: { ms: first.ms, written: first.result.written, total: first.result.total },
      secondSweep: { ms: second.ms, written: second.result.written, total: second.result.total },
      floorMs: FLOOR_MS,
      floorMet: first.ms < FLOOR_MS,
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `reminders-${result.at.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(
      `reminder sweep over ${data.openActions} open actions: ${first.ms} ms (${first.result.total} notifications); again the same day: ${second.ms} ms (${second.result.total}). Floor ${FLOOR_MS} ms: ${result.floorMet ? 'met' : 'MISSED'}. ${file}\n`,
    );
    return second.result.total === 0 && result.floorMet ? 0 : 1;
  } finally {
    await app?.close();
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench:reminders: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
