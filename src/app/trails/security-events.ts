/**
 * Security events (migration 0031): sign-ins that failed, were locked or rate-limited, requests
 * refused (403) and CSRF failures, sign-outs, and what later parts add (kinds in
 * src/shared/security-events.ts). Each row is linked into the security chain in the transaction
 * that writes it (chain.ts). Never a password, a session token or a CSRF token.
 *
 * `recordSecurityEvent(ctx, e)` writes one in a transaction of its own; `recordSecurityEventIn(tx,
 * alg, e)` in the caller's (e.g. a sign-in's, so that the session and its event commit together).
 *
 * Each event carries the jurisdiction of the user it concerns (`scope_path`, migration 0037), as
 * an administration event carries its target's (admin/users.ts): the scope path of the user's
 * first grant that has one (by path, so the same every time) — the user by id, or else by the
 * username tried at a sign-in — and '' for an unknown user. The audit administrator reads the
 * events of their subtree; '' only at the top level (read.ts).
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { TrailHash } from '../../domain/digest.js';
import type { SecurityEventKind } from '../../shared/security-events.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { roleGrants, securityEvents, users, type Schema } from '../tables.js';
import { appendLink, securityEventBody, type SecurityEventFields } from './chain.js';

export type { SecurityEventKind } from '../../shared/security-events.js';

/** The user agent is kept to this many characters. */
export const USER_AGENT_MAX = 256;

export interface SecurityEventInput {
  readonly kind: SecurityEventKind;
  readonly at: Date;
  readonly userId?: string | null;
  /** The username tried at a sign-in. */
  readonly username?: string;
  readonly ip?: string;
  readonly userAgent?: string;
  readonly method?: string;
  readonly route?: string;
  readonly requestId?: string;
  /** What else there is to say (an error code, a reason); never a secret. */
  readonly details?: Record<string, unknown>;
}

function fields(e: SecurityEventInput, scopePath: string): SecurityEventFields {
  return {
    scopePath,
    at: e.at,
    kind: e.kind,
    userId: e.userId ?? null,
    username: (e.username ?? '').slice(0, 128),
    ip: (e.ip ?? '').slice(0, 64),
    userAgent: (e.userAgent ?? '').slice(0, USER_AGENT_MAX),
    method: (e.method ?? '').slice(0, 16),
    route: (e.route ?? '').slice(0, 256),
    requestId: (e.requestId ?? '').slice(0, 64),
    details: e.details ?? {},
  };
}

export async function recordSecurityEventIn(
  tx: Tx<Schema>,
  alg: TrailHash,
  e: SecurityEventInput,
): Promise<void> {
  const row = fields(e, await scopeOf(tx, e));
  const link = await appendLink(tx, 'security_events', alg, (seq) => securityEventBody(seq, row));
  await tx
    .insert(securityEvents)
    .values({ ...row, details: row.details as Record<string, unknown>, ...link });
}

/** The scope path of the event's user: their first grant with one, by path; '' when unknown. */
export async function scopeOf(
  tx: Tx<Schema>,
  e: Pick<SecurityEventInput, 'userId' | 'username'>,
): Promise<string> {
  const who = e.userId
    ? eq(roleGrants.userId, e.userId)
    : e.username
      ? eq(users.username, e.username.slice(0, 128))
      : undefined;
  if (!who) return '';
  const [g] = await tx
    .select({ path: roleGrants.scopePath })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(who, ne(roleGrants.scopePath, '')))
    .orderBy(asc(roleGrants.scopePath))
    .limit(1);
  return g?.path ?? '';
}

export async function recordSecurityEvent(ctx: AppContext, e: SecurityEventInput): Promise<void> {
  await ctx.store.tx((tx) => recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, e));
}
