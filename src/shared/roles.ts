/** Roles, the scopes they are held over, and the other vocabularies of users and the organization. */
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
  'consultee',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * The three administrators kept apart (三员分立, GB/T 22239-2019 level 3): the system administrator
 * (organization and accounts), the security administrator (grants and security policy) and the
 * audit administrator (reads the trails). Nobody holds two of them (src/app/admin/separation.ts),
 * and each signs in with a second factor (src/app/two-factors/).
 */
export const ADMINISTRATOR_ROLES: readonly Role[] = ['admin', 'security_admin', 'audit_admin'];

/**
 * Case officers and overseers: the roles that read and work the cases inside their jurisdiction or
 * unit (not the parties, not the policy administrators). Not the three administrators either
 * (least privilege, GB/T 22239-2019 8.1.4.2): running the system does not need a personnel case
 * file; the system administrator keeps the aggregate figures (dashboard counts, indicators).
 */
export const CASE_STAFF_ROLES: readonly Role[] = [
  'intake',
  'investigator',
  'committee_member',
  'committee_chair',
  'org_liaison',
  'auditor',
];

/** A role is held over a jurisdiction subtree, a unit subtree, or oneself. */
export const SCOPE_KINDS = ['jurisdiction', 'unit', 'self'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The one role held over oneself (the official applying); every other role over a scope. */
export const SELF_ROLE = 'official' satisfies Role;

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
  consultee: { zh: '会商部门经办人', en: 'Consulted-department officer' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
};

/**
 * The role of a consulted department's officer: held over a jurisdiction subtree for one
 * department (the grant's `department`, the code a consultation names). They read only the cases
 * their department is consulted on, in a limited view, and answer those consultations.
 */
export const CONSULTEE_ROLE = 'consultee' satisfies Role;

/** The languages of the interface and of every text the API answers. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A user account as the administration lists it. */
export const USER_STATUSES = ['active', 'locked', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const UNIT_KINDS = ['department', 'section', 'agency', 'enterprise'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
