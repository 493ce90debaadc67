/**
 * The live sessions of a user, newest first: when each began and was last used, from which
 * address and browser, until when it runs, and which one is the caller's own. A user reads their
 * own; the security administrator reads those of a user inside their scope (logged in read_log).
 * A session opened through the unified identity platform names the identity (migration 0036);
 * one opened with the username and password names none.
 * The token and its hash never leave the server: a session is named by its `ref`.
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { ExternalRef } from '../../shared/sso.js';
import type { Db, SqlRunner, Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { userInScopes } from '../admin/scope.js';
import { readLog, sessions, type Schema } from '../tables.js';
import { requireSecurityAdmin } from './security-admin.js';

export interface SessionView {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly ip: string;
  readonly userAgent: string;
  /** The session this request came with. */
  readonly current: boolean;
  /** The platform identity whose sign-in opened it; null: the username and password. */
  readonly signedInWith: ExternalRef | null;
}

/** The user's live sessions, presented (newest first). */
export async function liveSessions(
  db: Db<Schema> | Tx<Schema>,
  userId: string,
  now: Date,
  currentIdHash: string | null,
): Promise<SessionView[]> {
  const rows = await db
    .select({
      idHash: sessions.idHash,
      ref: sessions.ref,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      externalProvider: sessions.externalProvider,
      externalSubject: sessions.externalSubject,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt), desc(sessions.ref));
  return rows.map((r) => ({
    id: r.ref,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.idHash === currentIdHash,
    signedInWith:
      r.externalProvider && r.externalSubject
        ? { provider: r.externalProvider, subject: r.externalSubject }
        : null,
  }));
}

/** The caller's own live sessions, theirs marked `current`. */
export async function listOwnSessions(
  ctx: AppContext,
  actor: Actor,
  currentIdHash: string,
): Promise<SessionView[]> {
  return liveSessions(ctx.store.db, actor.userId, ctx.now(), currentIdHash);
}

/**
 * Asserts the user lies inside the security administrator's scopes (404 USER_NOT_FOUND
 * otherwise, as for the system administrator: a user outside does not exist for them).
 */
export async function userInSecurityScope(
  raw: SqlRunner,
  scopes: readonly string[],
  userId: string,
): Promise<{ id: string; username: string }> {
  const r = await raw.query<{ id: string; username: string }>(
    sql`SELECT u.id, u.username FROM users u WHERE u.id = ${userId} AND ${userInScopes(scopes)}`,
  );
  const row = r.rows[0];
  if (!row) throw new AppError('USER_NOT_FOUND', { userId });
  return row;
}

/** The live sessions of a user inside the security administrator's scope (the read logged). */
export async function listUserSessions(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<SessionView[]> {
  const scopes = requireSecurityAdmin(actor);
  return ctx.store.tx(async (tx, raw) => {
    await userInSecurityScope(raw, scopes, userId);
    const now = ctx.now();
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'admin.user.sessions',
      at: now,
    });
    return liveSessions(tx, userId, now, null);
  });
}
