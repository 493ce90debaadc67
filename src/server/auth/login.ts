/**
 * Signing in with a username and password (argon2id), guarded twice:
 *
 * - Rate limit per client address: at most 10 attempts a minute, counted in login_attempts so that
 *   a restart does not reset it; the 11th gets AUTH_RATE_LIMITED with the seconds to wait.
 * - Lockout per account: 5 consecutive failures lock it for 15 minutes (users.failed_logins,
 *   locked_until); AUTH_LOCKED says until when. A success resets the count.
 *
 * An unknown username costs the same argon2 verification as a known one (against a dummy hash) and
 * gets the same AUTH_INVALID, so the answer does not reveal which usernames exist.
 */
import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, lt, min } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { ARGON2_OPTIONS } from '../../app/org.js';
import { loginAttempts, users } from '../../app/tables.js';
import { createSession, type NewSession, type SessionClient } from './sessions.js';

export const LOGIN_RATE = { max: 10, windowMs: 60 * 1000 } as const;
export const LOCKOUT = { after: 5, ms: 15 * 60 * 1000 } as const;

let dummyHash: Promise<string> | undefined;
/** A hash of a random password, to verify against when the username is unknown. */
function dummy(): Promise<string> {
  dummyHash ??= hash(randomBytes(24).toString('base64url'), ARGON2_OPTIONS);
  return dummyHash;
}

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function lockedError(until: Date, now: Date): AppError {
  const shown = CHINA_TIME.format(until);
  return new AppError(
    'AUTH_LOCKED',
    {
      lockedUntil: until.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
    },
    {
      zh: `连续 ${LOCKOUT.after} 次登录失败，账户已锁定至 ${shown}（北京时间）。请届时再试，或请管理员解锁。`,
      en: `${LOCKOUT.after} failed sign-ins in a row: the account is locked until ${shown} (Beijing time, UTC+8). Try again then, or ask an administrator to unlock it.`,
    },
  );
}

export interface LoginInput extends SessionClient {
  readonly username: string;
  readonly password: string;
}

export interface LoginResult extends NewSession {
  readonly userId: string;
}

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const ip = input.ip.slice(0, 64);
  const username = input.username.slice(0, 128);

  // 1. Rate limit by address, and note the attempt (failed until it succeeds). The advisory lock
  // makes the count and the insert atomic per address on both stores.
  const { attemptId, user } = await ctx.store
    .tx(async (tx, raw) => {
      await raw.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rongcuo-login:${ip}`]);
      const now = ctx.now();
      const since = new Date(now.getTime() - LOGIN_RATE.windowMs);
      const [window] = await tx
        .select({ n: count(), first: min(loginAttempts.at) })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, since)));
      if (window && window.n >= LOGIN_RATE.max) {
        const first = window.first ?? now;
        const wait = first.getTime() + LOGIN_RATE.windowMs - now.getTime();
        return { attemptId: null, user: null, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
      }
      // Keep the table small: a day of history per address is plenty.
      await tx
        .delete(loginAttempts)
        .where(
          and(eq(loginAttempts.ip, ip), lt(loginAttempts.at, new Date(now.getTime() - 86_400_000))),
        );
      const [attempt] = await tx
        .insert(loginAttempts)
        .values({ username, ip, at: now, succeeded: false })
        .returning({ id: loginAttempts.id });
      const [u] = await tx
        .select({
          id: users.id,
          passwordHash: users.passwordHash,
          lockedUntil: users.lockedUntil,
          disabled: users.disabled,
        })
        .from(users)
        .where(eq(users.username, username));
      return { attemptId: attempt!.id, user: u ?? null, retryAfter: 0 };
    })
    .then((r) => {
      if (r.attemptId === null) {
        throw new AppError('AUTH_RATE_LIMITED', { retryAfterSeconds: r.retryAfter });
      }
      return r;
    });

  // 2. A locked account is refused without looking at the password.
  const now = ctx.now();
  if (user?.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    throw lockedError(user.lockedUntil, now);
  }

  // 3. Verify outside any transaction (argon2 is slow on purpose).
  let ok = false;
  try {
    ok = await verify(user?.passwordHash ?? (await dummy()), input.password);
  } catch {
    ok = false; // a malformed stored hash opens nothing
  }
  if (!user) throw new AppError('AUTH_INVALID');

  // 4. Record the outcome on the account, and open the session on success.
  const outcome = await ctx.store.tx(async (tx) => {
    const t = ctx.now();
    const [u] = await tx
      .select({
        failedLogins: users.failedLogins,
        lockedUntil: users.lockedUntil,
        disabled: users.disabled,
      })
      .from(users)
      .where(eq(users.id, user.id))
      .for('update');
    if (!u) return { kind: 'invalid' as const };
    // A concurrent attempt may have locked the account meanwhile.
    if (u.lockedUntil && u.lockedUntil.getTime() > t.getTime()) {
      return { kind: 'locked' as const, until: u.lockedUntil };
    }
    if (ok && !u.disabled) {
      await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null })
        .where(eq(users.id, user.id));
      await tx
        .update(loginAttempts)
        .set({ succeeded: true })
        .where(eq(loginAttempts.id, attemptId));
      const session = await createSession(tx, user.id, input, t);
      return { kind: 'ok' as const, session };
    }
    if (u.disabled) return { kind: 'invalid' as const };
    // The count was reset when the account was last locked, so after a lock has run out it
    // starts again from zero; the run-out lock itself is cleared here.
    const failed = u.failedLogins + 1;
    const lockedUntil = failed >= LOCKOUT.after ? new Date(t.getTime() + LOCKOUT.ms) : null;
    await tx
      .update(users)
      .set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil })
      .where(eq(users.id, user.id));
    return lockedUntil
      ? { kind: 'locked' as const, until: lockedUntil }
      : { kind: 'invalid' as const };
  });
  if (outcome.kind === 'ok') return { ...outcome.session, userId: user.id };
  if (outcome.kind === 'locked') throw lockedError(outcome.until, ctx.now());
  throw new AppError('AUTH_INVALID');
}
