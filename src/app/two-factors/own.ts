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
import { countWrongReset, resetLimits, resetWindow, throttledUntil } from './reset-throttle.js';

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

/**
 * Removes one's own second factor, proven by a current code or an unused recovery code; wrong
 * codes are counted and, past RONGCUO_TOTP_RESET_ATTEMPTS in a window, the reset is refused
 * (reset-throttle.ts).
 */
export async function resetOwnTwoFactor(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<TwoFactorStatus> {
  const r = await ctx.store.tx(async (tx) => {
    const now = ctx.now();
    const limits = resetLimits(ctx.settings.twoFactors);
    const window = await resetWindow(tx, actor.userId, now, limits);
    const until = throttledUntil(window);
    if (until) return { kind: 'throttled' as const, until };
    const how = await checkAnswer(ctx, tx, actor.userId, code.trim());
    if (!how) {
      return { kind: 'wrong' as const, left: await countWrongReset(tx, actor.userId, window, now) };
    }
    await removeSecondFactor(tx, actor.userId);
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'totp.reset',
      at: now,
      userId: actor.userId,
      details: { by: 'self', proof: how },
    });
    return { kind: 'done' as const };
  });
  // Both refusals are recorded as 'totp.failed' on the error path (src/server/security-events.ts).
  if (r.kind === 'throttled') throw throttled(r.until, ctx.now());
  if (r.kind === 'wrong') throw new AppError('TOTP_CODE_WRONG', { attemptsLeft: r.left });
  return ownTwoFactor(ctx, actor);
}

function throttled(until: Date, now: Date): AppError {
  return new AppError('TOTP_RESET_THROTTLED', {
    until: until.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
}
