/**
 * The throttle of one's own reset of one-time codes (own.ts; migration 0037): the wrong codes
 * given to it are counted on the user's totp_secrets row from the first of a window of
 * RONGCUO_TOTP_RESET_WINDOW_MINUTES (15); after RONGCUO_TOTP_RESET_ATTEMPTS (5) of them the reset
 * is refused until the window is over (TOTP_RESET_THROTTLED, recorded as 'totp.failed'). Without
 * it, whoever held a session could try codes without end: the sign-in's ticket counts its wrong
 * codes, the reset did not. The session is not ended: whoever holds it may be the owner who
 * mistyped; a guesser holding it gets five tries a quarter of an hour.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../store/index.js';
import type { Settings } from '../../config/index.js';
import type { Schema } from '../tables.js';
import { totpSecrets } from './tables.js';

/** The throttle's limits, from the settings. */
export interface ResetLimits {
  readonly attempts: number;
  readonly windowMs: number;
}

export function resetLimits(s: Settings['twoFactors']): ResetLimits {
  return { attempts: s.resetAttempts, windowMs: s.resetWindowMinutes * 60_000 };
}

export interface ResetWindow {
  readonly limits: ResetLimits;
  /** Wrong codes in the window still open (0 when none is). */
  readonly failures: number;
  /** The first wrong code of the open window, if one is open. */
  readonly from: Date | null;
}

/** The user's open window (the row locked), or none. */
export async function resetWindow(
  tx: Tx<Schema>,
  userId: string,
  now: Date,
  limits: ResetLimits,
): Promise<ResetWindow> {
  const [row] = await tx
    .select({ failures: totpSecrets.resetFailures, from: totpSecrets.resetFailedFrom })
    .from(totpSecrets)
    .where(eq(totpSecrets.userId, userId))
    .for('update');
  const open = row?.from != null && now.getTime() - row.from.getTime() < limits.windowMs;
  return open
    ? { limits, failures: row.failures, from: row.from }
    : { limits, failures: 0, from: null };
}

/** When the reset is refused until, or null when it may be tried. */
export function throttledUntil(w: ResetWindow): Date | null {
  if (w.failures < w.limits.attempts || !w.from) return null;
  return new Date(w.from.getTime() + w.limits.windowMs);
}

/** Counts a wrong code (committed with the refusal's transaction); returns the tries left. */
export async function countWrongReset(
  tx: Tx<Schema>,
  userId: string,
  w: ResetWindow,
  now: Date,
): Promise<number> {
  const failures = w.failures + 1;
  await tx
    .update(totpSecrets)
    .set({ resetFailures: failures, resetFailedFrom: w.from ?? now })
    .where(eq(totpSecrets.userId, userId));
  return Math.max(0, w.limits.attempts - failures);
}
