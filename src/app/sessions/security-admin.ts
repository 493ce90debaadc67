/**
 * Who acts as the security administrator (安全管理员): a `security_admin` grant over a
 * jurisdiction or unit subtree. They end the sessions of the users inside it (a user lies inside
 * as src/app/admin/scope.ts says for the system administrator); the security policy applies to
 * the whole installation, so only a security administrator over a top-level jurisdiction (a root
 * path, `/<id>/`) sets it.
 */
import { within, type Actor } from '../../domain/roles.js';
import { AppError } from '../errors.js';

/** The subtrees the actor is security administrator of; empty when none. */
export function securityScopes(actor: Actor): string[] {
  const paths = actor.grants
    .filter((g) => g.role === 'security_admin' && g.scopeKind !== 'self' && g.scopePath !== '')
    .map((g) => g.scopePath);
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && within(p, q)));
}

/** Asserts the actor is a security administrator, and returns their scopes. */
export function requireSecurityAdmin(actor: Actor): string[] {
  const scopes = securityScopes(actor);
  if (scopes.length === 0) throw new AppError('SECURITY_ADMIN_REQUIRED');
  return scopes;
}

/** A top-level jurisdiction's path: one segment. */
const ROOT = /^\/[^/]+\/$/;

/** Whether the actor may set the installation's security policy. */
export function maySetSecurityPolicy(actor: Actor): boolean {
  return securityScopes(actor).some((p) => ROOT.test(p));
}

/** Asserts the actor may set the installation's security policy. */
export function requirePolicySetter(actor: Actor): void {
  requireSecurityAdmin(actor);
  if (!maySetSecurityPolicy(actor)) throw new AppError('SECURITY_POLICY_SCOPE');
}
