/**
 * The sessions an identity of the unified identity platform opened (migration 0036: the session
 * records the identity whose sign-in opened it, directly or through the second step). Unlinking
 * the identity ends them, and voids its pending second-step tickets, in the unlink's transaction;
 * the count goes to the security events as `session.ended_by_admin`.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { ExternalRef } from '../../shared/sso.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { sessions, type Schema } from '../tables.js';
import { recordSecurityEventIn } from '../trails/security-events.js';
import { loginTickets } from '../two-factors/tables.js';

/** Ends the user's sessions (and tickets) that `via` opened; returns how many sessions ended. */
export async function endSessionsOpenedBy(
  ctx: AppContext,
  tx: Tx<Schema>,
  actor: Actor,
  userId: string,
  via: ExternalRef,
): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        eq(sessions.externalProvider, via.provider),
        eq(sessions.externalSubject, via.subject),
      ),
    )
    .returning({ ref: sessions.ref });
  await tx
    .delete(loginTickets)
    .where(
      and(
        eq(loginTickets.userId, userId),
        eq(loginTickets.externalProvider, via.provider),
        eq(loginTickets.externalSubject, via.subject),
      ),
    );
  if (ended.length > 0) {
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'session.ended_by_admin',
      at: ctx.now(),
      userId,
      details: {
        by: actor.userId,
        ended: ended.length,
        reason: 'identity_unlinked',
        provider: via.provider,
        subject: via.subject,
      },
    });
  }
  return ended.length;
}
