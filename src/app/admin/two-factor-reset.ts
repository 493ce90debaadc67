/**
 * The security administrator removes a user's second factor (a lost phone): the secret and the
 * recovery codes go, the user's sessions end, and at the next sign-in a user who must use two
 * factors sets them up again. One transaction with its admin_events row. Nobody resets their own
 * this way (they use their own code: src/app/two-factors/own.ts).
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { sessions } from '../tables.js';
import { removeSecondFactor } from '../two-factors/enrol.js';
import { loginTickets } from '../two-factors/tables.js';
import { requireSecurityAdmin } from './scope.js';
import { event, writeUser, type AdminUserDetail } from './users.js';

export function resetTwoFactorOf(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<AdminUserDetail> {
  return writeUser(
    ctx,
    actor,
    userId,
    async (tx) => {
      if (userId === actor.userId) {
        throw new AppError(
          'GRANTS_SELF',
          {},
          {
            zh: '不能在此重置自己的动态口令；请在“账户安全”中用当前口令或恢复码重置，或请另一名安全管理员操作。',
            en: 'You cannot reset your own one-time codes here; reset them under Account security with a current code or recovery code, or ask another security administrator.',
          },
        );
      }
      const had = await removeSecondFactor(tx, userId);
      if (!had) return;
      await tx.delete(loginTickets).where(eq(loginTickets.userId, userId));
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await event(tx, ctx, actor, userId, 'user.totp_reset');
      await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
        kind: 'totp.reset',
        at: ctx.now(),
        userId,
        details: { by: actor.userId },
      });
    },
    requireSecurityAdmin,
  );
}
