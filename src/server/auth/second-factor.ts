/**
 * The second step of signing in (two factors, issue 14). After a correct password, a user who has
 * a second factor, or must have one (src/app/two-factors/totp.ts `totpRequired`), gets no session
 * but a ticket: a random token whose SHA-256 is kept in login_tickets (migration 0033), valid for
 * RONGCUO_TOTP_TICKET_MINUTES, opening nothing but this step.
 *
 * - purpose 'verify': the user answers with a code from their app or a recovery code; right → a
 *   session; wrong → the ticket counts it, and after TICKET_ATTEMPTS wrong answers it is gone (the
 *   password is asked again, under the sign-in rate limit and lockout of login.ts).
 * - purpose 'enrol': a user who must use two factors and has none yet sets them up (the secret and
 *   its QR code, then one code confirms) and gets the session with their recovery codes: the
 *   enrolment-only step, before any session exists.
 */
import { recordSecurityEventIn } from '../../app/trails/security-events.js';
import { and, eq, lt } from 'drizzle-orm';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { users, type Schema } from '../../app/tables.js';
import {
  beginEnrolment,
  checkAnswer,
  confirmEnrolment,
  enrolled,
  requiredFor,
  type Enrolment,
} from '../../app/two-factors/enrol.js';
import { loginTickets } from '../../app/two-factors/tables.js';
import { TICKET_ATTEMPTS } from '../../app/two-factors/totp.js';
import type { ExternalRef } from '../../shared/sso.js';
import {
  createSession,
  newToken,
  tokenHash,
  type NewSession,
  type SessionClient,
} from './sessions.js';

export interface SecondFactorNeeded {
  readonly kind: 'second_factor';
  /** 'totp': enter a code; 'enrol': set the second factor up first. */
  readonly step: 'totp' | 'enrol';
  readonly ticket: string;
  readonly expiresAt: Date;
}

/**
 * Called by sign-in once the password is verified, or the identity platform vouched for the
 * person (`via`: sso.ts), in its transaction: the ticket for the second step, or null when the
 * user signs in without one. The ticket keeps `via` for the session it opens.
 */
export async function secondFactorStep(
  ctx: AppContext,
  tx: Tx<Schema>,
  userId: string,
  client: SessionClient,
  now: Date,
  via: ExternalRef | null = null,
): Promise<SecondFactorNeeded | null> {
  const has = await enrolled(tx, userId);
  if (!has && !(await requiredFor(ctx, tx, userId))) return null;
  const ticket = newToken();
  const expiresAt = new Date(now.getTime() + ctx.settings.twoFactors.ticketMinutes * 60_000);
  // Old tickets of the user go: one pending sign-in at a time.
  await tx.delete(loginTickets).where(eq(loginTickets.userId, userId));
  await tx.delete(loginTickets).where(lt(loginTickets.expiresAt, now));
  await tx.insert(loginTickets).values({
    idHash: tokenHash(ticket),
    userId,
    purpose: has ? 'verify' : 'enrol',
    ip: client.ip.slice(0, 64),
    userAgent: client.userAgent.slice(0, 512),
    createdAt: now,
    expiresAt,
    attempts: 0,
    externalProvider: via?.provider ?? null,
    externalSubject: via?.subject ?? null,
  });
  return { kind: 'second_factor', step: has ? 'totp' : 'enrol', ticket, expiresAt };
}

/** The live ticket of `purpose` (locked), its user still enabled; or TOTP_TICKET_INVALID. */
async function takeTicket(
  ctx: AppContext,
  tx: Tx<Schema>,
  ticket: string,
  purpose: 'verify' | 'enrol',
) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
  const [row] = await tx
    .select()
    .from(loginTickets)
    .where(eq(loginTickets.idHash, tokenHash(ticket)))
    .for('update');
  if (!row || row.purpose !== purpose || row.expiresAt.getTime() <= ctx.now().getTime()) {
    return null;
  }
  const [u] = await tx
    .select({ username: users.username, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, row.userId));
  if (!u || u.disabled) return null;
  return { ...row, username: u.username };
}

/** A wrong answer: counted on the ticket, which goes at TICKET_ATTEMPTS. Returns attempts left. */
async function wrongAnswer(tx: Tx<Schema>, idHash: string, attempts: number): Promise<number> {
  const used = attempts + 1;
  if (used >= TICKET_ATTEMPTS) {
    await tx.delete(loginTickets).where(eq(loginTickets.idHash, idHash));
  } else {
    await tx.update(loginTickets).set({ attempts: used }).where(eq(loginTickets.idHash, idHash));
  }
  // The refusal is recorded as 'totp.failed' on the error path (../security-events.ts).
  return TICKET_ATTEMPTS - used;
}

function codeWrong(attemptsLeft: number): AppError {
  return new AppError('TOTP_CODE_WRONG', { attemptsLeft });
}

export interface SecondFactorInput extends SessionClient {
  readonly ticket: string;
  readonly code: string;
}

export interface SecondFactorSession extends NewSession {
  readonly userId: string;
}

/** The platform's identity a ticket keeps, when a single sign-on issued it. */
function viaOf(t: {
  externalProvider: ExternalRef['provider'] | null;
  externalSubject: string | null;
}): ExternalRef | null {
  return t.externalProvider && t.externalSubject !== null
    ? { provider: t.externalProvider, subject: t.externalSubject }
    : null;
}

/**
 * The sign-in's success, recorded when the second step opens the session (login.ts records it
 * for a sign-in with the password alone, sso.ts for a single sign-on without a second step); after
 * a single sign-on it names the platform's identity.
 */
async function signedIn(
  ctx: AppContext,
  tx: Tx<Schema>,
  userId: string,
  client: SessionClient,
  secondFactor: 'totp' | 'recovery' | 'enrolled',
  via: ExternalRef | null,
): Promise<void> {
  await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
    kind: 'login.succeeded',
    at: ctx.now(),
    userId,
    ip: client.ip,
    userAgent: client.userAgent,
    details: via
      ? { secondFactor, provider: via.provider, subject: via.subject }
      : { secondFactor },
  });
}

/** The second step: a right code (or unused recovery code) opens the session. */
export async function completeSecondFactor(
  ctx: AppContext,
  input: SecondFactorInput,
): Promise<SecondFactorSession & { readonly usedRecoveryCode: boolean }> {
  const r = await ctx.store.tx(async (tx) => {
    const t = await takeTicket(ctx, tx, input.ticket, 'verify');
    if (!t) return { kind: 'invalid' as const };
    const how = await checkAnswer(ctx, tx, t.userId, input.code.trim());
    if (!how)
      return {
        kind: 'wrong' as const,
        userId: t.userId,
        left: await wrongAnswer(tx, t.idHash, t.attempts),
      };
    await tx.delete(loginTickets).where(eq(loginTickets.idHash, t.idHash));
    const via = viaOf(t);
    const session = await createSession(tx, ctx.settings, t.userId, input, ctx.now(), via);
    await signedIn(ctx, tx, t.userId, input, how, via);
    return { kind: 'ok' as const, session, userId: t.userId, recovery: how === 'recovery' };
  });
  if (r.kind === 'invalid') throw new AppError('TOTP_TICKET_INVALID');
  if (r.kind === 'wrong') throw codeWrong(r.left).about(r.userId);
  return { ...r.session, userId: r.userId, usedRecoveryCode: r.recovery };
}

/** The enrolment step, first half: a fresh secret for the ticket's user. */
export async function beginTicketEnrolment(ctx: AppContext, ticket: string): Promise<Enrolment> {
  const r = await ctx.store.tx(async (tx) => {
    const t = await takeTicket(ctx, tx, ticket, 'enrol');
    return t ? beginEnrolment(ctx, tx, t.userId, t.username) : null;
  });
  if (!r) throw new AppError('TOTP_TICKET_INVALID');
  return r;
}

/** The enrolment step, second half: one right code confirms it and opens the session. */
export async function confirmTicketEnrolment(
  ctx: AppContext,
  input: SecondFactorInput,
): Promise<SecondFactorSession & { readonly recoveryCodes: readonly string[] }> {
  const r = await ctx.store.tx(async (tx) => {
    const t = await takeTicket(ctx, tx, input.ticket, 'enrol');
    if (!t) return { kind: 'invalid' as const };
    const codes = await confirmEnrolment(ctx, tx, t.userId, input.code.trim());
    if (!codes)
      return {
        kind: 'wrong' as const,
        userId: t.userId,
        left: await wrongAnswer(tx, t.idHash, t.attempts),
      };
    await tx
      .delete(loginTickets)
      .where(and(eq(loginTickets.idHash, t.idHash), eq(loginTickets.userId, t.userId)));
    const via = viaOf(t);
    const session = await createSession(tx, ctx.settings, t.userId, input, ctx.now(), via);
    await signedIn(ctx, tx, t.userId, input, 'enrolled', via);
    return { kind: 'ok' as const, session, userId: t.userId, codes };
  });
  if (r.kind === 'invalid') throw new AppError('TOTP_TICKET_INVALID');
  if (r.kind === 'wrong') throw codeWrong(r.left).about(r.userId);
  return { ...r.session, userId: r.userId, recoveryCodes: r.codes };
}
