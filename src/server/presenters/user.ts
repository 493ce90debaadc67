/** The signed-in user as the client sees them: who they are and what roles they hold where. */
import type { User } from '../../api/index.js';
import type { Actor } from '../../domain/roles.js';
import { ROLE_LABEL } from '../../domain/roles.js';

export function presentUser(actor: Actor, locale: string): User {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    locale: locale === 'en' ? 'en' : 'zh',
    officialId: actor.officialId,
    roles: [...new Set(actor.grants.map((g) => g.role))],
    grants: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABEL[g.role],
      scopeKind: g.scopeKind,
      scopeId: g.scopeId,
    })),
  };
}
