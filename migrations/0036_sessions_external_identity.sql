-- Sessions opened through the unified identity platform (issue 14): a session, and the sign-in
-- ticket of a second step that opens one, record the external identity (provider and subject,
-- as in external_identities) whose sign-in opened it; both null for a password sign-in. Unlinking
-- the identity ends the sessions it opened and voids its pending tickets (src/app/sso/links.ts).
-- No foreign key: the identity row is deleted by the unlink, in the same transaction that deletes
-- these rows.
ALTER TABLE sessions
  ADD COLUMN external_provider text CHECK (external_provider IN ('oidc', 'cas')),
  ADD COLUMN external_subject text CHECK (length(external_subject) <= 255),
  ADD CONSTRAINT sessions_external_pair
    CHECK ((external_provider IS NULL) = (external_subject IS NULL));
CREATE INDEX sessions_external ON sessions (external_provider, external_subject)
  WHERE external_provider IS NOT NULL;

ALTER TABLE login_tickets
  ADD COLUMN external_provider text CHECK (external_provider IN ('oidc', 'cas')),
  ADD COLUMN external_subject text CHECK (length(external_subject) <= 255),
  ADD CONSTRAINT login_tickets_external_pair
    CHECK ((external_provider IS NULL) = (external_subject IS NULL));
