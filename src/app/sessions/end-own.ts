/**
 * A user ends their own sessions: one of them by its reference (another device left signed in),
 * or every one but the session they are using (退出其他会话). Ending the current one is signing
 * out (POST /api/auth/logout), which also clears the cookie.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { sessions } from '../tables.js';

/** Ends one of the caller's sessions by its reference; 404 SESSION_NOT_FOUND when none. */
export async function endOwnSession(ctx: AppContext, actor: Actor, ref: string): Promise<void> {
  const ended = await ctx.store.tx((tx) =>
    tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), eq(sessions.ref, ref)))
      .returning({ ref: sessions.ref }),
  );
  if (ended.length === 0) throw new AppError('SESSION_NOT_FOUND', { sessionId: ref });
}

/** Ends every session of the caller but `currentIdHash`; returns how many ended. */
export async function endOtherSessions(
  ctx: AppContext,
  actor: Actor,
  currentIdHash: string,
): Promise<number> {
  const ended = await ctx.store.tx((tx) =>
    tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), ne(sessions.idHash, currentIdHash)))
      .returning({ ref: sessions.ref }),
  );
  return ended.length;
}
