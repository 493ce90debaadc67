/**
 * kill -9 under concurrent writers: `rongcuo serve` in a child process on a store, clients
 * writing (applications opened, applications accepted) and reading (each case read writes a
 * read-log row before it is answered) concurrently, the server SIGKILLed mid-stream, restarted on
 * the same store, and so on for several runs. Then: every write acknowledged with a 2xx is there,
 * every answered read has its read-log row, and `rongcuo audit verify` passes.
 */
import { openApp } from '../app/bootstrap.js';
import { schema, type Schema } from '../app/tables.js';
import { openStore } from '../store/index.js';
import { EXEMPTED_FACTS } from '../app/testing/steps.js';
import { buildWorld, TEST_PASSWORD } from '../app/testing/world.js';
import { as, httpSender, json, signIn, type Send } from './client.js';
import { Random } from './random.js';
import { auditVerify, startServe, type ServerChild, type StoreTarget } from './stores.js';

export interface KillOptions {
  readonly target: StoreTarget;
  /** Concurrent clients. */
  readonly clients: number;
  /** Kills (each followed by a restart). */
  readonly runs: number;
  /** Acknowledged writes in a run after which the server is killed. */
  readonly writesPerRun: number;
  readonly seed: number;
  /** PGlite: a dump of a migrated store to start from (tests; saves the migrations' time). */
  readonly pgliteDump?: Blob;
  /** Progress lines (long runs show progress). */
  readonly progress?: (line: string) => void;
}

export interface KillReport {
  readonly store: StoreTarget['kind'];
  readonly runs: number;
  readonly clients: number;
  /** Applications opened and accepted that were answered 2xx. */
  readonly acknowledgedWrites: number;
  /** Acknowledged writes not found after the restarts (must be 0). */
  readonly lostWrites: number;
  /** Case reads answered 200, and how many have no read-log row (must be 0). */
  readonly answeredReads: number;
  readonly readsWithoutLogRow: number;
  /** Requests that failed because the server was killed under them (not acknowledged). */
  readonly cutOff: number;
  /** Restarts that took over the stale lock of the killed server (PGlite). */
  readonly staleLocksTakenOver: number;
  readonly auditVerifyExit: number | null;
  readonly auditVerifyOutput: string;
  readonly ms: number;
}

/** Makes the store and the test organization in it (in this process), then closes it. */
export async function prepareWorld(target: StoreTarget, pgliteDump?: Blob) {
  const app =
    target.kind === 'pglite' && pgliteDump
      ? await openStore<Schema>({
          dataDir: target.dataDir,
          schema,
          pglite: { loadDataDir: pgliteDump },
        })
      : (
          await openApp(
            target.kind === 'pglite'
              ? { dataDir: target.dataDir }
              : { databaseUrl: target.databaseUrl },
          )
        ).store;
  try {
    const w = await buildWorld(app);
    return {
      official: w.actors['official']!,
      intake: w.actors['intake']!,
      officialId: w.ids.official,
    };
  } finally {
    await app.close();
  }
}

export async function killRuns(opts: KillOptions): Promise<KillReport> {
  const started = performance.now();
  const rng = new Random(opts.seed);
  const say = (line: string) =>
    opts.progress?.(
      `[kill ${opts.target.kind} ${Math.round(performance.now() - started)} ms] ${line}`,
    );
  const world = await prepareWorld(opts.target, opts.pgliteDump);
  say('store prepared');
  const opened = new Map<string, string>(); // case id → number, acknowledged
  const accepted = new Set<string>(); // acknowledged accepts
  const toAccept: string[] = [];
  const reads = new Map<string, number>(); // case id → answered reads by intake
  let cutOff = 0;
  let staleLocks = 0;
  let server: ServerChild | undefined;
  let sessions: { official: Send; intake: Send } | undefined;
  let acknowledged = 0;
  // The sender of the server running now: the sessions' cookies outlive each process.
  let live: Send = () => Promise.reject(new Error('no server'));
  const viaLive: Send = (r) => live(r);

  try {
    for (let run = 0; run < opts.runs; run++) {
      server = await startServe(opts.target);
      if (/STORE_LOCK_STALE/.test(server.stderr())) staleLocks += 1;
      say(`run ${run + 1}: serving`);
      const http = httpSender(server.url, opts.clients * 2);
      // Sessions live in the store: signed in once, they work after every restart.
      if (!sessions) {
        const o = await signIn(http, world.official.username, TEST_PASSWORD);
        const i = await signIn(http, world.intake.username, TEST_PASSWORD);
        sessions = { official: as(viaLive, o), intake: as(viaLive, i) };
      }
      live = http;
      const s = sessions;
      const runStartAck = acknowledged;
      const srv = server;
      let killing: Promise<void> | undefined;
      const killNow = () => (killing ??= srv.kill());
      const client = async (n: number) => {
        for (let i = 0; !killing; i++) {
          const op = (n + i) % 3;
          try {
            if (op === 0 || opened.size === 0) {
              const a = await s.official(
                json('POST', '/api/cases', {
                  officialId: world.officialId,
                  title: `断电测试 ${run}-${n}-${i}`,
                  summary: '为抢抓项目落地，在用地手续完备前组织开工，事后补办手续。',
                  conductDate: '2024-11-05',
                  facts: { ...EXEMPTED_FACTS },
                }),
              );
              if (a.status >= 200 && a.status < 300) {
                const c = (JSON.parse(a.body) as { case: { id: string; number: string } }).case;
                opened.set(c.id, c.number);
                toAccept.push(c.id);
                acknowledged += 1;
              } else throw new Error(`open: HTTP ${a.status} ${a.body.slice(0, 300)}`);
            } else if (op === 1 && toAccept.length > 0) {
              const id = toAccept.splice(rng.int(0, toAccept.length - 1), 1)[0]!;
              const a = await s.intake(
                json('POST', `/api/cases/${id}/accept`, { expectedVersion: 1 }),
              );
              if (a.status >= 200 && a.status < 300) {
                accepted.add(id);
                acknowledged += 1;
              } else throw new Error(`accept: HTTP ${a.status} ${a.body.slice(0, 300)}`);
            } else {
              const id = rng.pick([...opened.keys()]);
              const a = await s.intake({ method: 'GET', url: `/api/cases/${id}` });
              if (a.status === 200) reads.set(id, (reads.get(id) ?? 0) + 1);
              else throw new Error(`read: HTTP ${a.status} ${a.body.slice(0, 300)}`);
            }
          } catch (e) {
            if (killing) {
              cutOff += 1;
              return;
            }
            throw e;
          }
          if (acknowledged - runStartAck >= opts.writesPerRun) void killNow();
        }
      };
      await Promise.all(Array.from({ length: opts.clients }, (_, n) => client(n)));
      await killNow();
      http.agent.destroy();
      say(`run ${run + 1}: killed after ${acknowledged - runStartAck} acknowledged writes`);
    }

    // Restart once more and look for every acknowledged write.
    server = await startServe(opts.target);
    if (/STORE_LOCK_STALE/.test(server.stderr())) staleLocks += 1;
    say('restarted to check');
    const http = httpSender(server.url, 4);
    live = http;
    let lost = 0;
    for (const id of opened.keys()) {
      const a = await sessions!.official({ method: 'GET', url: `/api/cases/${id}` });
      const state = a.status === 200 ? (JSON.parse(a.body) as { state: string }).state : undefined;
      if (!state || (accepted.has(id) && state === 'submitted')) lost += 1;
    }
    http.agent.destroy();
    const code = await server.stop();
    server = undefined;
    if (code !== 0) throw new Error(`rongcuo serve did not stop cleanly (exit ${code})`);

    say('checked the writes; reading the read log');
    const readsWithoutLogRow = await missingReadLogRows(opts.target, world.intake.userId, reads);
    const verify = auditVerify(opts.target);
    return {
      store: opts.target.kind,
      runs: opts.runs,
      clients: opts.clients,
      acknowledgedWrites: opened.size + accepted.size,
      lostWrites: lost,
      answeredReads: [...reads.values()].reduce((a, b) => a + b, 0),
      readsWithoutLogRow,
      cutOff,
      staleLocksTakenOver: staleLocks,
      auditVerifyExit: verify.code,
      auditVerifyOutput: verify.output.slice(0, 500),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await server?.kill();
  }
}

/** Answered reads of a case beyond its read-log rows by that reader. */
async function missingReadLogRows(
  target: StoreTarget,
  userId: string,
  reads: ReadonlyMap<string, number>,
): Promise<number> {
  const app = await openApp({
    ...(target.kind === 'pglite'
      ? { dataDir: target.dataDir }
      : { databaseUrl: target.databaseUrl }),
    migrate: false,
  });
  try {
    const rows = (
      await app.store.query<{ case_id: string; n: number }>(
        `SELECT case_id, count(*)::int AS n FROM read_log
          WHERE user_id = $1 AND what = 'case.view' GROUP BY case_id`,
        [userId],
      )
    ).rows;
    const logged = new Map(rows.map((r) => [r.case_id, r.n]));
    let missing = 0;
    for (const [id, n] of reads) missing += Math.max(0, n - (logged.get(id) ?? 0));
    return missing;
  } finally {
    await app.close();
  }
}
