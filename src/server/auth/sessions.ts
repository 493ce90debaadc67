/**
 * Server-side sessions. The client holds a random 32-byte token (in an HttpOnly cookie, or as a
 * Bearer token for API clients); the sessions table holds only its SHA-256, so a copy of the
 * table opens no session. Each session has its own CSRF token.
 *
 * Lifetime: a session expires after 8 hours without use (sliding: each request moves the expiry
 * to 8 hours later, written at most once a minute), and in any case 7 days after sign-in
 * (absolute cap), after which the user signs in again. Expired sessions are deleted when met.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../../app/context.js';
import { actorRecord } from '../../app/org.js';
import { sessions, users, type Schema } from '../../app/tables.js';

/** Idle timeout: 8 hours, one working day. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** Absolute cap: 7 days after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
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

/** Opens a session for a user (in the caller's transaction). */
export async function createSession(
  tx: Tx<Schema>,
  userId: string,
  client: SessionClient,
  now: Date,
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await tx.insert(sessions).values({
    idHash: tokenHash(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip: client.ip.slice(0, 64),
    userAgent: client.userAgent.slice(0, 512),
  });
  // Housekeeping: the user's own expired sessions go.
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  readonly idHash: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly locale: string;
  readonly actor: Actor;
}

/** The live session for a token, with its actor; null if there is none or it expired. */
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
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
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
  const slid = new Date(
    Math.min(now.getTime() + SESSION_IDLE_MS, s.createdAt.getTime() + SESSION_MAX_MS),
  );
  // The sliding expiry writes at most once a minute.
  if (slid.getTime() - expiresAt.getTime() >= SLIDE_EVERY_MS) {
    expiresAt = slid;
    await db
      .update(sessions)
      .set({ expiresAt, lastSeenAt: now })
      .where(eq(sessions.idHash, idHash));
  }
  return {
    idHash,
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
