-- Consulted departments answer their consultations themselves (issue 10): the role `consultee`
-- (会商部门经办人) is held over a jurisdiction subtree for one department, named on the grant by
-- the same code a consultation names (a pack's code such as 'discipline', or free text). The code
-- sits on the grant rather than in a table of departments: a department is no more than the name a
-- consultation is sent to, and the grant is where "who answers for it, where" is decided.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN ('official',
  'unit_party', 'intake', 'investigator', 'committee_member', 'committee_chair', 'org_liaison',
  'policy_admin', 'auditor', 'admin', 'consultee'));
ALTER TABLE role_grants ADD COLUMN department text;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_department CHECK (
  (role = 'consultee') = (department IS NOT NULL)
);
-- Whether a consulted department has a user (so that its opinion is its own to sign).
CREATE INDEX role_grants_consultee ON role_grants (department) WHERE role = 'consultee';

-- An opinion transcribed by the investigator from a department's written reply (据书面复函录入):
-- only for a department with no user in the system, with the reply's reference and date.
ALTER TABLE consultations ADD COLUMN reply_reference text;
ALTER TABLE consultations ADD COLUMN reply_date date;
ALTER TABLE consultations ADD CONSTRAINT consultations_paper_reply CHECK (
  (reply_reference IS NULL) = (reply_date IS NULL)
);
