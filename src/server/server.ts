/**
 * The HTTP server: a Fastify app with the JSON API under /api. `buildServer` makes the app without
 * listening (tests call `app.inject()`); `startServer` builds it and listens (the CLI).
 *
 * Every /api route runs one pipeline: security headers → authenticate (session cookie + CSRF
 * token, or Bearer token; skipped for routes marked public) → validate (the route's JSON Schema)
 * → the use case, which runs its own transaction and authorization → a presenter that picks the
 * fields to show → reply. Every failure leaves through one error handler (errors.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { AppContext } from '../app/context.js';
import { authenticate } from './auth/authenticate.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { registerInputGuards } from './input-guards.js';
import { registerObservability } from './observability.js';
import { recordRefusal } from './security-events.js';
import { registerOpenApi } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { twoFactorRoutes } from './routes/two-factors.js';
import { sessionRoutes } from './routes/sessions.js';
import { caseActionRoutes } from './routes/case-actions.js';
import { caseRoutes } from './routes/cases.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { evaluationIndicatorRoutes } from './routes/evaluation-indicators.js';
import { documentRoutes } from './routes/documents.js';
import { evidenceRoutes } from './routes/evidence.js';
import { correctionRoutes } from './routes/corrections.js';
import { clearingRoutes } from './routes/clearings.js';
import { healthRoutes } from './routes/health.js';
import { notificationRoutes } from './routes/notifications.js';
import { officialRoutes } from './routes/officials.js';
import { riskFilingRoutes } from './routes/risk-filings.js';
import { visitRoutes } from './routes/visits.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { evaluationReportRoutes } from './routes/evaluation-report.js';
import type { InstrumentCheck } from '../app/evaluation/instruments.js';
import { matterRoutes } from './routes/matters.js';
import { jointMatterRoutes } from './routes/joint-matters.js';
import { policyRoutes } from './routes/policy.js';
import { recommendationRoutes } from './routes/recommendation.js';
import { todoRoutes } from './routes/todos.js';
import { resultRoutes } from './routes/results.js';
import { ssoRoutes } from './routes/sso.js';
import { responseCheck } from './response-check.js';
import { SHARED_SCHEMAS } from './schemas.js';
import { lazySerializers } from './serializers.js';
import { helmetOptions } from './security.js';
import { clientErrorHandler, frameworkErrors, MAX_HEADER_BYTES } from './transport-errors.js';
import { validatorCompiler } from './validation.js';
import { registerWeb } from './web.js';

export interface ServerOptions {
  /** Fastify's logger (pino) options; default: no logging. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Trust X-Forwarded-* from a reverse proxy (Fastify's trustProxy); default false. */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * The site is served over HTTPS (directly or by the proxy in front): sends HSTS and
   * upgrade-insecure-requests and always marks the cookie Secure. Default false.
   */
  readonly https?: boolean;
  /** Serve HTTPS directly with this certificate and key (PEM); implies `https`. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Origins besides the server's own from which sign-in is allowed. */
  readonly allowedOrigins?: readonly string[];
  /** The version shown in the API description (default: package.json's). */
  readonly version?: string;
  /**
   * Check every JSON answer against its response schema and fail it (500) when it does not fit
   * (response-check.ts). The tests turn it on; it costs a validation per answer. Default false.
   */
  readonly checkResponses?: boolean;
  /**
   * Checks an instrument adapted through POST /api/evaluation/instruments; default the instrument
   * loader's parser (src/app/evaluation/instrument-check.ts). Tests may plug in a smaller one.
   */
  readonly checkInstrument?: InstrumentCheck;
}

/** Bodies of 1 MiB at most, except the evidence upload. */
export const BODY_LIMIT = 1024 * 1024;

export async function buildServer(
  ctx: AppContext,
  opts: ServerOptions = {},
): Promise<FastifyInstance> {
  const https = (opts.https ?? false) || opts.tls !== undefined;
  // (Fastify types an HTTPS server apart; the routes do not care which it is.)
  const app = Fastify({
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key } } : {}),
    logger: withoutSurveyTokens(opts.logger ?? false),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
    // Ids are in the log lines and in INTERNAL errors, so that a user's report can be traced.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    // One line per request instead of Fastify's two, with the user and the route (observability.ts).
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors before a route is found, in the catalogue's shape (transport-errors.ts).
    frameworkErrors,
    clientErrorHandler,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
  } as FastifyServerOptions) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  // Answers are serialized through their response schemas (Fastify's default, fast-json-stringify):
  // presenters pick the fields, the schemas (src/api) say which fields exist.
  // A refusal (403, CSRF) is recorded as a security event before it is answered.
  app.setErrorHandler(async (err, req, reply) => {
    await recordRefusal(ctx, err, req);
    return errorHandler(err, req, reply);
  });
  app.setNotFoundHandler(notFoundHandler);
  // Strict UTF-8 JSON, and no NUL or lone surrogate in any string (input-guards.ts).
  registerInputGuards(app);
  // The request log line, the request metrics and GET /api/metrics (observability.ts).
  const metricsRoute = registerObservability(app, ctx);

  await app.register(helmet, helmetOptions(https));
  await app.register(cookie);
  await registerOpenApi(app, opts.version ?? packageVersion());
  // Shapes many routes answer with: components of the API description.
  for (const shared of SHARED_SCHEMAS) app.addSchema(shared);

  await app.register(
    async (api) => {
      api.decorateRequest('auth', null);
      if (opts.checkResponses) api.addHook('preSerialization', responseCheck(SHARED_SCHEMAS));
      api.addHook('onRequest', authenticate(ctx));
      // Answers may concern private cases: no cache keeps them unless a route says otherwise.
      api.addHook('onSend', async (_req, reply, payload) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        return payload;
      });
      const routeOpts = { ctx };
      await api.register(healthRoutes, routeOpts);
      await api.register(metricsRoute);
      const authOpts = {
        ctx,
        allowedOrigins: opts.allowedOrigins ?? [],
        secureCookies: https ? true : ('auto' as const),
      };
      await api.register(authRoutes, authOpts);
      await api.register(twoFactorRoutes, authOpts);
      await api.register(sessionRoutes, routeOpts);
      await api.register(ssoRoutes, { ctx, secureCookies: https ? true : ('auto' as const) });
      await api.register(caseRoutes, routeOpts);
      await api.register(caseActionRoutes, routeOpts);
      await api.register(evidenceRoutes, routeOpts);
      await api.register(correctionRoutes, routeOpts);
      await api.register(clearingRoutes, routeOpts);
      await api.register(matterRoutes, routeOpts);
      await api.register(jointMatterRoutes, routeOpts);
      await api.register(policyRoutes, routeOpts);
      await api.register(adminRoutes, routeOpts);
      await api.register(auditRoutes, routeOpts);
      await api.register(dashboardRoutes, routeOpts);
      await api.register(evaluationIndicatorRoutes, routeOpts);
      await api.register(officialRoutes, routeOpts);
      await api.register(riskFilingRoutes, routeOpts);
      await api.register(recommendationRoutes, routeOpts);
      await api.register(todoRoutes, routeOpts);
      await api.register(documentRoutes, routeOpts);
      await api.register(resultRoutes, routeOpts);
      await api.register(visitRoutes, routeOpts);
      await api.register(evaluationRoutes, {
        ctx,
        allowedOrigins: opts.allowedOrigins ?? [],
        ...(opts.checkInstrument ? { checkInstrument: opts.checkInstrument } : {}),
      });
      await api.register(evaluationReportRoutes, routeOpts);
      await api.register(notificationRoutes, routeOpts);
      api.get(
        '/openapi.json',
        { config: { public: true }, schema: { hide: true } },
        async (_req, reply) => {
          reply.header('cache-control', 'no-cache');
          return app.swagger();
        },
      );
    },
    { prefix: '/api' },
  );
  // The web app at / (everything outside /api): web.ts.
  await registerWeb(app);
  return app;
}

/**
 * The logger's options with a request serializer that writes a /survey/{token} path without its
 * token (its routes log nothing themselves; this covers any other line, e.g. a 404 on a longer
 * path). A logger given as an instance is not changed: whoever builds one must do the same.
 */
export function withoutSurveyTokens(
  logger: FastifyServerOptions['logger'],
): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return logger;
  const base = logger === true ? {} : logger;
  if (typeof base !== 'object' || typeof (base as { info?: unknown }).info === 'function') {
    return logger;
  }
  return {
    ...base,
    serializers: {
      ...((base as { serializers?: Record<string, unknown> }).serializers ?? {}),
      // Fastify's own request serializer, with the URL redacted.
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactSurveyToken(req.url),
        version: String(req.headers['accept-version'] ?? '') || undefined,
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/** A URL with the token of any /survey/ path replaced by '…'. */
export function redactSurveyToken(url: string): string {
  return url.replace(/\/survey\/[^/?#]*/gi, '/survey/…');
}

export interface StartServerOptions extends ServerOptions {
  readonly port: number;
  readonly host: string;
}

export interface StartedServer {
  readonly app: FastifyInstance;
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the server and listens; the caller closes it (e.g. on SIGINT). */
export async function startServer(
  ctx: AppContext,
  opts: StartServerOptions,
): Promise<StartedServer> {
  const app = await buildServer(ctx, opts);
  const url = await app.listen({ port: opts.port, host: opts.host });
  return { app, url, close: () => app.close() };
}

let cachedVersion: string | undefined;

/** The version in package.json (found from src/server under Vitest and from dist/src/server). */
function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'rongcuo' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
