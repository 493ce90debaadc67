/**
 * Who works follow-up visits (回访), and where: the organization department's liaison draws,
 * records and reports them for the jurisdictions they hold the role over (and those below); a
 * committee chair reads them. The per-case rules are in src/domain/policies.ts (drawVisit,
 * recordVisit, reportVisit); these are the jurisdiction-level checks of the draw and the lists.
 */
import type { Actor } from '../../domain/roles.js';
import { within } from '../../domain/roles.js';
import type { Role } from '../../shared/roles.js';
import { AppError } from '../errors.js';

export const VISIT_DRAWERS: readonly Role[] = ['org_liaison'];
export const VISIT_READERS: readonly Role[] = ['org_liaison', 'committee_chair'];

/** The jurisdiction paths over which the actor holds one of `roles`. */
export function visitPaths(actor: Actor, roles: readonly Role[]): string[] {
  return actor.grants
    .filter((g) => roles.includes(g.role) && g.scopeKind === 'jurisdiction' && g.scopePath !== '')
    .map((g) => g.scopePath);
}

/** Refuses an actor who reads no visits at all. */
export function requireReader(actor: Actor): string[] {
  const paths = visitPaths(actor, VISIT_READERS);
  if (paths.length === 0) {
    throw new AppError(
      'FORBIDDEN',
      { roles: VISIT_READERS },
      {
        zh: '只有组织部门联络员和认定机构负责人可以查看回访情况。',
        en: 'Only the organization-department liaison and committee chairs may see follow-up visits.',
      },
    );
  }
  return paths;
}

/** Refuses a draw for a jurisdiction outside the actor's liaison scope. */
export function requireDrawer(actor: Actor, jurisdictionPath: string): void {
  if (!visitPaths(actor, VISIT_DRAWERS).some((p) => within(jurisdictionPath, p))) {
    throw new AppError(
      'FORBIDDEN',
      { roles: VISIT_DRAWERS },
      {
        zh: '只有该辖区（或其上级）的组织部门联络员可以抽取回访对象。',
        en: 'Only the organization-department liaison of this jurisdiction (or one above it) may draw officials for visits.',
      },
    );
  }
}
