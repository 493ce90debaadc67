/** Roles and the scopes they are held over. */
import type { I18nText } from '../policy/model.js';

export const ROLES = [
  'official',
  'unit_party',
  'intake',
  'investigator',
  'committee_member',
  'committee_chair',
  'org_liaison',
  'policy_admin',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Readonly<Record<Role, I18nText>> = {
  official: { zh: '干部（申请人）', en: 'Official (applicant)' },
  unit_party: { zh: '单位党组织', en: 'Unit party organization' },
  intake: { zh: '受理人员', en: 'Intake officer' },
  investigator: { zh: '核实人员', en: 'Investigator' },
  committee_member: { zh: '认定机构成员', en: 'Committee member' },
  committee_chair: { zh: '认定机构负责人', en: 'Committee chair' },
  org_liaison: { zh: '组织部门联络员', en: 'Organization-department liaison' },
  policy_admin: { zh: '政策管理员', en: 'Policy administrator' },
  auditor: { zh: '审计监督人员', en: 'Auditor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export type ScopeKind = 'jurisdiction' | 'unit' | 'self';

/** A role held by a user over a scope: a jurisdiction subtree, a unit subtree, or oneself. */
export interface Grant {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  readonly scopeId: string;
  /** Materialized path of the scope root ('/a/b/'), '' for self. */
  readonly scopePath: string;
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
