/**
 * The HTTP side of the security events (src/app/trails/security-events.ts): what a request says
 * about itself, and the refusals recorded on the error path — every 403 of any route (a role or
 * scope refusal) and every CSRF failure. Sign-in outcomes are recorded by auth/login.ts, sign-outs
 * by the logout route. A failure to record is logged and does not change the answer.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { AppError, type ErrorCode } from '../app/errors.js';
import {
  recordSecurityEvent,
  type SecurityEventInput,
  type SecurityEventKind,
} from '../app/trails/security-events.js';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from './auth/authenticate.js';
import { sessionUserOf } from './auth/sessions.js';

/** The request's address, agent, method, route pattern (never its query) and id. */
export function requestFacts(
  req: FastifyRequest,
): Pick<SecurityEventInput, 'ip' | 'userAgent' | 'method' | 'route' | 'requestId'> {
  return {
    ip: req.ip,
    userAgent: String(req.headers['user-agent'] ?? ''),
    method: req.method,
    // The pattern (/api/cases/:id), not the URL: no identifiers or query strings in the trail.
    route: req.routeOptions.url ?? req.url.split('?')[0] ?? '',
    requestId: req.id,
  };
}

/**
 * Refusals that are security events whatever their status (a wrong one-time code is a 401, a
 * refused grant a 409). They are recorded on the error path, after the refusing transaction
 * rolled back, so that the refusal is kept. Every other 403 is a `request.forbidden`.
 */
const REFUSAL_KIND: Partial<Record<ErrorCode, SecurityEventKind>> = {
  CSRF_INVALID: 'csrf.invalid',
  TOTP_CODE_WRONG: 'totp.failed',
  TOTP_TICKET_INVALID: 'totp.failed',
  TOTP_RESET_THROTTLED: 'totp.failed',
  SESSION_LIMIT_REACHED: 'session.limit_refused',
  PASSWORD_CURRENT_WRONG: 'password.change_failed',
  PASSWORD_REUSED: 'password.change_failed',
  ADMIN_ROLES_APART: 'grant.refused',
  GRANTS_SELF: 'grant.refused',
  LOCAL_PASSWORDS_OFF: 'login.local_password_refused',
  SSO_IDENTITY_UNLINKED: 'sso.refused',
  SSO_ACCOUNT_DISABLED: 'sso.refused',
  SSO_STATE_INVALID: 'sso.refused',
  SSO_TICKET_INVALID: 'sso.refused',
  SSO_PROVIDER_ERROR: 'sso.refused',
};

/** The security event an error is, if it is one the error path records. */
export function refusalEvent(
  err: unknown,
  req: FastifyRequest,
  at: Date,
): SecurityEventInput | undefined {
  if (!(err instanceof AppError)) return undefined;
  const kind = REFUSAL_KIND[err.code] ?? (err.status === 403 ? 'request.forbidden' : undefined);
  if (!kind) return undefined;
  return {
    ...requestFacts(req),
    kind,
    at,
    userId: req.auth?.session.actor.userId ?? err.subject ?? null,
    details: { code: err.code, ...safeDetails(err) },
  };
}

/** The error's details that name what was refused (a provider, a role), never a secret. */
function safeDetails(err: AppError): Record<string, unknown> {
  const d = err.details;
  const out: Record<string, unknown> = {};
  const names = ['provider', 'subject', 'roles', 'role', 'attemptsLeft', 'maxConcurrent', 'until'];
  for (const k of names) {
    if (d[k] !== undefined) out[k] = d[k];
  }
  return out;
}

/**
 * A CSRF failure names the user whose session cookie came with the request, when it is a live
 * session: the refusal names it when the session was resolved (authenticate.ts), and a sign-in
 * refused as cross-site (checkSameOrigin) is looked up here. The session is only read, not slid.
 */
async function withCookieUser(
  ctx: AppContext,
  req: FastifyRequest,
  event: SecurityEventInput,
): Promise<SecurityEventInput> {
  if (event.kind !== 'csrf.invalid' || event.userId) return event;
  const cookie = req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
  const userId = cookie ? await sessionUserOf(ctx, cookie) : null;
  return userId ? { ...event, userId } : event;
}

/** Records a refusal (called by the error handler before it answers). */
export async function recordRefusal(ctx: AppContext, err: unknown, req: FastifyRequest) {
  const event = refusalEvent(err, req, ctx.now());
  if (!event) return;
  try {
    await recordSecurityEvent(ctx, await withCookieUser(ctx, req, event));
  } catch (e) {
    req.log.error({ err: e }, 'security event not recorded');
  }
}
