-- Three administrators apart (issue 14; GB/T 22239-2019 level 3, 三员分立): besides the system
-- administrator ('admin', who manages the organization and the users), the security
-- administrator ('security_admin', who grants roles and sets the security policy) and the audit
-- administrator ('audit_admin', who only reads the trails). Nobody holds two of the three: the
-- rule is checked where grants are written (src/app/admin/users.ts).
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN ('official',
  'unit_party', 'intake', 'investigator', 'committee_member', 'committee_chair', 'org_liaison',
  'policy_admin', 'auditor', 'admin', 'consultee', 'security_admin', 'audit_admin'));
