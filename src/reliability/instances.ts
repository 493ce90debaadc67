/**
 * Several app instances on one PostgreSQL: three servers (each its own store, i.e. its own
 * connection pool, as three processes would have) on one database, behind a round-robin client.
 * Checks that concurrent writes lose nothing, that two instances accepting one case at once let
 * exactly one through, that a session signed in on one instance works on the others, that the
 * sign-in rate limit and lockout count across instances, and that each scheduled job runs once.
 */
import { eq, like } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { openApp, type OpenedApp } from '../app/bootstrap.js';
import { JobRunner, scheduleJob } from '../app/jobs/runner.js';
import { cases, jobs } from '../app/tables.js';
import { EXEMPTED_FACTS } from '../app/testing/steps.js';
import { buildWorld, TEST_PASSWORD } from '../app/testing/world.js';
import { buildServer } from '../server/server.js';
import { LOCKOUT, LOGIN_RATE } from '../server/auth/login.js';
import { as, injectSender, json, signIn, type Answer, type Send } from './client.js';

export interface InstancesOptions {
  readonly databaseUrl: string;
  /** An empty schema of its own. */
  readonly searchPath: string;
  readonly instances: number;
  /** Concurrent writers, and applications each opens. */
  readonly writers: number;
  readonly writesEach: number;
  /** Cases each accepted by every instance at once. */
  readonly races: number;
  /** Jobs scheduled for the runners of all instances at once. */
  readonly jobs: number;
}

export interface InstancesReport {
  readonly instances: number;
  readonly acknowledgedWrites: number;
  readonly lostWrites: number;
  /** Races where other than exactly one of the instances' accepts succeeded (must be 0). */
  readonly racesBroken: number;
  readonly races: number;
  /** A session from instance 1 read and wrote on every other instance. */
  readonly sessionsShared: boolean;
  /** The attempt (1-based) that was refused AUTH_RATE_LIMITED, the attempts going round robin. */
  readonly rateLimitedAtAttempt: number | null;
  readonly rateLimitMax: number;
  /** After LOCKOUT.after wrong passwords spread over the instances, the right one is refused. */
  readonly lockoutShared: boolean;
  readonly jobsScheduled: number;
  readonly jobsRunOnce: number;
  readonly jobsRunTwice: number;
  readonly jobsByInstance: readonly number[];
  readonly ms: number;
}

const codeOf = (a: Answer) => {
  try {
    return (JSON.parse(a.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

let addressCounter = 0;
const freshAddress = () => {
  addressCounter += 1;
  return `10.99.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

export async function checkInstances(opts: InstancesOptions): Promise<InstancesReport> {
  const started = performance.now();
  const apps: OpenedApp[] = [];
  const servers: FastifyInstance[] = [];
  try {
    for (let i = 0; i < opts.instances; i++) {
      apps.push(
        await openApp({
          databaseUrl: opts.databaseUrl,
          searchPath: opts.searchPath,
          migrate: i === 0,
        }),
      );
    }
    const w = await buildWorld(apps[0]!.store);
    for (const app of apps) {
      const server = await buildServer(app.ctx);
      await server.ready();
      servers.push(server);
    }
    const each = servers.map((s) => injectSender(s));
    let turn = 0;
    const roundRobin: Send = (req) => each[turn++ % each.length]!(req);
    const official = w.actors['official']!;
    const intake = w.actors['intake']!;

    // A session signed in on one instance, used on every other.
    const s1 = await signIn(each[0]!, official.username, TEST_PASSWORD, freshAddress());
    let sessionsShared = true;
    for (const send of each.slice(1)) {
      const me = await as(send, s1)({ method: 'GET', url: '/api/auth/me' });
      const list = await as(
        send,
        s1,
      )(json('POST', '/api/cases', application(w.ids.official, 'session')));
      if (me.status !== 200 || list.status >= 300) sessionsShared = false;
    }

    // Concurrent writers through the round robin.
    const writer = as(
      roundRobin,
      await signIn(roundRobin, official.username, TEST_PASSWORD, freshAddress()),
    );
    const acked: string[] = [];
    await Promise.all(
      Array.from({ length: opts.writers }, async (_, n) => {
        for (let i = 0; i < opts.writesEach; i++) {
          const a = await writer(
            json('POST', '/api/cases', application(w.ids.official, `rr ${n}-${i}`)),
          );
          if (a.status >= 200 && a.status < 300) {
            acked.push((JSON.parse(a.body) as { case: { id: string } }).case.id);
          }
        }
      }),
    );
    const db = apps[0]!.store.db;
    const found = new Set(
      (
        await db.select({ id: cases.id }).from(cases).where(like(cases.title, '多实例测试 rr %'))
      ).map((r) => r.id),
    );
    const lostWrites = acked.filter((id) => !found.has(id)).length;

    // Every instance accepts the same case at once: exactly one may succeed.
    const intakeSession = await signIn(each[0]!, intake.username, TEST_PASSWORD, freshAddress());
    let racesBroken = 0;
    for (const id of acked.slice(0, opts.races)) {
      const answers = await Promise.all(
        each.map((send) =>
          as(send, intakeSession)(json('POST', `/api/cases/${id}/accept`, { expectedVersion: 1 })),
        ),
      );
      const ok = answers.filter((a) => a.status >= 200 && a.status < 300).length;
      const conflicts = answers.filter((a) => codeOf(a) === 'CASE_VERSION_CONFLICT').length;
      if (ok !== 1 || ok + conflicts !== answers.length) racesBroken += 1;
    }

    // The sign-in rate limit of one address, its attempts spread over the instances.
    const address = freshAddress();
    let rateLimitedAtAttempt: number | null = null;
    for (let attempt = 1; attempt <= LOGIN_RATE.max + 2; attempt++) {
      const a = await roundRobin({
        ...json('POST', '/api/auth/login', {
          username: `nobody-${attempt}`,
          password: 'wrong password',
        }),
        remoteAddress: address,
      });
      if (codeOf(a) === 'AUTH_RATE_LIMITED') {
        rateLimitedAtAttempt = attempt;
        break;
      }
    }

    // The lockout of an account from one address, the wrong passwords spread over the instances.
    const lockAddress = freshAddress();
    const liaison = w.actors['liaison']!;
    for (let i = 0; i < LOCKOUT.after; i++) {
      await roundRobin({
        ...json('POST', '/api/auth/login', {
          username: liaison.username,
          password: 'wrong password',
        }),
        remoteAddress: lockAddress,
      });
    }
    const afterLock = await roundRobin({
      ...json('POST', '/api/auth/login', { username: liaison.username, password: TEST_PASSWORD }),
      remoteAddress: lockAddress,
    });
    const lockoutShared = codeOf(afterLock) === 'AUTH_LOCKED';

    // Jobs: scheduled once, run by every instance's runner at once.
    const runs = new Map<number, number[]>();
    const now = new Date();
    for (let i = 0; i < opts.jobs; i++) {
      await scheduleJob(db, {
        kind: 'reliability.probe',
        key: `reliability.probe:${i}`,
        runAt: new Date(now.getTime() - 1000),
        payload: { i },
      });
    }
    const runners = apps.map(
      (app, n) =>
        new JobRunner(
          app.ctx,
          {
            'reliability.probe': async (_ctx, job) => {
              const i = job.payload['i'] as number;
              runs.set(i, [...(runs.get(i) ?? []), n]);
              await new Promise((r) => setTimeout(r, 2));
            },
          },
          { batch: 3 },
        ),
    );
    await Promise.all(runners.map((r) => r.runOnce()));
    const jobRows = await db.select().from(jobs).where(eq(jobs.kind, 'reliability.probe'));
    const doneRows = jobRows.filter((r) => r.state === 'done' && r.attempts === 1).length;
    const jobsByInstance = apps.map(
      (_, n) => [...runs.values()].filter((who) => who[0] === n).length,
    );

    return {
      instances: opts.instances,
      acknowledgedWrites: acked.length,
      lostWrites,
      racesBroken,
      races: Math.min(opts.races, acked.length),
      sessionsShared,
      rateLimitedAtAttempt,
      rateLimitMax: LOGIN_RATE.max,
      lockoutShared,
      jobsScheduled: opts.jobs,
      jobsRunOnce: Math.min(doneRows, [...runs.values()].filter((who) => who.length === 1).length),
      jobsRunTwice: [...runs.values()].filter((who) => who.length > 1).length,
      jobsByInstance,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    for (const s of servers) await s.close().catch(() => undefined);
    for (const a of apps) await a.close().catch(() => undefined);
  }
}

function application(officialId: string, tag: string) {
  return {
    officialId,
    title: `多实例测试 ${tag}`,
    summary: '为抢抓项目落地，在用地手续完备前组织开工，事后补办手续。',
    conductDate: '2024-11-05',
    facts: { ...EXEMPTED_FACTS },
  };
}
