/**
 * A signed-in user's own second factor: where they stand, setting it up (when they have none),
 * and resetting it with a current code or recovery code (to move to another phone: reset, then
 * set up again). A reset by someone else is the security administrator's (admin/two-factor-reset).
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import {
  beginEnrolment,
  checkAnswer,
  confirmEnrolment,
  removeSecondFactor,
  twoFactorStatus,
  type Enrolment,
  type TwoFactorStatus,
} from './enrol.js';

export function ownTwoFactor(ctx: AppContext, actor: Actor): Promise<TwoFactorStatus> {
  return ctx.store.tx((tx) => twoFactorStatus(ctx, tx, actor.userId), { readOnly: true });
}

export function startOwnEnrolment(ctx: AppContext, actor: Actor): Promise<Enrolment> {
  return ctx.store.tx((tx) => beginEnrolment(ctx, tx, actor.userId, actor.username));
}

/** Confirms one's own setup with a code; the recovery codes, shown once. */
export async function confirmOwnEnrolment(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<string[]> {
  const codes = await ctx.store.tx((tx) => confirmEnrolment(ctx, tx, actor.userId, code.trim()));
  if (!codes) throw new AppError('TOTP_CODE_WRONG');
  return codes;
}

/** Removes one's own second factor, proven by a current code or an unused recovery code. */
export async function resetOwnTwoFactor(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<TwoFactorStatus> {
  const done = await ctx.store.tx(async (tx) => {
    const how = await checkAnswer(ctx, tx, actor.userId, code.trim());
    if (!how) return false;
    await removeSecondFactor(tx, actor.userId);
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'totp.reset',
      at: ctx.now(),
      userId: actor.userId,
      details: { by: 'self', proof: how },
    });
    return true;
  });
  if (!done) {
    // Recorded as 'totp.failed' on the error path (src/server/security-events.ts).
    throw new AppError('TOTP_CODE_WRONG');
  }
  return ownTwoFactor(ctx, actor);
}
