/**
 * The main menu by role: each entry names the roles that see it and the key of its label (an
 * official sees "my cases", a unit's party organization "our unit's cases", officers "cases").
 * New screens add their entry here.
 */
export interface MenuEntry {
  readonly key: string;
  readonly path: string;
  /** Label keys by role, first match wins; `*` for any role. */
  readonly labels: readonly (readonly [role: string, labelKey: string])[];
}

export const MENU: readonly MenuEntry[] = [
  {
    key: 'workbench',
    path: '/workbench',
    labels: [['*', 'workbench.menu']],
  },
  {
    key: 'cases',
    path: '/cases',
    labels: [
      ['intake', 'menu.cases'],
      ['investigator', 'menu.cases'],
      ['committee_member', 'menu.cases'],
      ['committee_chair', 'menu.cases'],
      ['org_liaison', 'menu.cases'],
      ['auditor', 'menu.cases'],
      ['policy_admin', 'menu.cases'],
      ['unit_party', 'menu.unitCases'],
      ['official', 'menu.myCases'],
    ],
  },
  {
    key: 'record',
    path: '/officials/me',
    labels: [['official', 'record.menu']],
  },
  {
    key: 'apply',
    path: '/apply',
    labels: [
      ['official', 'official.menu.apply'],
      ['unit_party', 'official.menu.apply'],
    ],
  },
  {
    key: 'exOfficio',
    path: '/ex-officio',
    labels: [
      ['intake', 'intake.menu.exOfficio'],
      ['investigator', 'intake.menu.exOfficio'],
    ],
  },
  {
    key: 'riskFilings',
    path: '/risk-filings',
    labels: [
      ['intake', 'intake.menu.riskFilings'],
      ['investigator', 'intake.menu.riskFilings'],
      ['committee_chair', 'intake.menu.riskFilings'],
      ['committee_member', 'intake.menu.riskFilings'],
      ['org_liaison', 'intake.menu.riskFilings'],
      ['auditor', 'intake.menu.riskFilings'],
    ],
  },
  {
    key: 'matters',
    path: '/matters',
    labels: [
      ['intake', 'matter.list.menu'],
      ['investigator', 'matter.list.menu'],
      ['auditor', 'matter.list.menu'],
    ],
  },
  {
    key: 'visits',
    path: '/visits',
    labels: [
      ['org_liaison', 'visits.menu'],
      ['committee_chair', 'visits.menu'],
    ],
  },
  {
    key: 'policy',
    path: '/policy',
    labels: [
      ['policy_admin', 'policy.menu'],
      ['committee_chair', 'policy.menu'],
      ['committee_member', 'policy.menu'],
      ['intake', 'policy.menu'],
      ['investigator', 'policy.menu'],
      ['org_liaison', 'policy.menu'],
      ['auditor', 'policy.menu'],
      ['admin', 'policy.menu'],
      ['consultee', 'policy.menu'],
    ],
  },
  {
    key: 'dashboard',
    path: '/dashboard',
    labels: [
      ['committee_chair', 'dashboard.menu'],
      ['org_liaison', 'dashboard.menu'],
      ['admin', 'dashboard.menu'],
      ['auditor', 'dashboard.menu'],
      ['policy_admin', 'dashboard.menu'],
    ],
  },
  {
    key: 'results',
    path: '/results',
    labels: [
      ['org_liaison', 'results.menu'],
      ['committee_chair', 'results.menu'],
      ['auditor', 'results.menu'],
    ],
  },
  {
    key: 'evaluation',
    path: '/evaluation',
    labels: [
      ['org_liaison', 'evaluation.menu'],
      ['committee_chair', 'evaluation.menu'],
      ['auditor', 'evaluation.menu'],
      ['admin', 'evaluation.menu'],
    ],
  },
  {
    // Policy administrators adapt instruments but read no campaigns (the others reach it from /evaluation).
    key: 'instruments',
    path: '/evaluation/instruments',
    labels: [['policy_admin', 'instruments.menu']],
  },
  {
    key: 'admin',
    path: '/admin',
    // The system administrator (accounts, organization) and the security administrator (roles).
    labels: [
      ['admin', 'admin.menu'],
      ['security_admin', 'admin.menu'],
    ],
  },
  {
    // The audit administrator's trails: read log, administration and security events, verification.
    key: 'audit',
    path: '/audit',
    labels: [['audit_admin', 'audit.menu']],
  },
  {
    key: 'securityPolicy',
    path: '/security-policy',
    labels: [['security_admin', 'account.policy.menu']],
  },
];

/** The entries a user with `roles` sees, with the label key for them. */
export function menuFor(roles: readonly string[]): { key: string; path: string; label: string }[] {
  const out: { key: string; path: string; label: string }[] = [];
  for (const entry of MENU) {
    const match = entry.labels.find(([role]) => role === '*' || roles.includes(role));
    if (match) out.push({ key: entry.key, path: entry.path, label: match[1] });
  }
  return out;
}
