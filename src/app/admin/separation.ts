/**
 * Three administrators apart (三员分立, GB/T 22239-2019 level 3, 8.1.4.2 and 8.1.10.2): the system
 * administrator (`admin`: organization and accounts), the security administrator
 * (`security_admin`: roles and security policy) and the audit administrator (`audit_admin`: reads
 * the trails). Two rules, checked wherever grants are written (src/app/admin/users.ts, which the
 * API and the command line both go through):
 *
 * - nobody holds two of the three roles (in any scopes);
 * - only a security administrator (or the operator's command line) grants one of them: a system
 *   administrator creating an account gives it working roles only.
 */
import type { Actor, Role } from '../../domain/roles.js';
import { ROLE_LABEL } from '../../domain/roles.js';
import { ADMINISTRATOR_ROLES } from '../../shared/roles.js';
import { AppError } from '../errors.js';

/** Throws ADMIN_ROLES_APART when `roles` hold two different administrator roles. */
export function checkAdministratorsApart(roles: readonly Role[]): void {
  const held = [...new Set(roles.filter((r) => ADMINISTRATOR_ROLES.includes(r)))];
  if (held.length < 2) return;
  const [a, b] = held as [Role, Role];
  // Recorded as 'grant.refused' on the error path (src/server/security-events.ts).
  throw new AppError(
    'ADMIN_ROLES_APART',
    { field: 'grants', roles: [a, b] },
    {
      zh: `同一账户不能同时担任“${ROLE_LABEL[a].zh}”和“${ROLE_LABEL[b].zh}”：系统管理员、安全管理员、审计管理员须由不同人员担任（三员分立）。请只保留其中一个角色，另一角色授予其他人员。`,
      en: `One account cannot be both ${ROLE_LABEL[a].en} and ${ROLE_LABEL[b].en}: the system, security and audit administrators must be different people (three administrators apart). Keep one of the two roles and grant the other to someone else.`,
    },
  );
}

/** Throws SECURITY_ADMIN_REQUIRED when a non-security administrator grants an administrator role. */
export function checkAdministratorRolesGranter(
  actor: Actor,
  grants: readonly { readonly role: Role }[],
): void {
  const adminRole = grants.find((g) => ADMINISTRATOR_ROLES.includes(g.role));
  if (!adminRole) return;
  if (actor.grants.some((g) => g.role === 'security_admin')) return;
  // A 403: recorded as 'request.forbidden' on the error path.
  throw new AppError(
    'SECURITY_ADMIN_REQUIRED',
    { field: 'grants', role: adminRole.role },
    {
      zh: `只有安全管理员可以授予“${ROLE_LABEL[adminRole.role].zh}”角色。请先以其他角色创建账户，再请安全管理员授予该角色。`,
      en: `Only a security administrator may grant the ${ROLE_LABEL[adminRole.role].en} role. Create the account with another role, then ask the security administrator to grant it.`,
    },
  );
}
