/**
 * Linking identities of the unified identity platform to rongcuo users, by the security
 * administrator (安全管理员, `security_admin`) inside their jurisdiction or unit subtree: the
 * list of a user's identities (the system administrator may read it too), a link and an unlink.
 * Each write runs in one transaction with its admin_events row; an unlink also ends the sessions
 * the identity opened. A linked identity signs in as the
 * user and holds exactly the user's grants: the grants stay with rongcuo, never with the platform.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { within, type Actor, type Role } from '../../domain/roles.js';
import { SSO_PROVIDER_LABEL, SSO_SUBJECT_MAX, type SsoProvider } from '../../shared/sso.js';
import type { I18nText } from '../../policy/model.js';
import type { SqlRunner } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { recordAdminEvent } from '../admin/events.js';
import { userInScopes } from '../admin/scope.js';
import { users } from '../tables.js';
import { endSessionsOpenedBy } from './opened-sessions.js';
import { externalIdentities } from './table.js';

export interface ExternalIdentityView {
  readonly provider: SsoProvider;
  readonly providerLabel: I18nText;
  readonly subject: string;
  readonly displayName: string | null;
  /** Who linked it; null when it was linked automatically on a first sign-in. */
  readonly linkedBy: { readonly id: string; readonly name: string } | null;
  readonly createdAt: string;
  readonly lastSeenAt: string | null;
}

export interface ExternalIdentityList {
  readonly items: readonly ExternalIdentityView[];
  readonly abilities: { readonly link: boolean; readonly unlink: boolean };
}

export interface LinkInput {
  readonly provider: SsoProvider;
  readonly subject: string;
}

/** The subtrees over which the actor holds one of `roles` (a scope inside another adds nothing). */
function scopesOf(actor: Actor, roles: readonly Role[]): string[] {
  const paths = actor.grants
    .filter((g) => roles.includes(g.role) && g.scopeKind !== 'self' && g.scopePath !== '')
    .map((g) => g.scopePath);
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && within(p, q)));
}

/** Asserts the actor is a security administrator, and returns their scopes. */
function requireSecurityAdmin(actor: Actor): string[] {
  const scopes = scopesOf(actor, ['security_admin']);
  if (scopes.length === 0) throw new AppError('SSO_LINK_ROLE_REQUIRED');
  return scopes;
}

/** The user inside the scopes (its row locked for a write), or 404 as if it did not exist. */
async function userInScope(
  raw: SqlRunner,
  scopes: readonly string[],
  userId: string,
  forUpdate: boolean,
) {
  const lock = forUpdate ? sql` FOR UPDATE OF u` : sql``;
  const r = await raw.query<{ id: string; scope_path: string }>(
    sql`SELECT u.id, coalesce((SELECT min(g.scope_path) FROM role_grants g
          WHERE g.user_id = u.id AND g.scope_path <> ''), '') AS scope_path
        FROM users u WHERE u.id = ${userId} AND ${userInScopes(scopes)}${lock}`,
  );
  const row = r.rows[0];
  if (!row) throw new AppError('USER_NOT_FOUND', { userId });
  return row;
}

/** A subject as the platform gives it: trimmed, 1–255 characters, no control characters. */
export function checkSubject(raw: string): string {
  const subject = raw.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (subject === '' || subject.length > SSO_SUBJECT_MAX || /[\u0000-\u001f\u007f]/.test(subject)) {
    throw invalid(
      'subject',
      `外部身份标识应为 1–${SSO_SUBJECT_MAX} 个字符，不含控制字符；请从统一身份认证平台复制该人员的标识。`,
      `the external id must be 1–${SSO_SUBJECT_MAX} characters without control characters; copy the person's id from the identity platform.`,
    );
  }
  return subject;
}

export async function listExternalIdentities(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<ExternalIdentityList> {
  const readers = scopesOf(actor, ['security_admin', 'admin']);
  if (readers.length === 0) throw new AppError('SSO_LINK_ROLE_REQUIRED');
  const linkers = scopesOf(actor, ['security_admin']);
  return ctx.store.tx(async (tx, raw) => {
    await userInScope(raw, readers, userId, false);
    const rows = await tx
      .select({
        provider: externalIdentities.provider,
        subject: externalIdentities.subject,
        displayName: externalIdentities.displayName,
        linkedBy: externalIdentities.linkedBy,
        linkedByName: users.displayName,
        createdAt: externalIdentities.createdAt,
        lastSeenAt: externalIdentities.lastSeenAt,
      })
      .from(externalIdentities)
      .leftJoin(users, eq(users.id, externalIdentities.linkedBy))
      .where(eq(externalIdentities.userId, userId))
      .orderBy(asc(externalIdentities.provider), asc(externalIdentities.subject));
    let canLink = false;
    if (linkers.length > 0) {
      try {
        await userInScope(raw, linkers, userId, false);
        canLink = true;
      } catch {
        canLink = false;
      }
    }
    return { items: rows.map(viewOf), abilities: { link: canLink, unlink: canLink } };
  });
}

interface IdentityRow {
  readonly provider: SsoProvider;
  readonly subject: string;
  readonly displayName: string | null;
  readonly linkedBy: string | null;
  readonly linkedByName: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date | null;
}

/** The presenter: the fields a reader of the links sees. */
function viewOf(r: IdentityRow): ExternalIdentityView {
  return {
    provider: r.provider,
    providerLabel: SSO_PROVIDER_LABEL[r.provider],
    subject: r.subject,
    displayName: r.displayName,
    linkedBy: r.linkedBy ? { id: r.linkedBy, name: r.linkedByName ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
  };
}

export interface LinkedIdentityView extends ExternalIdentityView {
  /** The rongcuo user the identity signs in as. */
  readonly username: string;
}

/**
 * Every identity linked to a user the actor may read (the command line's list, whose actor holds
 * the whole store), by username, then platform and id.
 */
export async function listLinkedIdentities(
  ctx: AppContext,
  actor: Actor,
): Promise<LinkedIdentityView[]> {
  const readers = scopesOf(actor, ['security_admin', 'admin']);
  if (readers.length === 0) throw new AppError('SSO_LINK_ROLE_REQUIRED');
  return ctx.store.tx(
    async (_tx, raw) => {
      const r = await raw.query<{
        username: string;
        provider: SsoProvider;
        subject: string;
        display_name: string | null;
        linked_by: string | null;
        linked_by_name: string | null;
        created_at: Date | string;
        last_seen_at: Date | string | null;
      }>(
        sql`SELECT u.username, e.provider, e.subject, e.display_name, e.linked_by,
              l.display_name AS linked_by_name, e.created_at, e.last_seen_at
            FROM external_identities e JOIN users u ON u.id = e.user_id
            LEFT JOIN users l ON l.id = e.linked_by
            WHERE ${userInScopes(readers)}
            ORDER BY u.username, e.provider, e.subject`,
      );
      return r.rows.map((row) => ({
        username: row.username,
        ...viewOf({
          provider: row.provider,
          subject: row.subject,
          displayName: row.display_name,
          linkedBy: row.linked_by,
          linkedByName: row.linked_by_name,
          createdAt: new Date(row.created_at),
          lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
        }),
      }));
    },
    { readOnly: true },
  );
}

/** Links an identity of the platform to a user; an identity already linked elsewhere is refused. */
export async function linkExternalIdentity(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: LinkInput,
): Promise<void> {
  const scopes = requireSecurityAdmin(actor);
  const subject = checkSubject(input.subject);
  await ctx.store.tx(async (tx, raw) => {
    const user = await userInScope(raw, scopes, userId, true);
    const [taken] = await tx
      .select({ userId: externalIdentities.userId })
      .from(externalIdentities)
      .where(
        and(
          eq(externalIdentities.provider, input.provider),
          eq(externalIdentities.subject, subject),
        ),
      )
      .for('update');
    if (taken?.userId === userId) return; // already linked to this user: nothing to do
    if (taken) throw new AppError('SSO_IDENTITY_TAKEN', { provider: input.provider, subject });
    const at = ctx.now();
    await tx.insert(externalIdentities).values({
      provider: input.provider,
      subject,
      userId,
      linkedBy: actor.userId,
      createdAt: at,
    });
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'user.external_link',
        targetKind: 'user',
        targetId: userId,
        scopePath: user.scope_path,
        at,
        payload: { provider: input.provider, subject },
      },
      ctx.settings.crypto.trailHash,
    );
  });
}

/**
 * Unlinks an identity: its next sign-in is refused until it is linked again, and the sessions it
 * opened end (./opened-sessions.ts). Returns how many sessions ended.
 */
export async function unlinkExternalIdentity(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: LinkInput,
): Promise<number> {
  const scopes = requireSecurityAdmin(actor);
  const subject = input.subject.trim();
  return ctx.store.tx(async (tx, raw) => {
    const user = await userInScope(raw, scopes, userId, true);
    const gone = await tx
      .delete(externalIdentities)
      .where(
        and(
          eq(externalIdentities.provider, input.provider),
          eq(externalIdentities.subject, subject),
          eq(externalIdentities.userId, userId),
        ),
      )
      .returning({ subject: externalIdentities.subject });
    if (gone.length === 0) {
      throw new AppError('SSO_IDENTITY_NOT_FOUND', { provider: input.provider, subject });
    }
    const ended = await endSessionsOpenedBy(ctx, tx, actor, userId, {
      provider: input.provider,
      subject,
    });
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'user.external_unlink',
        targetKind: 'user',
        targetId: userId,
        scopePath: user.scope_path,
        at: ctx.now(),
        payload: { provider: input.provider, subject, sessionsEnded: ended },
      },
      ctx.settings.crypto.trailHash,
    );
    return ended;
  });
}
