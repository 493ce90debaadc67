/**
 * A user's second factor: setting it up (a secret shown once, confirmed by one code, then ten
 * recovery codes shown once), checking an answer (a code, or a recovery code used once), and
 * reading where the user stands. The secret is kept in its own table (totp_secrets, migration
 * 0033), sealed under the key ring when encryption is on (secret-store.ts, migration 0037); the
 * recovery codes only as their SHA-256.
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import { and, eq, isNull, count } from 'drizzle-orm';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { roleGrants, type Schema } from '../tables.js';
import type { Role } from '../../shared/roles.js';
import { openSecret, sealSecret } from './secret-store.js';
import { totpRecoveryCodes, totpSecrets } from './tables.js';
import {
  isTotpCode,
  matchingStep,
  newRecoveryCodes,
  newSecret,
  otpauthUri,
  recoveryCodeHash,
  totpRequired,
} from './totp.js';

export interface Enrolment {
  /** The secret in base32, for typing into the app by hand. */
  readonly secret: string;
  /** The otpauth:// URI (the QR code's content). */
  readonly otpauthUri: string;
}

export interface TwoFactorStatus {
  readonly enrolled: boolean;
  readonly required: boolean;
  readonly recoveryCodesLeft: number;
}

/** The roles a user holds (any scope). */
export async function rolesOf(tx: Tx<Schema>, userId: string): Promise<Role[]> {
  const rows = await tx
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId));
  return rows.map((r) => r.role as Role);
}

/** Whether the user must sign in with a second factor, by their roles and the setting. */
export async function requiredFor(ctx: AppContext, tx: Tx<Schema>, userId: string) {
  return totpRequired(ctx.settings.twoFactors.totpRequiredFor, await rolesOf(tx, userId));
}

/** Whether the user has a confirmed second factor. */
export async function enrolled(tx: Tx<Schema>, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ confirmedAt: totpSecrets.confirmedAt })
    .from(totpSecrets)
    .where(eq(totpSecrets.userId, userId));
  return row?.confirmedAt != null;
}

/**
 * Starts (or starts again) setting up: a fresh secret, not confirmed. Refused when the user already
 * has a confirmed one (they reset it first, with a code).
 */
export async function beginEnrolment(
  ctx: AppContext,
  tx: Tx<Schema>,
  userId: string,
  username: string,
): Promise<Enrolment> {
  if (await enrolled(tx, userId)) throw new AppError('TOTP_ALREADY_ENROLLED');
  const secret = newSecret();
  const row = {
    ...sealSecret(ctx, userId, secret),
    createdAt: ctx.now(),
    confirmedAt: null,
    lastStep: 0,
  };
  await tx
    .insert(totpSecrets)
    .values({ userId, ...row })
    .onConflictDoUpdate({ target: totpSecrets.userId, set: row });
  const issuer = ctx.settings.twoFactors.issuer ?? '容错纠错';
  return { secret, otpauthUri: otpauthUri(secret, issuer, username) };
}

/**
 * Confirms the setup with one code from the app: the secret counts from now on and ten recovery
 * codes replace any before. Returns the codes (shown once). Returns null when the code is wrong
 * (the caller decides what a wrong code costs).
 */
export async function confirmEnrolment(
  ctx: AppContext,
  tx: Tx<Schema>,
  userId: string,
  code: string,
): Promise<string[] | null> {
  const [row] = await tx
    .select()
    .from(totpSecrets)
    .where(eq(totpSecrets.userId, userId))
    .for('update');
  if (!row) throw new AppError('TOTP_NOT_ENROLLED');
  if (row.confirmedAt) throw new AppError('TOTP_ALREADY_ENROLLED');
  const now = ctx.now();
  const step = matchingStep(openSecret(ctx, userId, row), code.replace(/\s/g, ''), now);
  if (step === null) return null;
  await tx
    .update(totpSecrets)
    .set({ confirmedAt: now, lastStep: step })
    .where(eq(totpSecrets.userId, userId));
  await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  const codes = newRecoveryCodes();
  for (const c of codes) {
    await tx.insert(totpRecoveryCodes).values({ userId, codeHash: recoveryCodeHash(c) });
  }
  await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
    kind: 'totp.enrolled',
    at: now,
    userId,
  });
  return codes;
}

/**
 * Checks a second-factor answer against the user's confirmed secret: a 6-digit code (accepted once:
 * its step must be later than the last accepted) or an unused recovery code (then used up).
 * 'totp' or 'recovery' when right, null when wrong.
 */
export async function checkAnswer(
  ctx: AppContext,
  tx: Tx<Schema>,
  userId: string,
  answer: string,
): Promise<'totp' | 'recovery' | null> {
  const [row] = await tx
    .select()
    .from(totpSecrets)
    .where(eq(totpSecrets.userId, userId))
    .for('update');
  if (!row?.confirmedAt) return null;
  const now = ctx.now();
  if (isTotpCode(answer)) {
    const step = matchingStep(openSecret(ctx, userId, row), answer.replace(/\s/g, ''), now);
    if (step === null || step <= row.lastStep) return null;
    await tx.update(totpSecrets).set({ lastStep: step }).where(eq(totpSecrets.userId, userId));
    return 'totp';
  }
  const used = await tx
    .update(totpRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(totpRecoveryCodes.userId, userId),
        eq(totpRecoveryCodes.codeHash, recoveryCodeHash(answer)),
        isNull(totpRecoveryCodes.usedAt),
      ),
    )
    .returning({ userId: totpRecoveryCodes.userId });
  if (used.length === 0) return null;
  await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
    kind: 'totp.recovery_used',
    at: now,
    userId,
  });
  return 'recovery';
}

/** Removes a user's second factor and recovery codes (a reset). */
export async function removeSecondFactor(tx: Tx<Schema>, userId: string): Promise<boolean> {
  const gone = await tx
    .delete(totpSecrets)
    .where(eq(totpSecrets.userId, userId))
    .returning({ userId: totpSecrets.userId });
  await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  return gone.length > 0;
}

/** Where the user stands: enrolled, required, recovery codes left. */
export async function twoFactorStatus(
  ctx: AppContext,
  tx: Tx<Schema>,
  userId: string,
): Promise<TwoFactorStatus> {
  const isEnrolled = await enrolled(tx, userId);
  const [left] = await tx
    .select({ n: count() })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)));
  return {
    enrolled: isEnrolled,
    required: await requiredFor(ctx, tx, userId),
    recoveryCodesLeft: isEnrolled ? (left?.n ?? 0) : 0,
  };
}
