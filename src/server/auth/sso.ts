/**
 * Signing in through the unified identity platform (OpenID Connect: ./oidc.ts; CAS: ./cas.ts):
 * the identity the platform vouched for finds its rongcuo user in external_identities, and a
 * session opens for that user exactly as a password sign-in opens one (./sessions.ts). The
 * grants are the linked user's: the platform says who the person is, rongcuo what they may do.
 *
 * An identity not linked is linked on the spot only when the installation names a claim to match
 * usernames by (RONGCUO_SSO_AUTO_LINK_CLAIM) and that claim equals an existing username;
 * otherwise it is refused (SSO_IDENTITY_UNLINKED, with the id to give the security administrator).
 * A disabled user is refused too.
 *
 * A user who signs in with two factors (enrolled, or required to enrol: ./second-factor.ts) gets
 * no session but the second step's ticket, as after a password, unless the installation trusts the
 * platform's own second factor (RONGCUO_SSO_SECOND_FACTOR=platform). The session, opened here or
 * by the second step, records the identity (migration 0036), so that unlinking it ends the session.
 * One transaction reads the link, writes it (if automatic) with its admin event, marks it seen and
 * opens the session or issues the ticket.
 */
import { recordSecurityEventIn } from '../../app/trails/security-events.js';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../app/context.js';
import type { Tx } from '../../store/index.js';
import { AppError } from '../../app/errors.js';
import { recordAdminEvent } from '../../app/admin/events.js';
import { externalIdentities } from '../../app/sso/table.js';
import { roleGrants, users, type Schema } from '../../app/tables.js';
import type { ExternalRef, SsoProvider } from '../../shared/sso.js';
import { claimText, type ExternalIdentity } from './oidc.js';
import { secondFactorStep, type SecondFactorNeeded } from './second-factor.js';
import { createSession, type NewSession, type SessionClient } from './sessions.js';

export interface ExternalSignInInput extends SessionClient {
  readonly provider: SsoProvider;
  readonly identity: ExternalIdentity;
}

interface Linked {
  readonly userId: string;
  /** Whether this sign-in linked the identity automatically (by the configured claim). */
  readonly autoLinked: boolean;
}

/** A session opened, or the second step's ticket (no session yet). */
export type ExternalSignInResult =
  (NewSession & Linked & { readonly kind: 'session' }) | (SecondFactorNeeded & Linked);

export async function signInExternal(
  ctx: AppContext,
  input: ExternalSignInInput,
): Promise<ExternalSignInResult> {
  const { provider, identity } = input;
  const via: ExternalRef = { provider, subject: identity.subject.slice(0, 255) };
  const displayName = identity.displayName?.slice(0, 128) ?? null;
  return ctx.store.tx(async (tx) => {
    const at = ctx.now();
    const linked = await linkedUser(ctx, tx, via, identity, displayName, at);
    const { userId } = linked;
    const [user] = await tx
      .select({ disabled: users.disabled })
      .from(users)
      .where(eq(users.id, userId));
    if (!user || user.disabled) {
      // Recorded as 'sso.refused' on the error path.
      throw new AppError('SSO_ACCOUNT_DISABLED', { provider, subject: via.subject });
    }
    await tx
      .update(externalIdentities)
      .set({ lastSeenAt: at, displayName })
      .where(
        and(eq(externalIdentities.provider, provider), eq(externalIdentities.subject, via.subject)),
      );
    if (ctx.settings.sso.secondFactor === 'rongcuo') {
      // The sign-in's success is recorded by the second step, when it opens the session.
      const second = await secondFactorStep(ctx, tx, userId, input, at, via);
      if (second) return { ...second, ...linked };
    }
    const session = await createSession(tx, ctx.settings, userId, input, at, via);
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'sso.login',
      at,
      userId,
      ip: input.ip,
      userAgent: input.userAgent,
      details: { provider, subject: via.subject, autoLinked: linked.autoLinked },
    });
    return { kind: 'session' as const, ...session, ...linked };
  });
}

/**
 * The user the identity is linked to (its row locked); an identity not linked is linked now by
 * the configured claim, with its admin event, or refused.
 */
async function linkedUser(
  ctx: AppContext,
  tx: Tx<Schema>,
  via: ExternalRef,
  identity: ExternalIdentity,
  displayName: string | null,
  at: Date,
): Promise<Linked> {
  const { provider, subject } = via;
  const [link] = await tx
    .select({ userId: externalIdentities.userId })
    .from(externalIdentities)
    .where(and(eq(externalIdentities.provider, provider), eq(externalIdentities.subject, subject)))
    .for('update');
  if (link) return { userId: link.userId, autoLinked: false };
  const claim = ctx.settings.sso.autoLinkClaim;
  const username = claim ? claimText(identity.claims[claim]) : null;
  const [match] = username
    ? await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, username.slice(0, 128)))
    : [];
  if (!match) {
    // Recorded as 'sso.refused' on the error path (src/server/security-events.ts).
    throw new AppError('SSO_IDENTITY_UNLINKED', { provider, subject, name: displayName });
  }
  const userId = match.id;
  await tx.insert(externalIdentities).values({
    provider,
    subject,
    userId,
    displayName,
    linkedBy: null,
    createdAt: at,
    lastSeenAt: at,
  });
  const [grant] = await tx
    .select({ scopePath: roleGrants.scopePath })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), ne(roleGrants.scopePath, '')));
  await recordAdminEvent(
    tx,
    {
      actorId: userId,
      action: 'user.external_link',
      targetKind: 'user',
      targetId: userId,
      scopePath: grant?.scopePath ?? '',
      at,
      payload: { provider, subject, automatic: true, claim },
    },
    ctx.settings.crypto.trailHash,
  );
  return { userId, autoLinked: true };
}
