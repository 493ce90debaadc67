/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
 *
 * The session cookie is HttpOnly (no script reads it), SameSite=Strict (never sent on a request
 * another site starts: the web app is served from this origin, so nothing is lost), Path=/,
 * Secure and `__Host-` prefixed over HTTPS, and has no Max-Age: it is a browser-session cookie,
 * ended by closing the browser (shared office computers), while the server ends the session after
 * 8 idle hours or 7 days at most (see auth/sessions.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginAnswer, LoginBody, Ref, ApiError, Session, Type } from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import {
  actorOf,
  checkSameOrigin,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from '../auth/authenticate.js';
import { login } from '../auth/login.js';
import { deleteSession, resolveSession, tokenHash } from '../auth/sessions.js';
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
 * Hands a new session to the browser: ends the session it held before (a sign-in always starts a
 * fresh one) and sets the session cookie. Password sign-in and single sign-on (routes/sso.ts).
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
          'Checks the password (argon2id) and opens a session: sets the HttpOnly session cookie and returns the user, the CSRF token and, for API clients, the session token. At most 10 attempts per minute per address (429 AUTH_RATE_LIMITED with Retry-After); 5 consecutive failures lock the account for 15 minutes (423 AUTH_LOCKED). Cross-site requests are refused (403 CSRF_INVALID).',
        security: [],
        body: LoginBody,
        response: { 200: LoginAnswer, '4xx': Ref(ApiError) },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req, opts.allowedOrigins);
      const s = await login(ctx, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: String(req.headers['user-agent'] ?? ''),
      });
      // A session the browser still holds ends here: a sign-in always starts a fresh one. Only
      // after a success: a failed attempt must not sign the caller out.
      const previous = req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(ctx, tokenHash(previous));
      const session = await resolveSession(ctx, s.token);
      if (!session) throw new AppError('AUTH_REQUIRED');
      reply.header('cache-control', 'no-store');
      const answer = {
        user: presentUser(session.actor, session.locale),
        csrfToken: s.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
      if (req.body.client === 'api') return { ...answer, token: s.token };
      const https = secure(req, opts.secureCookies);
      clearCookies(reply);
      reply.setCookie(https ? SECURE_SESSION_COOKIE : SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: https,
        path: '/',
      });
      return answer;
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
    },
    async (req, reply) => {
      if (req.auth) await deleteSession(ctx, req.auth.session.idHash);
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
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const session = req.auth!.session;
      reply.header('cache-control', 'no-store');
      return {
        user: presentUser(actor, session.locale),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );
}

export async function authRoutes(base: FastifyInstance, opts: AuthRouteOptions): Promise<void> {
  const app = typed(base);
  loginRoute(app, opts);
  sessionRoutes(app, opts.ctx);
}
