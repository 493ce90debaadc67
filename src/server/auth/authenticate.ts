/**
 * Authentication and CSRF on every /api route that is not marked `config: { public: true }`.
 *
 * - `Authorization: Bearer <token>` (API clients): the same sessions table; no CSRF check, since a
 *   browser never adds this header by itself.
 * - The session cookie (the web app): unsafe methods (POST, PUT, PATCH, DELETE) must also carry
 *   `X-CSRF-Token` equal to the session's CSRF token, which only a same-origin script can know.
 *
 * No valid session → 401 AUTH_REQUIRED; a bad or missing CSRF token → 403 CSRF_INVALID; a session
 * whose password must be changed first → 403 PASSWORD_CHANGE_REQUIRED, except on the routes marked
 * `config: { passwordChange: true }`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import type { Actor } from '../../domain/roles.js';
import { resolveSession, sameSecret, type ActiveSession } from './sessions.js';

/** The session cookie: `__Host-` prefixed when Secure (bound to this host, Path=/, no Domain). */
export const SESSION_COOKIE = 'rongcuo_session';
export const SECURE_SESSION_COOKIE = '__Host-rongcuo_session';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestAuth {
  readonly session: ActiveSession;
  readonly via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** The route needs no session (health, sign-in, the API description). */
    public?: boolean;
    /**
     * The route is open to a session that must change its password first (the change itself,
     * who is signed in, the rules, signing out); every other route answers
     * PASSWORD_CHANGE_REQUIRED to such a session.
     */
    passwordChange?: boolean;
  }
}

/** The signed-in actor of a request that passed authentication. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.auth) throw new AppError('AUTH_REQUIRED');
  return req.auth.session.actor;
}

export function sessionToken(
  req: FastifyRequest,
): { token: string; via: 'cookie' | 'bearer' } | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header !== '') {
    const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
    if (!m) {
      throw new AppError(
        'AUTH_REQUIRED',
        { reason: 'malformed_authorization' },
        {
          zh: 'Authorization 请求头应为“Bearer <令牌>”。',
          en: "The Authorization header must be 'Bearer <token>'.",
        },
      );
    }
    return { token: m[1]!, via: 'bearer' };
  }
  const cookie = req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

export function authenticate(ctx: AppContext) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (req.routeOptions.config.public) return;
    const found = sessionToken(req);
    if (!found) throw new AppError('AUTH_REQUIRED');
    const session = await resolveSession(ctx, found.token);
    if (!session) {
      throw new AppError(
        'AUTH_REQUIRED',
        { reason: 'session_expired_or_unknown' },
        {
          zh: '登录已过期或无效，请重新登录。',
          en: 'The session has expired or is not valid; please sign in again.',
        },
      );
    }
    if (found.via === 'cookie' && UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
        // The refusal names whose session the cookie is (the security event's user).
        throw new AppError('CSRF_INVALID', { header: 'X-CSRF-Token' }).about(session.actor.userId);
      }
    }
    req.auth = { session, via: found.via };
    if (session.passwordChange !== null && !req.routeOptions.config.passwordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', { reason: session.passwordChange });
    }
  };
}

/**
 * Sign-in has no session to hold a CSRF token yet: refuse it when the browser says the request
 * comes from another site (Sec-Fetch-Site) or another origin (Origin). Clients that send neither
 * header (curl, API clients) are not browsers and are let through.
 */
export function checkSameOrigin(req: FastifyRequest, allowedOrigins: readonly string[]): void {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError('CSRF_INVALID', { header: 'Sec-Fetch-Site', value: site.slice(0, 32) });
  }
  const origin = req.headers.origin;
  if (typeof origin === 'string') {
    const self = `${req.protocol}://${req.host}`;
    if (origin !== self && !allowedOrigins.includes(origin)) {
      throw new AppError('CSRF_INVALID', { header: 'Origin' });
    }
  }
}
