/**
 * Who administers what: an administrator holds the `admin` role over a jurisdiction or unit
 * subtree and manages only inside it. A user lies inside an administrator's scope when everything
 * that places them in the organization does — each grant's scope, and the unit of the official
 * they are — so an administrator of X New Area never sees an A City officer, nor an official of
 * another district. Declarative, like src/domain/policies.ts: the rules are data over paths.
 */
import { sql, type SQL } from 'drizzle-orm';
import { within, type Actor, type Role } from '../../domain/roles.js';
import { AppError } from '../errors.js';
import { escapeLike } from '../queries/paging.js';

/** The subtrees (materialized paths) over which the actor holds one of `roles`. */
export function roleScopes(actor: Actor, roles: readonly Role[]): string[] {
  const paths = actor.grants
    .filter((g) => roles.includes(g.role) && g.scopeKind !== 'self' && g.scopePath !== '')
    .map((g) => g.scopePath);
  // A scope inside another adds nothing.
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && within(p, q)));
}

/** The subtrees the actor administers as system administrator; empty when they are none. */
export function adminScopes(actor: Actor): string[] {
  return roleScopes(actor, ['admin']);
}

/**
 * Asserts the actor is a system administrator (organization and accounts: create, rename,
 * disable, reset a password, unlock), and returns their scopes.
 */
export function requireAdmin(actor: Actor): string[] {
  const scopes = adminScopes(actor);
  if (scopes.length === 0) throw new AppError('ADMIN_ROLE_REQUIRED');
  return scopes;
}

/**
 * Asserts the actor is a security administrator (grants roles, resets a second factor, sets the
 * security policy), and returns their scopes.
 */
export function requireSecurityAdmin(actor: Actor): string[] {
  const scopes = roleScopes(actor, ['security_admin']);
  if (scopes.length === 0) throw new AppError('SECURITY_ADMIN_REQUIRED');
  return scopes;
}

/**
 * The scopes in which the actor may read user accounts: the system administrator (who manages
 * them) and the security administrator (who grants their roles). Throws when neither.
 */
export function requireUserReader(actor: Actor): string[] {
  const scopes = roleScopes(actor, ['admin', 'security_admin']);
  if (scopes.length === 0) throw new AppError('ADMIN_ROLE_REQUIRED');
  return scopes;
}

/** Whether `path` lies in one of `scopes`. */
export function inScopes(scopes: readonly string[], path: string): boolean {
  return scopes.some((s) => within(path, s));
}

/** SQL: `column` lies in one of `scopes` (prefix matches on materialized paths). */
export function pathInScopes(column: SQL, scopes: readonly string[]): SQL {
  if (scopes.length === 0) return sql`false`;
  return sql.join(
    scopes.map((s) => sql`${column} LIKE ${`${escapeLike(s)}%`}`),
    sql` OR `,
  );
}

/**
 * SQL: the user `u.id` lies inside `scopes`: they are placed somewhere (a scoped grant or an
 * official's unit) and every place is inside. Users with only a `self` grant and no official
 * are placed nowhere and belong to no administrator below the root.
 */
export function userInScopes(scopes: readonly string[]): SQL {
  const grantPath = sql.raw('g.scope_path');
  const unitPath = sql.raw('un.path');
  return sql`(
    (EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.scope_path <> '')
      OR u.official_id IS NOT NULL)
    AND NOT EXISTS (
      SELECT 1 FROM role_grants g
      WHERE g.user_id = u.id AND g.scope_path <> '' AND NOT (${pathInScopes(grantPath, scopes)}))
    AND (u.official_id IS NULL OR EXISTS (
      SELECT 1 FROM officials o JOIN units un ON un.id = o.unit_id
      WHERE o.id = u.official_id AND (${pathInScopes(unitPath, scopes)})))
  )`;
}
