-- Sessions and passwords under the security policy (issue 14; GB/T 22239-2019 level 3, 身份鉴别):
-- a password an administrator set must be changed at the next sign-in, a password expires after
-- the policy's days, a new password may not repeat the last N (kept as argon2id hashes, never
-- plaintext), and the security administrator sets the policy in the app.

-- The account must change its password before anything else (set by an administrator's create or
-- reset; cleared by the user's own change). Existing accounts are not forced.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
-- When the password was last set (the expiry counts from it); null: before this migration, when
-- it counts from the account's creation.
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

-- The argon2id hashes of the passwords a user has had, newest first by set_at; the last N are
-- checked when a new one is chosen. Deleted with the account.
CREATE TABLE password_history (
  id             bigserial PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  password_hash  text NOT NULL,
  set_at         timestamptz NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, set_at DESC);

-- The installation's security policy, one row (id = 1), written by the security administrator;
-- absent until first saved, when the settings' defaults (src/config/areas/sessions.ts) apply.
CREATE TABLE security_policy (
  id                 integer PRIMARY KEY CHECK (id = 1),
  min_length         integer NOT NULL CHECK (min_length BETWEEN 8 AND 64),
  min_classes        integer NOT NULL CHECK (min_classes BETWEEN 1 AND 4),
  history_count      integer NOT NULL CHECK (history_count BETWEEN 0 AND 24),
  expiry_days        integer NOT NULL CHECK (expiry_days BETWEEN 0 AND 3650),
  updated_at         timestamptz NOT NULL,
  updated_by         uuid NOT NULL REFERENCES users(id)
);

-- A session's public reference: what the session lists show and the end-a-session routes take
-- (the token's hash stays the key and is never sent).
ALTER TABLE sessions ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX sessions_ref ON sessions (ref);

-- The security policy's changes go to the administration trail like every administrator's act.
ALTER TABLE admin_events DROP CONSTRAINT admin_events_target_kind_check;
ALTER TABLE admin_events ADD CONSTRAINT admin_events_target_kind_check
  CHECK (target_kind IN ('user', 'jurisdiction', 'unit', 'campaign', 'instrument',
    'security_policy'));
