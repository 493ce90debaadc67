/**
 * The security administrator ends a user's sessions: one by its reference, or all of them (a lost
 * laptop, a departure). The user must be inside the administrator's scope (404 otherwise); the act
 * and the sessions it ended go to the administration trail in the same transaction.
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { recordAdminEvent } from '../admin/events.js';
import { roleGrants, sessions } from '../tables.js';
import { userInSecurityScope } from './list.js';
import { requireSecurityAdmin } from './security-admin.js';

/** Ends the user's session `ref`, or every session of theirs when `ref` is 'all'; returns how many. */
export async function endUserSessions(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  ref: string | 'all',
): Promise<number> {
  const scopes = requireSecurityAdmin(actor);
  return ctx.store.tx(async (tx, raw) => {
    await userInSecurityScope(raw, scopes, userId);
    const which =
      ref === 'all'
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), eq(sessions.ref, ref));
    const ended = await tx.delete(sessions).where(which).returning({ ref: sessions.ref });
    if (ref !== 'all' && ended.length === 0) {
      throw new AppError('SESSION_NOT_FOUND', { sessionId: ref });
    }
    const [placed] = await tx
      .select({ path: roleGrants.scopePath })
      .from(roleGrants)
      .where(eq(roleGrants.userId, userId))
      .limit(1);
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'session.ended_by_admin',
      at: ctx.now(),
      userId,
      details: { by: actor.userId, ended: ended.length },
    });
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'user.sessions_end',
        targetKind: 'user',
        targetId: userId,
        scopePath: placed?.path ?? '',
        at: ctx.now(),
        payload: { sessions: ended.map((e) => e.ref), all: ref === 'all' },
      },
      ctx.settings.crypto.trailHash,
    );
    return ended.length;
  });
}
