-- Single sign-on (issue 14): an identity at the unified identity platform — an OpenID Connect
-- provider ('oidc') or a CAS server ('cas') — linked to one rongcuo user. The grants stay with
-- rongcuo: a user signed in through the platform holds exactly the linked user's role grants.
-- An identity is linked by a security administrator (linked_by) or, when the installation
-- allows it, automatically on first sign-in by a claim equal to the username (linked_by NULL).
-- A user may have several identities; an identity belongs to one user.
CREATE TABLE external_identities (
  provider text NOT NULL CHECK (provider IN ('oidc', 'cas')),
  subject text NOT NULL CHECK (subject <> '' AND length(subject) <= 255),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  display_name text,
  linked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identities_user ON external_identities (user_id);
