/**
 * Signing in through the unified identity platform (OpenID Connect: ./oidc.ts; CAS: ./cas.ts):
 * the identity the platform vouched for finds its rongcuo user in external_identities, and a
 * session opens for that user exactly as a password sign-in opens one (./sessions.ts). The
 * grants are the linked user's: the platform says who the person is, rongcuo what they may do.
 *
 * An identity not linked is linked on the spot only when the installation names a claim to match
 * usernames by (RONGCUO_SSO_AUTO_LINK_CLAIM) and that claim equals an existing username;
 * otherwise it is refused (SSO_IDENTITY_UNLINKED, with the id to give the security administrator).
 * A disabled user is refused too. One transaction reads the link, writes it (if automatic) with
 * its admin event, marks it seen and opens the session.
 */
import { recordSecurityEventIn } from '../../app/trails/security-events.js';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { recordAdminEvent } from '../../app/admin/events.js';
import { externalIdentities } from '../../app/sso/table.js';
import { roleGrants, users } from '../../app/tables.js';
import type { SsoProvider } from '../../shared/sso.js';
import { claimText, type ExternalIdentity } from './oidc.js';
import { createSession, type NewSession, type SessionClient } from './sessions.js';

export interface ExternalSignInInput extends SessionClient {
  readonly provider: SsoProvider;
  readonly identity: ExternalIdentity;
}

export interface ExternalSignInResult extends NewSession {
  readonly userId: string;
  /** Whether this sign-in linked the identity automatically (by the configured claim). */
  readonly autoLinked: boolean;
}

export async function signInExternal(
  ctx: AppContext,
  input: ExternalSignInInput,
): Promise<ExternalSignInResult> {
  const { provider, identity } = input;
  const subject = identity.subject.slice(0, 255);
  const displayName = identity.displayName?.slice(0, 128) ?? null;
  return ctx.store.tx(async (tx) => {
    const at = ctx.now();
    const [link] = await tx
      .select({ userId: externalIdentities.userId })
      .from(externalIdentities)
      .where(
        and(eq(externalIdentities.provider, provider), eq(externalIdentities.subject, subject)),
      )
      .for('update');
    let userId = link?.userId;
    let autoLinked = false;
    if (!userId) {
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
      userId = match.id;
      autoLinked = true;
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
    }
    const [user] = await tx
      .select({ disabled: users.disabled })
      .from(users)
      .where(eq(users.id, userId));
    if (!user || user.disabled) {
      // Recorded as 'sso.refused' on the error path.
      throw new AppError('SSO_ACCOUNT_DISABLED', { provider, subject });
    }
    await tx
      .update(externalIdentities)
      .set({ lastSeenAt: at, displayName })
      .where(
        and(eq(externalIdentities.provider, provider), eq(externalIdentities.subject, subject)),
      );
    const session = await createSession(tx, ctx.settings, userId, input, at);
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'sso.login',
      at,
      userId,
      ip: input.ip,
      userAgent: input.userAgent,
      details: { provider, subject, autoLinked },
    });
    return { ...session, userId, autoLinked };
  });
}
