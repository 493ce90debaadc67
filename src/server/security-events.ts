/**
 * The HTTP side of the security events (src/app/trails/security-events.ts): what a request says
 * about itself, and the refusals recorded on the error path — every 403 of any route (a role or
 * scope refusal) and every CSRF failure. Sign-in outcomes are recorded by auth/login.ts, sign-outs
 * by the logout route. A failure to record is logged and does not change the answer.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { recordSecurityEvent, type SecurityEventInput } from '../app/trails/security-events.js';

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

/** The security event an error is, if it is one the error path records. */
export function refusalEvent(
  err: unknown,
  req: FastifyRequest,
  at: Date,
): SecurityEventInput | undefined {
  if (!(err instanceof AppError) || err.status !== 403) return undefined;
  return {
    ...requestFacts(req),
    kind: err.code === 'CSRF_INVALID' ? 'csrf.invalid' : 'request.forbidden',
    at,
    userId: req.auth?.session.actor.userId ?? null,
    details: { code: err.code },
  };
}

/** Records a refusal (called by the error handler before it answers). */
export async function recordRefusal(ctx: AppContext, err: unknown, req: FastifyRequest) {
  const event = refusalEvent(err, req, ctx.now());
  if (!event) return;
  try {
    await recordSecurityEvent(ctx, event);
  } catch (e) {
    req.log.error({ err: e }, 'security event not recorded');
  }
}
