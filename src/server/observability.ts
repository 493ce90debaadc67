/**
 * What an operator sees of a running server (issue 14): the log and the metrics.
 *
 * - **Log** (`logOptions`): Fastify's pino logger, JSON lines on stdout at the configured level
 *   (RONGCUO_LOG_LEVEL / --log-level). Fastify's own two lines per request are off; instead one
 *   line per answered request (`request`), with its request id (`reqId`), the signed-in user's id
 *   (`userId`, or null), the method, the route pattern, the path (a survey token cut out, no query
 *   string), the status and the milliseconds. An unexpected error is logged by the error handler
 *   (errors.ts) with its stack under the same `reqId` the 500 answer names. No header is logged;
 *   `redact` also blanks any cookie, Authorization, CSRF token, password or token a line might
 *   carry.
 * - **Metrics** (`registerObservability`): GET /api/metrics in Prometheus's text format
 *   (prom-client), one registry per server (tests build many servers): requests and their
 *   latency by route pattern and status class, 5xx errors, the store's connections and the jobs
 *   by state (read when scraped); the process's metrics (prom-client's default ones) come from
 *   one registry per process, made on the first scrape. Who may scrape: a client with the token
 *   RONGCUO_METRICS_TOKEN (Bearer), or, when no token is set, a client on this machine (loopback,
 *   no proxy header).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { LogLevel } from '../config/areas/observability.js';
import { redactSurveyToken } from './server.js';

/** Where log lines go: stdout by default; tests give a sink. */
export interface LogDestination {
  write(line: string): unknown;
}

/** Paths pino blanks in any line (a second line of defence: no line is built with them). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'headers["set-cookie"]',
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'cookie',
  '*.cookie',
];

/** The logger options of `rongcuo serve` (buildServer's `logger`). */
export function logOptions(
  level: LogLevel,
  destination?: LogDestination,
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(destination ? { stream: destination } : {}),
  };
}

/** The label of a status: 2xx, 3xx, 4xx, 5xx. */
function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** The route pattern of a request ('(none)' when no route matched): never the raw URL. */
function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? '(none)';
}

/** The path of a request without its query string, a survey token cut out, at most 200 characters. */
function pathOf(req: FastifyRequest): string {
  return redactSurveyToken((req.url.split('?')[0] ?? '').slice(0, 200));
}

interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status_class'>;
  readonly duration: Histogram<'method' | 'route' | 'status_class'>;
  readonly errors: Counter<'method' | 'route'>;
  readonly pool: Gauge<'state'>;
  readonly jobs: Gauge<'state'>;
  readonly storeUp: Gauge;
}

function serverMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  const labels = ['method', 'route', 'status_class'] as const;
  return {
    registry,
    requests: new Counter({
      name: 'rongcuo_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status class.',
      labelNames: labels,
      registers,
    }),
    duration: new Histogram({
      name: 'rongcuo_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status class.',
      labelNames: labels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    errors: new Counter({
      name: 'rongcuo_http_errors_total',
      help: 'HTTP requests answered with a server error (5xx), by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      registers,
    }),
    pool: new Gauge({
      name: 'rongcuo_store_connections',
      help: "The store's connections: max (pool size; 1 on PGlite), open, idle, and callers waiting.",
      labelNames: ['state'] as const,
      registers,
    }),
    jobs: new Gauge({
      name: 'rongcuo_jobs',
      help: 'Background jobs by state (pending, running, failed), read when scraped.',
      labelNames: ['state'] as const,
      registers,
    }),
    storeUp: new Gauge({
      name: 'rongcuo_store_up',
      help: '1 when the store answered the scrape, else 0.',
      registers,
    }),
  };
}

let processRegistry: Registry | undefined;

/** The process's metrics (CPU, memory, event loop, GC): one registry per process, made once. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const JOB_STATES = ['pending', 'running', 'failed'] as const;

/** Reads the store's gauges: its connections, and the jobs by state in one grouped query. */
async function readStore(ctx: AppContext, m: ServerMetrics, req: FastifyRequest): Promise<void> {
  const use = ctx.store.poolUse();
  m.pool.set({ state: 'max' }, use.max);
  m.pool.set({ state: 'open' }, use.total);
  m.pool.set({ state: 'idle' }, use.idle);
  m.pool.set({ state: 'waiting' }, use.waiting);
  try {
    const { rows } = await ctx.store.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM jobs WHERE state IN ('pending', 'running', 'failed') GROUP BY state`,
    );
    for (const state of JOB_STATES) {
      m.jobs.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
    }
    m.storeUp.set(1);
  } catch (err) {
    // The scrape still answers: the store's absence is itself the news.
    m.jobs.reset();
    m.storeUp.set(0);
    req.log.warn({ err }, 'metrics: the store does not answer');
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Whether this request may read the metrics (see the module's comment). */
export function mayScrape(req: FastifyRequest, token: string | undefined): boolean {
  if (token !== undefined) {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
    return m !== null && timingSafeEqual(sha256(m[1]!), sha256(token));
  }
  // The socket's address, not req.ip: a proxy on this machine must not make every client local.
  const forwarded =
    req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(req.socket.remoteAddress ?? '');
}

/**
 * The request log line and the request metrics of every answer (a hook on `app`: call it before
 * the routes are registered); returns the plugin of GET /metrics, to register under /api.
 */
export function registerObservability(
  app: FastifyInstance,
  ctx: AppContext,
): (api: FastifyInstance) => Promise<void> {
  const m = serverMetrics();

  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode;
    const route = routeOf(req);
    const labels = { method: req.method, route, status_class: statusClass(status) };
    const seconds = reply.elapsedTime / 1000;
    m.requests.inc(labels);
    m.duration.observe(labels, seconds);
    if (status >= 500) m.errors.inc({ method: req.method, route });
    req.log.info(
      {
        userId: req.auth?.session.actor.userId ?? null,
        method: req.method,
        route,
        path: pathOf(req),
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  return async (api) => {
    api.get(
      '/metrics',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          summary: '运行指标 · Metrics (Prometheus)',
          description:
            'Prometheus text format. Needs `Authorization: Bearer <RONGCUO_METRICS_TOKEN>`; without that setting, only clients on this machine (loopback, not forwarded by a proxy) may scrape.',
          security: [],
        },
      },
      async (req, reply) => {
        if (!mayScrape(req, ctx.settings.observability.metricsToken)) {
          throw new AppError('METRICS_FORBIDDEN');
        }
        await readStore(ctx, m, req);
        const text = (await processMetrics().metrics()) + (await m.registry.metrics());
        return reply.header('cache-control', 'no-store').type(m.registry.contentType).send(text);
      },
    );
  };
}
