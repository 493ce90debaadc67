/**
 * The one-time codes themselves (RFC 6238 through `otpauth`): a 160-bit secret, 6 digits every
 * 30 seconds (what every authenticator app reads from the otpauth:// URI), one step of clock
 * drift allowed either way, and recovery codes. Pure: the clock is passed in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Role } from '../../shared/roles.js';
import { ADMINISTRATOR_ROLES } from '../../shared/roles.js';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Recovery codes a user gets (each used once). */
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes one sign-in ticket allows before the password is asked again. */
export const TICKET_ATTEMPTS = 5;

/** A fresh secret, base32 (what the authenticator app's manual entry takes). */
export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the QR code carries. */
export function otpauthUri(secret: string, issuer: string, username: string): string {
  return new TOTP({
    issuer,
    label: username,
    secret: Secret.fromBase32(secret),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
  }).toString();
}

/** The 30-second step an instant falls in. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD);
}

/** The code of `secret` at `now` (tests and the demo's browser tests compute codes with it). */
export function codeAt(secret: string, now: Date): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    timestamp: now.getTime(),
  });
}

/** The step a code is right for (now, or one step either side), or null when it is wrong. */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    timestamp: now.getTime(),
    window: 1,
  });
  return delta === null ? null : stepAt(now) + delta;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

/** Ten fresh recovery codes, `xxxxx-xxxxx` (about 49 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** A recovery code as typed: lower case, spaces and dashes ignored. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** What the table keeps of a recovery code. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}

/** Whether a typed answer is a TOTP code (6 digits) rather than a recovery code. */
export function isTotpCode(answer: string): boolean {
  return /^\d{6}$/.test(answer.replace(/\s/g, ''));
}

/** Whether users holding `roles` must sign in with a second factor, by the installation's setting. */
export function totpRequired(requiredFor: 'admins' | 'all', roles: readonly Role[]): boolean {
  return requiredFor === 'all' || roles.some((r) => ADMINISTRATOR_ROLES.includes(r));
}
