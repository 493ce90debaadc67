/** Roles and the scopes they are held over. */
import type { Role, ScopeKind } from '../shared/roles.js';

export { ROLES, ROLE_LABEL, type Role, type ScopeKind } from '../shared/roles.js';

/** A role held by a user over a scope: a jurisdiction subtree, a unit subtree, or oneself. */
export interface Grant {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  readonly scopeId: string;
  /** Materialized path of the scope root ('/a/b/'), '' for self. */
  readonly scopePath: string;
  /** The department a `consultee` answers for (null or absent for every other role). */
  readonly department?: string | null;
}

/** The authenticated user as the application sees them. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  /** The official this user is, if any (an official sees only their own matters). */
  readonly officialId: string | null;
  readonly grants: readonly Grant[];
}

/** Whether a path lies inside the subtree rooted at `root` (paths end with '/'). */
export function within(path: string, root: string): boolean {
  return root !== '' && path.startsWith(root);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}
