/** The signed-in user as the client sees them: who they are and what roles they hold where. */
import type { Actor } from '../../domain/roles.js';
import { ROLE_LABEL } from '../../domain/roles.js';

export function presentUser(actor: Actor, locale: string) {
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

export const USER_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    locale: { type: 'string', enum: ['zh', 'en'] },
    officialId: { type: ['string', 'null'], format: 'uuid' },
    roles: { type: 'array', items: { type: 'string' } },
    grants: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          role: { type: 'string' },
          roleLabel: {
            type: 'object',
            properties: { zh: { type: 'string' }, en: { type: 'string' } },
          },
          scopeKind: { type: 'string', enum: ['jurisdiction', 'unit', 'self'] },
          scopeId: { type: 'string' },
        },
      },
    },
  },
} as const;
