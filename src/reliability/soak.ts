/**
 * The soak: `rongcuo serve` in a child process under a steady mixed load (case lists, case reads,
 * applications opened, the signed-in user) from several clients for a set time. Records
 * throughput, latency percentiles, errors, and the server's resident memory (RSS) after warm-up
 * and at the end: growth beyond a bound is a leak.
 */
import { readFileSync } from 'node:fs';
import { EXEMPTED_FACTS } from '../app/testing/steps.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { as, httpSender, json, signIn, type Send } from './client.js';
import { Random } from './random.js';
import { prepareWorld } from './kill.js';
import { startServe, type StoreTarget } from './stores.js';

export interface SoakOptions {
  readonly target: StoreTarget;
  readonly seconds: number;
  /** Seconds of warm-up, not measured (RSS is taken at its end). */
  readonly warmupSeconds: number;
  readonly clients: number;
  readonly seed: number;
  /** PGlite: a dump of a migrated store to start from (tests). */
  readonly pgliteDump?: Blob;
}

export interface SoakReport {
  readonly store: StoreTarget['kind'];
  readonly seconds: number;
  readonly clients: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly errors: number;
  /** The first few failed requests: operation and status or error. */
  readonly errorSamples: readonly string[];
  readonly latencyMs: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly byOperation: Record<string, number>;
  readonly rssMb: {
    readonly afterWarmup: number;
    readonly end: number;
    readonly growth: number;
    readonly peak: number;
  };
}

/** The resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 100) / 100;
}

export async function soak(opts: SoakOptions): Promise<SoakReport> {
  const w = await prepareWorld(opts.target, opts.pgliteDump);
  const server = await startServe(opts.target);
  const http = httpSender(server.url, opts.clients * 2);
  try {
    const official = as(http, await signIn(http, w.official.username, TEST_PASSWORD));
    const intake = as(http, await signIn(http, w.intake.username, TEST_PASSWORD));
    const rng = new Random(opts.seed);
    const caseIds: string[] = [];
    const latencies: number[] = [];
    const byOperation: Record<string, number> = {};
    let errors = 0;
    const errorSamples: string[] = [];
    const start = performance.now();
    const warmEnd = start + opts.warmupSeconds * 1000;
    const end = warmEnd + opts.seconds * 1000;
    let rssAfterWarmup = NaN;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server.pid));
      if (Number.isNaN(rssAfterWarmup) && performance.now() >= warmEnd)
        rssAfterWarmup = rssMb(server.pid);
    }, 250);

    const operation = (): [string, Send, Parameters<Send>[0]] => {
      const x = rng.next();
      if (x < 0.2 || caseIds.length === 0) {
        return [
          'open',
          official,
          json('POST', '/api/cases', {
            officialId: w.officialId,
            title: '持续负载测试',
            summary: '为抢抓项目落地，在用地手续完备前组织开工，事后补办手续。',
            conductDate: '2024-11-05',
            facts: { ...EXEMPTED_FACTS },
          }),
        ];
      }
      if (x < 0.5)
        return ['read', intake, { method: 'GET', url: `/api/cases/${rng.pick(caseIds)}` }];
      if (x < 0.85) return ['list', intake, { method: 'GET', url: '/api/cases?pageSize=20' }];
      return ['me', official, { method: 'GET', url: '/api/auth/me' }];
    };
    const client = async () => {
      while (performance.now() < end) {
        const [name, send, req] = operation();
        const t0 = performance.now();
        let ok: boolean;
        let why: string;
        try {
          const a = await send(req);
          ok = a.status >= 200 && a.status < 300;
          why = `HTTP ${a.status} ${a.body.slice(0, 120)}`;
          if (ok && name === 'open')
            caseIds.push((JSON.parse(a.body) as { case: { id: string } }).case.id);
        } catch (e) {
          ok = false;
          why = String(e);
        }
        const t1 = performance.now();
        if (t0 >= warmEnd) {
          latencies.push(t1 - t0);
          byOperation[name] = (byOperation[name] ?? 0) + 1;
          if (!ok) {
            errors += 1;
            if (errorSamples.length < 5) errorSamples.push(`${name}: ${why}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: opts.clients }, () => client()));
    clearInterval(sampler);
    const rssEnd = rssMb(server.pid);
    if (Number.isNaN(rssAfterWarmup)) rssAfterWarmup = rssEnd;
    latencies.sort((a, b) => a - b);
    return {
      store: opts.target.kind,
      seconds: opts.seconds,
      clients: opts.clients,
      requests: latencies.length,
      perSecond: Math.round((latencies.length / opts.seconds) * 10) / 10,
      errors,
      errorSamples,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
      },
      byOperation,
      rssMb: {
        afterWarmup: rssAfterWarmup,
        end: rssEnd,
        growth: Math.round((rssEnd - rssAfterWarmup) * 10) / 10,
        peak: Math.max(peak, rssEnd),
      },
    };
  } finally {
    http.agent.destroy();
    await server.stop();
  }
}
