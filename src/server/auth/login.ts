/**
 * Signing in with a username and password (argon2id), guarded twice:
 *
 * - Rate limit per client address: at most 10 attempts a minute, counted in login_attempts so that
 *   a restart does not reset it; the 11th gets AUTH_RATE_LIMITED with the seconds to wait. The
 *   refusals of one window are recorded as at most two security events per username tried (the
 *   first, and a summary with their count: src/app/trails/rate-limited.ts).
 * - Lockout per (account, address) pair, as OWASP's Authentication Cheat Sheet advises: 5
 *   consecutive failures from one address lock the account **for that address** for 15 minutes
 *   (login_throttle, migration 0008); AUTH_LOCKED says until when. A lock per account alone let
 *   anyone lock anyone out by five wrong passwords from five addresses; locking the pair keeps the
 *   owner able to sign in from their own computer while a guesser is stopped, and a guesser with
 *   many addresses is still bounded by the per-address rate limit. (A progressive delay instead of
 *   a lock was not chosen: it holds a connection open per guess and says less to the user.) A
 *   success from an address resets that address's count. users.failed_logins / locked_until keep
 *   the administrator's summary (failures since the last success, the latest lock of any address);
 *   an administrator's unlock or password reset clears every pair.
 *
 * An unknown username costs the same argon2 verification as a known one (against a dummy hash) and
 * gets the same AUTH_INVALID, so the answer does not reveal which usernames exist.
 */
import { beijingDateTime } from '../../shared/time.js';
import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, lt, max, min, or } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../app/context.js';
import type { Tx } from '../../store/index.js';
import { AppError } from '../../app/errors.js';
import { ARGON2_OPTIONS } from '../../app/org.js';
import { loginThrottle } from '../../app/login-throttle.js';
import { loginAttempts, users, type Schema } from '../../app/tables.js';
import {
  recordSecurityEvent,
  recordSecurityEventIn,
  type SecurityEventInput,
} from '../../app/trails/security-events.js';
import { noteRateLimited } from '../../app/trails/rate-limited.js';
import { createSession, type NewSession, type SessionClient } from './sessions.js';
import { secondFactorStep, type SecondFactorNeeded } from './second-factor.js';

export const LOGIN_RATE = { max: 10, windowMs: 60 * 1000 } as const;
export const LOCKOUT = { after: 5, ms: 15 * 60 * 1000 } as const;

let dummyHash: Promise<string> | undefined;
/** A hash of a random password, to verify against when the username is unknown. */
function dummy(): Promise<string> {
  dummyHash ??= hash(randomBytes(24).toString('base64url'), ARGON2_OPTIONS);
  return dummyHash;
}

export function lockedError(until: Date, now: Date): AppError {
  const shown = beijingDateTime(until);
  return new AppError(
    'AUTH_LOCKED',
    {
      lockedUntil: until.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
    },
    {
      zh: `从本地址连续 ${LOCKOUT.after} 次登录失败，账户已锁定至 ${shown}（北京时间），此前不能从本地址登录。请届时再试，或请管理员解锁。`,
      en: `${LOCKOUT.after} failed sign-ins in a row from this address: the account is locked until ${shown} (Beijing time, UTC+8) for this address. Try again then, or ask an administrator to unlock it.`,
    },
  );
}

export interface LoginInput extends SessionClient {
  readonly username: string;
  readonly password: string;
  /** The request's id, for the security event (src/app/trails/security-events.ts). */
  readonly requestId?: string;
}

/** The security event of a sign-in's outcome (never the password). */
function signInEvent(
  ctx: AppContext,
  input: LoginInput,
  kind: SecurityEventInput['kind'],
  more: { userId?: string; details?: Record<string, unknown> } = {},
): SecurityEventInput {
  return {
    kind,
    at: ctx.now(),
    username: input.username,
    ip: input.ip,
    userAgent: input.userAgent,
    method: 'POST',
    route: '/api/auth/login',
    requestId: input.requestId ?? '',
    ...more,
  };
}

export interface LoginResult extends NewSession {
  readonly kind: 'session';
  readonly userId: string;
}

/**
 * A session, or — for a user with a second factor or who must have one — the ticket of the second
 * step (second-factor.ts), never a session.
 */
export async function login(
  ctx: AppContext,
  input: LoginInput,
): Promise<LoginResult | SecondFactorNeeded> {
  const ip = input.ip.slice(0, 64);
  const username = input.username.slice(0, 128);

  // 0. Local passwords turned off (single sign-on only): refused before anything is read, except
  //    the break-glass accounts the installation names (src/config/areas/sso.ts).
  const sso = ctx.settings.sso;
  if (!sso.localPasswords && !sso.breakGlassUsers.includes(username)) {
    // Recorded as 'login.local_password_refused' on the error path (../security-events.ts).
    throw new AppError('LOCAL_PASSWORDS_OFF');
  }

  // 1. Rate limit by address, note the attempt, read the account and this address's lock.
  const { attemptId, user, pairLockedUntil } = await admit(ctx, ip, username, input);

  // 2. An account locked for this address is refused without looking at the password.
  const now = ctx.now();
  if (pairLockedUntil && pairLockedUntil.getTime() > now.getTime()) {
    await recordSecurityEvent(ctx, signInEvent(ctx, input, 'login.locked', { userId: user!.id }));
    throw lockedError(pairLockedUntil, now);
  }

  // 3. Verify outside any transaction (argon2 is slow on purpose).
  let ok = false;
  try {
    ok = await verify(user?.passwordHash ?? (await dummy()), input.password);
  } catch {
    ok = false; // a malformed stored hash opens nothing
  }
  if (!user) {
    await recordSecurityEvent(ctx, signInEvent(ctx, input, 'login.unknown_user'));
    throw new AppError('AUTH_INVALID');
  }

  // 4. Record the outcome for the pair and the account, and open the session on success.
  const outcome = await ctx.store.tx(async (tx) => {
    const t = ctx.now();
    // The account's row serializes concurrent attempts on it.
    const [u] = await tx
      .select({ disabled: users.disabled, failedLogins: users.failedLogins })
      .from(users)
      .where(eq(users.id, user.id))
      .for('update');
    if (!u) return { kind: 'invalid' as const, disabled: false };
    const pair = await readPair(tx, user.id, ip);
    // A concurrent attempt may have locked the pair meanwhile.
    if (pair?.lockedUntil && pair.lockedUntil.getTime() > t.getTime()) {
      return { kind: 'locked' as const, until: pair.lockedUntil };
    }
    if (ok && !u.disabled) {
      await succeeded(tx, user.id, ip, attemptId, t);
      // Two factors: the one branch after a verified password.
      const second = await secondFactorStep(ctx, tx, user.id, input, t);
      if (second) return { kind: 'second' as const, second };
      const session = await createSession(tx, ctx.settings, user.id, input, t);
      const alg = ctx.settings.crypto.trailHash;
      await recordSecurityEventIn(
        tx,
        alg,
        signInEvent(ctx, input, 'login.succeeded', { userId: user.id }),
      );
      return { kind: 'ok' as const, session };
    }
    if (u.disabled) return { kind: 'invalid' as const, disabled: true };
    const lockedUntil = await failed(tx, {
      userId: user.id,
      ip,
      pair,
      accountFailures: u.failedLogins,
      t,
    });
    return lockedUntil
      ? { kind: 'locked' as const, until: lockedUntil }
      : { kind: 'invalid' as const, disabled: false };
  });
  if (outcome.kind === 'ok') return { kind: 'session', ...outcome.session, userId: user.id };
  if (outcome.kind === 'second') return outcome.second;
  if (outcome.kind === 'locked') {
    await recordSecurityEvent(ctx, signInEvent(ctx, input, 'login.locked', { userId: user.id }));
    throw lockedError(outcome.until, ctx.now());
  }
  await recordSecurityEvent(
    ctx,
    signInEvent(ctx, input, 'login.failed', {
      userId: user.id,
      details: { reason: outcome.disabled ? 'disabled' : 'password' },
    }),
  );
  throw new AppError('AUTH_INVALID');
}

/**
 * The rate limit by address, and the attempt noted (failed until it succeeds); then the account
 * and its lock for this address. The advisory lock makes the count and the insert atomic per
 * address on both stores. Throws AUTH_RATE_LIMITED with the seconds to wait.
 */
async function admit(ctx: AppContext, ip: string, username: string, input: LoginInput) {
  const r = await ctx.store.tx(async (tx, raw) => {
    await raw.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rongcuo-login:${ip}`]);
    const now = ctx.now();
    const since = new Date(now.getTime() - LOGIN_RATE.windowMs);
    const [window] = await tx
      .select({ n: count(), first: min(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, since)));
    if (window && window.n >= LOGIN_RATE.max) {
      const ends = new Date((window.first ?? now).getTime() + LOGIN_RATE.windowMs);
      // One row for the window's first refusal, the rest counted (trails/rate-limited.ts).
      const event = { ...signInEvent(ctx, input, 'login.rate_limited'), ip, username };
      await noteRateLimited(tx, ctx.settings.crypto.trailHash, event, ends);
      const wait = ends.getTime() - now.getTime();
      return { attemptId: null, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
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
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.username, username));
    const pair = u ? await readPair(tx, u.id, ip) : undefined;
    return { attemptId: attempt!.id, user: u ?? null, pairLockedUntil: pair?.lockedUntil ?? null };
  });
  if (r.attemptId === null) {
    throw new AppError('AUTH_RATE_LIMITED', { retryAfterSeconds: r.retryAfter });
  }
  return r;
}

async function readPair(tx: Tx<Schema>, userId: string, ip: string) {
  const [pair] = await tx
    .select({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.userId, userId), eq(loginThrottle.ip, ip)));
  return pair;
}

/** A success: this address's count and lock go, the attempt is marked, the summary updated. */
async function succeeded(tx: Tx<Schema>, userId: string, ip: string, attemptId: number, t: Date) {
  await tx
    .delete(loginThrottle)
    .where(and(eq(loginThrottle.userId, userId), eq(loginThrottle.ip, ip)));
  await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
  await tx
    .update(users)
    .set({ failedLogins: 0, lockedUntil: await latestLock(tx, userId, t) })
    .where(eq(users.id, userId));
}

/**
 * A failure: the pair's count goes up; at LOCKOUT.after the pair is locked and its count starts
 * again from zero (so after a lock has run out, five more failures lock again). Returns the new
 * lock's end, if this failure locked the pair.
 */
async function failed(
  tx: Tx<Schema>,
  f: {
    userId: string;
    ip: string;
    pair: { failures: number } | undefined;
    accountFailures: number;
    t: Date;
  },
): Promise<Date | null> {
  const failures = (f.pair?.failures ?? 0) + 1;
  const lockedUntil = failures >= LOCKOUT.after ? new Date(f.t.getTime() + LOCKOUT.ms) : null;
  const row = { failures: lockedUntil ? 0 : failures, lockedUntil, lastFailedAt: f.t };
  await tx
    .insert(loginThrottle)
    .values({ userId: f.userId, ip: f.ip, ...row })
    .onConflictDoUpdate({ target: [loginThrottle.userId, loginThrottle.ip], set: row });
  // Pairs quiet for a day and not locked are forgotten.
  const dayAgo = new Date(f.t.getTime() - 86_400_000);
  await tx
    .delete(loginThrottle)
    .where(
      and(
        eq(loginThrottle.userId, f.userId),
        lt(loginThrottle.lastFailedAt, dayAgo),
        or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, f.t)),
      ),
    );
  await tx
    .update(users)
    .set({ failedLogins: f.accountFailures + 1, lockedUntil: await latestLock(tx, f.userId, f.t) })
    .where(eq(users.id, f.userId));
  return lockedUntil;
}

/** The latest lock of any address still in force (the administrator's summary), or null. */
async function latestLock(tx: Tx<Schema>, userId: string, t: Date): Promise<Date | null> {
  const [r] = await tx
    .select({ until: max(loginThrottle.lockedUntil) })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.userId, userId), gt(loginThrottle.lockedUntil, t)));
  return r?.until ?? null;
}
