/**
 * Server-side sessions. The client holds a random 32-byte token (in an HttpOnly cookie, or as a
 * Bearer token for API clients); the sessions table holds only its SHA-256, so a copy of the
 * table opens no session. Each session has its own CSRF token.
 *
 * Lifetime (src/config/areas/sessions.ts): a session expires after the idle timeout without use
 * (default 30 minutes; sliding: each request moves the expiry, written at most once a minute), and
 * in any case at the absolute lifetime after sign-in (default 10 hours), after which the user signs
 * in again. Expired sessions are deleted when met. A user holds at most `maxConcurrent` sessions:
 * a sign-in beyond it ends the earliest one, or is refused (SESSION_LIMIT_REACHED), as `onLimit`
 * says.
 *
 * A session whose user must change the password (set by an administrator, or expired under the
 * security policy) says so (`passwordChange`); authenticate.ts then admits it only to the routes
 * marked `config: { passwordChange: true }`.
 */
import { recordSecurityEventIn } from '../../app/trails/security-events.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../../app/context.js';
import { actorRecord } from '../../app/org.js';
import { AppError } from '../../app/errors.js';
import { passwordExpired } from '../../app/admin/password.js';
import { securityPolicy, sessions, users, type Schema } from '../../app/tables.js';
import type { Settings } from '../../config/index.js';
import type { ExternalRef } from '../../shared/sso.js';

type SessionSettings = Settings['sessions'];

/** The idle timeout and the absolute lifetime of the settings, in milliseconds. */
export function sessionTimes(s: SessionSettings): { idleMs: number; maxMs: number } {
  return { idleMs: s.idleMinutes * 60_000, maxMs: s.absoluteHours * 3_600_000 };
}

/** The sliding expiry is written at most this often. */
const SLIDE_EVERY_MS = 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh random token: 32 bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the table stores instead of the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface SessionClient {
  readonly ip: string;
  readonly userAgent: string;
}

/**
 * Opens a session for a user (in the caller's transaction), within the limit of concurrent
 * sessions: beyond it the earliest sessions end (`end_oldest`) or the sign-in is refused. `via`
 * is the platform's identity when a single sign-on opened it (its unlink ends the session).
 */
export async function createSession(
  tx: Tx<Schema>,
  all: Settings,
  userId: string,
  client: SessionClient,
  now: Date,
  via: ExternalRef | null = null,
): Promise<NewSession> {
  // Housekeeping first: the user's own expired sessions go, so that they do not count.
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  const live = await tx
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(asc(sessions.createdAt), asc(sessions.idHash))
    .for('update');
  const settings = all.sessions;
  const over = live.length - settings.maxConcurrent + 1;
  if (over > 0) {
    if (settings.onLimit === 'refuse') {
      // Recorded as a security event on the error path (src/server/security-events.ts).
      throw new AppError('SESSION_LIMIT_REACHED', { maxConcurrent: settings.maxConcurrent });
    }
    for (const s of live.slice(0, over)) {
      await tx.delete(sessions).where(eq(sessions.idHash, s.idHash));
    }
    await recordSecurityEventIn(tx, all.crypto.trailHash, {
      kind: 'session.ended_by_limit',
      at: now,
      userId,
      ip: client.ip,
      userAgent: client.userAgent,
      details: { ended: over, maxConcurrent: settings.maxConcurrent },
    });
  }
  const token = newToken();
  const csrfToken = newToken();
  const { idleMs, maxMs } = sessionTimes(settings);
  const expiresAt = new Date(now.getTime() + Math.min(idleMs, maxMs));
  await tx.insert(sessions).values({
    idHash: tokenHash(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip: client.ip.slice(0, 64),
    userAgent: client.userAgent.slice(0, 512),
    externalProvider: via?.provider ?? null,
    externalSubject: via?.subject ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * Why the session may do nothing but change the password: 'required' (an administrator set it),
 * 'expired' (older than the security policy's days); null when it may do anything its roles allow.
 */
export type PasswordChange = 'required' | 'expired' | null;

export interface ActiveSession {
  readonly idHash: string;
  /** The public reference the session lists show. */
  readonly ref: string;
  readonly passwordChange: PasswordChange;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly locale: string;
  readonly actor: Actor;
}

/** The live session for a token, with its actor; null if there is none or it expired. */
/**
 * The user of a live session token, without touching the session (no sliding expiry): for naming
 * whose cookie came with a refused request (a CSRF failure), never for letting it through.
 */
export async function sessionUserOf(ctx: AppContext, token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const [s] = await ctx.store.db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.idHash, tokenHash(token)), gt(sessions.expiresAt, ctx.now())));
  return s?.userId ?? null;
}

export async function resolveSession(
  ctx: AppContext,
  token: string,
): Promise<ActiveSession | null> {
  if (!TOKEN.test(token)) return null;
  const idHash = tokenHash(token);
  const db = ctx.store.db;
  const [s] = await db
    .select({
      userId: sessions.userId,
      ref: sessions.ref,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      locale: users.locale,
      mustChange: users.mustChangePassword,
      changedAt: sql<Date>`coalesce(${users.passwordChangedAt}, ${users.createdAt})`.mapWith(
        users.createdAt,
      ),
      expiryDays: securityPolicy.expiryDays,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(securityPolicy, eq(securityPolicy.id, 1))
    .where(eq(sessions.idHash, idHash))
    .prepare('resolve_session') // every request runs it (see src/app/db.ts)
    .execute();
  if (!s) return null;
  const now = ctx.now();
  const found = await actorRecord(db, s.userId);
  if (!found || found.disabled || s.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  let expiresAt = s.expiresAt;
  const { idleMs, maxMs } = sessionTimes(ctx.settings.sessions);
  const slid = new Date(Math.min(now.getTime() + idleMs, s.createdAt.getTime() + maxMs));
  // The sliding expiry writes at most once a minute.
  if (slid.getTime() - expiresAt.getTime() >= SLIDE_EVERY_MS) {
    expiresAt = slid;
    await db
      .update(sessions)
      .set({ expiresAt, lastSeenAt: now })
      .where(eq(sessions.idHash, idHash));
  }
  const expiryDays = s.expiryDays ?? ctx.settings.sessions.passwordExpiryDays;
  const passwordChange: PasswordChange = s.mustChange
    ? 'required'
    : passwordExpired({ expiryDays }, s.changedAt, now)
      ? 'expired'
      : null;
  return {
    idHash,
    ref: s.ref,
    passwordChange,
    csrfToken: s.csrfToken,
    createdAt: s.createdAt,
    expiresAt,
    locale: s.locale,
    actor: found.actor,
  };
}

/** Ends a session (sign-out). */
export async function deleteSession(ctx: AppContext, idHash: string): Promise<void> {
  await ctx.store.tx(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, idHash));
  });
}
