/**
 * Single sign-on through the unified identity platform, and the identities linked to users.
 *
 * - GET /api/auth/methods: which ways to sign in the sign-in page offers.
 * - GET /api/auth/oidc/start → the provider → GET /api/auth/oidc/callback (OpenID Connect, code
 *   flow with PKCE, state and nonce), and GET /api/auth/cas/start → the CAS server →
 *   GET /api/auth/cas/callback (ticket validated by the server): each ends in a session cookie
 *   like a password sign-in and a redirect to the web app — or, for a user who signs in with two
 *   factors, in no session and a redirect to the web app's sign-in screen with the second step's
 *   ticket in the fragment (`/#ticket=…&step=totp|enrol`: never in a log). What the callback
 *   must check travels in a short-lived HttpOnly flow cookie (SameSite=Lax, so that the
 *   platform's redirect back carries it; Path=/api/auth/; ten minutes), so that any app instance
 *   can finish a sign-in.
 *   These are browser navigations: a refusal answers a short page in Chinese and English.
 * - GET/POST /api/admin/users/{id}/external-identities(/unlink): the security administrator
 *   links and unlinks identities (src/app/sso/links.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthMethods,
  ExternalIdentityBody,
  ExternalIdentityList,
  Type,
  UserIdParams,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { recordRefusal } from '../security-events.js';
import {
  linkExternalIdentity,
  listExternalIdentities,
  unlinkExternalIdentity,
} from '../../app/sso/links.js';
import { secondStepFragment, SSO_PROVIDERS, type SsoProvider } from '../../shared/sso.js';
import { actorOf } from '../auth/authenticate.js';
import { casConfigured, casLoginUrl, validateTicket } from '../auth/cas.js';
import { finishOidc, oidcConfigured, startOidc, type ExternalIdentity } from '../auth/oidc.js';
import { newToken, sameSecret } from '../auth/sessions.js';
import { signInExternal } from '../auth/sso.js';
import { responses, typed, type Api } from '../schemas.js';
import { secure, setSessionCookie } from './auth.js';

export interface SsoRouteOptions {
  readonly ctx: AppContext;
  /** 'auto': Secure cookies when the request came over HTTPS. */
  readonly secureCookies: boolean | 'auto';
}

export const FLOW_COOKIE = 'rongcuo_sso_flow';
const FLOW_PATH = '/api/auth/';
const FLOW_MS = 10 * 60 * 1000;
/** Where the browser goes once signed in: the web app. */
const APP_HOME = '/';

/** What a sign-in started with: the provider, its state, and (OpenID Connect) nonce and verifier. */
interface Flow {
  readonly p: SsoProvider;
  readonly s: string;
  readonly n?: string;
  readonly v?: string;
  /** Expiry, epoch milliseconds. */
  readonly e: number;
}

function setFlow(reply: FastifyReply, flow: Flow, https: boolean) {
  reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    path: FLOW_PATH,
    maxAge: FLOW_MS / 1000,
  });
}

function readFlow(req: FastifyRequest): Flow | null {
  const raw = req.cookies[FLOW_COOKIE];
  if (!raw || raw.length > 2048) return null;
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flow>;
    if (typeof f.s !== 'string' || typeof f.e !== 'number') return null;
    if (!SSO_PROVIDERS.includes(f.p as SsoProvider)) return null;
    return f as Flow;
  } catch {
    return null;
  }
}

/** The flow of this callback, checked: same provider, not expired, the state it was sent with. */
function checkFlow(
  ctx: AppContext,
  req: FastifyRequest,
  provider: SsoProvider,
  state: unknown,
): Flow {
  const flow = readFlow(req);
  if (
    !flow ||
    flow.p !== provider ||
    flow.e < ctx.now().getTime() ||
    typeof state !== 'string' ||
    !sameSecret(state, flow.s)
  ) {
    // A callback without this browser's sign-in (login CSRF or a stale tab): recorded as
    // 'sso.refused' by browserStep.
    throw new AppError('SSO_STATE_INVALID', { provider });
  }
  return flow;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A refusal as a page: the catalogue's message in Chinese, then in English; the id to link. */
export function refusalPage(err: AppError): string {
  const subject = typeof err.details['subject'] === 'string' ? err.details['subject'] : null;
  const name = typeof err.details['name'] === 'string' ? err.details['name'] : null;
  const idLines = (label: { id: string; name: string }) =>
    subject && err.code === 'SSO_IDENTITY_UNLINKED'
      ? `<p>${escapeHtml(label.id)}<strong>${escapeHtml(subject)}</strong>${
          name ? `<br>${escapeHtml(label.name)}${escapeHtml(name)}` : ''
        }</p>`
      : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>无法登录 · Cannot sign in</title></head>
<body><main>
<h1>无法登录</h1>
<p data-code="${escapeHtml(err.code)}">${escapeHtml(err.text.zh)}</p>
${idLines({ id: '身份标识：', name: '姓名：' })}
<p><a href="${APP_HOME}">返回登录页</a></p>
<hr>
<section lang="en">
<h2>Cannot sign in</h2>
<p>${escapeHtml(err.text.en)}</p>
${idLines({ id: 'Id: ', name: 'Name: ' })}
<p><a href="${APP_HOME}">Back to the sign-in page</a></p>
</section>
</main></body></html>
`;
}

/** Runs a browser step; a refusal becomes the page above (and a log line with the details). */
async function browserStep(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  step: () => Promise<string>,
): Promise<FastifyReply> {
  reply.header('cache-control', 'no-store');
  try {
    const location = await step();
    return reply.redirect(location, 303);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    req.log.warn({ code: e.code, details: e.details }, 'single sign-on refused');
    await recordRefusal(ctx, e, req);
    return reply.status(e.status).type('text/html; charset=utf-8').send(refusalPage(e));
  }
}

/**
 * A step the browser navigates to. Its query (the platform's code, state, ticket, and whatever
 * else a platform adds) is read by the step, not validated by a schema: an unexpected parameter
 * must not turn a sign-in into a JSON error.
 */
function browserRoute(summary: string, description: string) {
  return {
    config: { public: true },
    schema: { tags: ['auth'], summary, description, security: [] },
  };
}

function signInRoutes(app: Api, opts: SsoRouteOptions) {
  const { ctx } = opts;
  const settings = () => ctx.settings.sso;

  app.get(
    '/auth/methods',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录方式 · Ways to sign in',
        description:
          'Which ways to sign in this installation offers: username and password, OpenID Connect, CAS tickets.',
        security: [],
        response: responses({ 200: AuthMethods }),
      },
    },
    async () => ({
      localPasswords: settings().localPasswords,
      oidc: oidcConfigured(settings()),
      cas: casConfigured(settings()),
    }),
  );

  const finish = async (
    req: FastifyRequest,
    reply: FastifyReply,
    provider: SsoProvider,
    identity: ExternalIdentity,
  ) => {
    const s = await signInExternal(ctx, {
      provider,
      identity,
      ip: req.ip,
      userAgent: String(req.headers['user-agent'] ?? ''),
    });
    // Two factors: no session yet; the sign-in screen continues with the ticket, carried in the
    // fragment, which the browser sends to no server.
    if (s.kind === 'second_factor') return `${APP_HOME}${secondStepFragment(s.step, s.ticket)}`;
    await setSessionCookie(ctx, req, reply, s.token, secure(req, opts.secureCookies));
    return APP_HOME;
  };

  app.get(
    '/auth/oidc/start',
    browserRoute(
      '统一身份认证登录（OpenID Connect）· Sign in with OpenID Connect',
      'Starts the authorization code flow with PKCE, state and nonce: discovers the provider and redirects (303) to its authorization endpoint. A refusal (not configured, provider unreachable) is a page in Chinese and English.',
    ),
    async (req, reply) =>
      browserStep(ctx, req, reply, async () => {
        const { url, pending } = await startOidc(settings());
        setFlow(
          reply,
          {
            p: 'oidc',
            s: pending.state,
            n: pending.nonce,
            v: pending.verifier,
            e: ctx.now().getTime() + FLOW_MS,
          },
          secure(req, opts.secureCookies),
        );
        return url.href;
      }),
  );

  app.get(
    '/auth/oidc/callback',
    browserRoute(
      'OpenID Connect 回调 · OpenID Connect callback',
      'The provider sends the browser back here with the query parameters code and state (or error): the state must be the one this browser started with; the code is exchanged (PKCE), the ID token checked (nonce), and the identity’s linked user signed in (session cookie, 303 to the web app); a user who signs in with two factors gets no session but a 303 to the web app with the second step’s ticket in the fragment (#ticket=…&step=totp|enrol), unless RONGCUO_SSO_SECOND_FACTOR=platform. An unlinked identity, a wrong state or a provider error is a page in Chinese and English.',
    ),
    async (req, reply) =>
      browserStep(ctx, req, reply, async () => {
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
        const query = req.query as { state?: unknown };
        const flow = checkFlow(ctx, req, 'oidc', query.state);
        const raw = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        const identity = await finishOidc(settings(), raw, {
          state: flow.s,
          nonce: flow.n ?? '',
          verifier: flow.v ?? '',
        });
        return finish(req, reply, 'oidc', identity);
      }),
  );

  app.get(
    '/auth/cas/start',
    browserRoute(
      '统一身份认证登录（CAS）· Sign in with CAS',
      'Redirects (303) to the CAS server’s /login with this installation’s service URL (carrying a state this browser keeps).',
    ),
    async (req, reply) =>
      browserStep(ctx, req, reply, async () => {
        const state = newToken();
        const url = casLoginUrl(settings(), state);
        setFlow(
          reply,
          { p: 'cas', s: state, e: ctx.now().getTime() + FLOW_MS },
          secure(req, opts.secureCookies),
        );
        return url;
      }),
  );

  app.get(
    '/auth/cas/callback',
    browserRoute(
      'CAS 回调 · CAS callback',
      'The CAS server sends the browser back here with the query parameters ticket and state: the state must be this browser’s; the server validates the ticket at the CAS server (/p3/serviceValidate or /serviceValidate) and signs the identity’s linked user in (session cookie, 303 to the web app; with two factors, no session but the second step’s ticket in the fragment, as for OpenID Connect). Refusals are a page in Chinese and English.',
    ),
    async (req, reply) =>
      browserStep(ctx, req, reply, async () => {
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
        const query = req.query as { state?: unknown; ticket?: unknown };
        const flow = checkFlow(ctx, req, 'cas', query.state);
        if (!casConfigured(settings())) throw new AppError('SSO_NOT_CONFIGURED', { method: 'cas' });
        if (typeof query.ticket !== 'string' || query.ticket === '')
          throw new AppError('SSO_TICKET_INVALID', { code: 'NO_TICKET' });
        const identity = await validateTicket(settings(), query.ticket, flow.s);
        return finish(req, reply, 'cas', identity);
      }),
  );
}

function linkRoutes(app: Api, ctx: AppContext) {
  const TAGS = ['admin'];
  const NO_CONTENT = Type.Null({ description: 'Done.' });
  app.get(
    '/admin/users/:id/external-identities',
    {
      schema: {
        tags: TAGS,
        summary: '统一身份认证账号 · Identity-platform accounts of a user',
        description:
          'The identities of the unified identity platform linked to the user, for a security administrator (who may link and unlink) or an administrator (who may read) whose scope holds the user.',
        params: UserIdParams,
        response: responses({ 200: ExternalIdentityList }),
      },
    },
    async (req) => listExternalIdentities(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/admin/users/:id/external-identities',
    {
      schema: {
        tags: TAGS,
        summary: '关联统一身份认证账号 · Link an identity-platform account',
        description:
          'Links an identity of the platform (provider and the id it gives the person) to the user: it then signs in as the user, with the user’s grants. Security administrators only (403 SSO_LINK_ROLE_REQUIRED); an identity linked to another user is refused (409 SSO_IDENTITY_TAKEN). Leaves an admin_events row.',
        params: UserIdParams,
        body: ExternalIdentityBody,
        response: responses({ 204: NO_CONTENT }),
      },
    },
    async (req, reply) => {
      await linkExternalIdentity(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/users/:id/external-identities/unlink',
    {
      schema: {
        tags: TAGS,
        summary: '解除统一身份认证账号关联 · Unlink an identity-platform account',
        description:
          'Removes the link: the identity’s next sign-in is refused, and the sessions it opened end (a session.ended_by_admin security event with their count). Security administrators only. Leaves an admin_events row.',
        params: UserIdParams,
        body: ExternalIdentityBody,
        response: responses({ 204: NO_CONTENT }),
      },
    },
    async (req, reply) => {
      await unlinkExternalIdentity(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
}

export async function ssoRoutes(base: FastifyInstance, opts: SsoRouteOptions): Promise<void> {
  const app = typed(base);
  signInRoutes(app, opts);
  linkRoutes(app, opts.ctx);
}
