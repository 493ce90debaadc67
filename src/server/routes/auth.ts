/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
 *
 * The session cookie is HttpOnly (no script reads it), SameSite=Strict (never sent on a request
 * another site starts: the web app is served from this origin, so nothing is lost), Path=/,
 * Secure and `__Host-` prefixed over HTTPS, and has no Max-Age: it is a browser-session cookie,
 * ended by closing the browser (shared office computers), while the server ends the session after
 * the idle timeout or the absolute lifetime (src/config/areas/sessions.ts, auth/sessions.ts).
 * A session whose password must be changed first says so (`passwordChange`); sign-out and
 * `me` stay open to it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginBody, LoginOutcome, Ref, ApiError, Session, Type } from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import {
  actorOf,
  checkSameOrigin,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from '../auth/authenticate.js';
import { login } from '../auth/login.js';
import { recordSecurityEvent } from '../../app/trails/security-events.js';
import { requestFacts } from '../security-events.js';
import { deleteSession, resolveSession, tokenHash, type NewSession } from '../auth/sessions.js';
import { presentUser } from '../presenters/user.js';
import { responses, typed, type Api } from '../schemas.js';

export interface AuthRouteOptions {
  readonly ctx: AppContext;
  /** Origins besides this server's own allowed to sign in (e.g. a separate web app in development). */
  readonly allowedOrigins: readonly string[];
  /** 'auto': Secure cookies when the request came over HTTPS (see trustProxy). */
  readonly secureCookies: boolean | 'auto';
}

export function secure(req: FastifyRequest, setting: boolean | 'auto'): boolean {
  return setting === 'auto' ? req.protocol === 'https' : setting;
}

function clearCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(SECURE_SESSION_COOKIE, { path: '/', secure: true });
}

/**
/**
 * Answers a request that opened a session (sign-in, or its second step): ends the session the
 * browser still held, then sets the cookie (or returns the token to an API client).
 */
export async function answerWithSession(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: AuthRouteOptions,
  s: NewSession,
  client: 'browser' | 'api' | undefined,
) {
  const { ctx } = opts;
  const session = await resolveSession(ctx, s.token);
  if (!session) throw new AppError('AUTH_REQUIRED');
  if (session.passwordChange === 'expired') {
    await recordSecurityEvent(ctx, {
      ...requestFacts(req),
      kind: 'password.expired',
      at: ctx.now(),
      userId: session.actor.userId,
    });
  }
  reply.header('cache-control', 'no-store');
  const answer = {
    user: presentUser(session.actor, session.locale),
    csrfToken: s.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    passwordChange: session.passwordChange,
  };
  if (client === 'api') {
    // A session the browser still holds ends here too: a sign-in always starts a fresh one.
    const previous = req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
    if (previous) await deleteSession(ctx, tokenHash(previous));
    return { ...answer, token: s.token };
  }
  await setSessionCookie(ctx, req, reply, s.token, secure(req, opts.secureCookies));
  return answer;
}

/**
 * Hands a new session to the browser: ends the session it held before (a sign-in always starts a
 * fresh one; only after a success, so a failed attempt does not sign the caller out) and sets the
 * session cookie. Password sign-in and single sign-on (routes/sso.ts).
 */
export async function setSessionCookie(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  https: boolean,
): Promise<void> {
  const previous = req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
  if (previous && previous !== token) await deleteSession(ctx, tokenHash(previous));
  clearCookies(reply);
  reply.setCookie(https ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: https,
    path: '/',
  });
}

/** Signing in: checks the password and opens a session (cookie, or a token for API clients). */
function loginRoute(app: Api, opts: AuthRouteOptions) {
  const { ctx } = opts;
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录 · Sign in',
        description:
          'Checks the password (argon2id) and opens a session — or, for a user who signs in with two factors, answers `secondFactor` with a ticket for the second step (no session) — sets the HttpOnly session cookie and returns the user, the CSRF token and, for API clients, the session token. At most 10 attempts per minute per address (429 AUTH_RATE_LIMITED with Retry-After); 5 consecutive failures lock the account for 15 minutes (423 AUTH_LOCKED). Cross-site requests are refused (403 CSRF_INVALID).',
        security: [],
        body: LoginBody,
        response: { 200: LoginOutcome, '4xx': Ref(ApiError) },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req, opts.allowedOrigins);
      const s = await login(ctx, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: String(req.headers['user-agent'] ?? ''),
        requestId: req.id,
      });
      if (s.kind === 'second_factor') {
        // Two factors: no session yet, the ticket of the second step (auth/second-factor.ts).
        reply.header('cache-control', 'no-store');
        return { secondFactor: s.step, ticket: s.ticket, expiresAt: s.expiresAt.toISOString() };
      }
      return answerWithSession(req, reply, opts, s, req.body.client);
    },
  );
}

/** The session: signing out, and who is signed in. */
function sessionRoutes(app: Api, ctx: AppContext) {
  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录 · Sign out',
        description: 'Ends the session on the server and clears the cookie.',
        response: responses({ 204: Type.Null({ description: 'Signed out.' }) }),
      },
      config: { passwordChange: true },
    },
    async (req, reply) => {
      if (req.auth) {
        await deleteSession(ctx, req.auth.session.idHash);
        await recordSecurityEvent(ctx, {
          ...requestFacts(req),
          kind: 'logout',
          at: ctx.now(),
          userId: req.auth.session.actor.userId,
        });
      }
      clearCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户 · The signed-in user',
        description:
          'The user, their roles, and the CSRF token of the session (a reloaded web app gets it here).',
        response: responses({ 200: Session }),
      },
      config: { passwordChange: true },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const session = req.auth!.session;
      reply.header('cache-control', 'no-store');
      return {
        user: presentUser(actor, session.locale),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        passwordChange: session.passwordChange,
      };
    },
  );
}

export async function authRoutes(base: FastifyInstance, opts: AuthRouteOptions): Promise<void> {
  const app = typed(base);
  loginRoute(app, opts);
  sessionRoutes(app, opts.ctx);
}
