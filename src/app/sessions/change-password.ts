/**
 * A user changes their own password: the current one is required (a session left open must not
 * let a passer-by take the account), the new one must keep the security policy's rules and be
 * none of the last N (argon2id hashes in password_history; the current one always counts). In one
 * transaction the hash changes, the must-change mark (an administrator's password, or an expired
 * one) is cleared, the change is dated for the expiry, the hash joins the history, and every other
 * session of the user ends: whoever knew the old password is signed out, this session goes on.
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { ARGON2_OPTIONS } from '../org.js';
import {
  checkNotReused,
  checkPassword,
  readPasswordPolicy,
  rememberPassword,
} from '../admin/password.js';
import { passwordHistory, sessions, users } from '../tables.js';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

async function matches(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

/** Changes the caller's password; returns how many of their other sessions ended. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  currentIdHash: string,
  input: ChangePasswordInput,
): Promise<{ sessionsEnded: number }> {
  const [u] = await ctx.store.db
    .select({
      username: users.username,
      passwordHash: users.passwordHash,
      createdAt: users.createdAt,
      changedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!u) throw new AppError('AUTH_REQUIRED');
  // argon2 outside any transaction: it is slow on purpose.
  if (!(await matches(u.passwordHash, input.currentPassword))) {
    throw new AppError('PASSWORD_CURRENT_WRONG', { field: 'currentPassword' });
  }
  const policy = await readPasswordPolicy(ctx);
  checkPassword(policy, input.newPassword, u.username, 'newPassword');
  if (await matches(u.passwordHash, input.newPassword)) {
    throw new AppError(
      'PASSWORD_REUSED',
      { field: 'newPassword', historyCount: policy.historyCount },
      {
        zh: '新密码不能与当前密码相同，请另设一个。',
        en: 'The new password may not be the current one; choose another.',
      },
    );
  }
  await checkNotReused(ctx, policy, actor.userId, input.newPassword);
  const newHash = await hash(input.newPassword, ARGON2_OPTIONS);
  return ctx.store.tx(async (tx) => {
    const now = ctx.now();
    // A password set before the history was kept joins it first, dated when it was set.
    const [kept] = await tx
      .select({ n: count() })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, actor.userId));
    if ((kept?.n ?? 0) === 0) {
      await rememberPassword(tx, actor.userId, u.passwordHash, u.changedAt ?? u.createdAt);
    }
    await tx
      .update(users)
      .set({ passwordHash: newHash, mustChangePassword: false, passwordChangedAt: now })
      .where(eq(users.id, actor.userId));
    await rememberPassword(tx, actor.userId, newHash, now);
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), ne(sessions.idHash, currentIdHash)))
      .returning({ ref: sessions.ref });
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'password.changed',
      at: now,
      userId: actor.userId,
      details: { sessionsEnded: ended.length },
    });
    return { sessionsEnded: ended.length };
  });
}
