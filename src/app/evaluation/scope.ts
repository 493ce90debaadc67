/**
 * Who works the survey campaigns of the implementation evaluation (issue 12), and where: the
 * organization department's liaison manages campaigns and issues tokens for the jurisdictions they
 * hold the role over (and those below); committee chairs, auditors and administrators read the
 * campaigns there (not the responses: the analysis reads those, above the reporting thresholds);
 * policy administrators and liaisons adapt instruments. Nobody signs in to answer.
 */
import type { Actor } from '../../domain/roles.js';
import { within } from '../../domain/roles.js';
import { INSTRUMENT_ADAPTERS } from '../../shared/evaluation.js';
import type { Role } from '../../shared/roles.js';
import { AppError } from '../errors.js';

export const CAMPAIGN_MANAGERS: readonly Role[] = ['org_liaison'];
export const CAMPAIGN_READERS: readonly Role[] = [
  'org_liaison',
  'committee_chair',
  'auditor',
  'admin',
];
/** Defined with the shared evaluation vocabulary, which the web app reads too. */
export { INSTRUMENT_ADAPTERS };
/** Instruments are read by whoever reads campaigns or adapts instruments. */
export const INSTRUMENT_READERS: readonly Role[] = [...CAMPAIGN_READERS, 'policy_admin'];

/** The jurisdiction paths over which the actor holds one of `roles`. */
export function pathsOf(actor: Actor, roles: readonly Role[]): string[] {
  return actor.grants
    .filter((g) => roles.includes(g.role) && g.scopeKind === 'jurisdiction' && g.scopePath !== '')
    .map((g) => g.scopePath);
}

/** Whether the actor holds one of `roles` over a jurisdiction path (or one above it). */
export function holdsOver(actor: Actor, roles: readonly Role[], path: string): boolean {
  return pathsOf(actor, roles).some((p) => within(path, p));
}

/** Refuses an actor who reads no campaigns at all; the paths they read otherwise. */
export function requireCampaignReader(actor: Actor): string[] {
  const paths = pathsOf(actor, CAMPAIGN_READERS);
  if (paths.length === 0) {
    throw new AppError(
      'FORBIDDEN',
      { roles: CAMPAIGN_READERS },
      {
        zh: '只有组织部门联络员、认定机构负责人、审计监督人员和系统管理员可以查看问卷调查。',
        en: 'Only the organization-department liaison, committee chairs, auditors and administrators may see survey campaigns.',
      },
    );
  }
  return paths;
}

/** Refuses a change to a campaign of a jurisdiction outside the actor's liaison scope. */
export function requireCampaignManager(actor: Actor, jurisdictionPath: string): void {
  if (!holdsOver(actor, CAMPAIGN_MANAGERS, jurisdictionPath)) {
    throw new AppError(
      'FORBIDDEN',
      { roles: CAMPAIGN_MANAGERS },
      {
        zh: '只有该辖区（或其上级）的组织部门联络员可以组织问卷调查、发放令牌。',
        en: 'Only the organization-department liaison of this jurisdiction (or one above it) may run survey campaigns and issue tokens.',
      },
    );
  }
}

/** Refuses an actor who may not adapt instruments. */
export function requireInstrumentAdapter(actor: Actor): void {
  if (pathsOf(actor, INSTRUMENT_ADAPTERS).length === 0) {
    throw new AppError(
      'FORBIDDEN',
      { roles: INSTRUMENT_ADAPTERS },
      {
        zh: '只有政策管理员和组织部门联络员可以修订问卷。',
        en: 'Only policy administrators and the organization-department liaison may adapt instruments.',
      },
    );
  }
}

/** Refuses an actor who may not read instruments. */
export function requireInstrumentReader(actor: Actor): void {
  if (pathsOf(actor, INSTRUMENT_READERS).length === 0) {
    throw new AppError(
      'FORBIDDEN',
      { roles: INSTRUMENT_READERS },
      {
        zh: '只有政策管理员、组织部门联络员、认定机构负责人、审计监督人员和系统管理员可以查看问卷。',
        en: 'Only policy administrators, the organization-department liaison, committee chairs, auditors and administrators may see instruments.',
      },
    );
  }
}
