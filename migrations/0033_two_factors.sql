-- Two factors (issue 14; GB/T 22239-2019 level 3 asks administrators to sign in with two kinds of
-- proof): a time-based one-time password (TOTP, RFC 6238) and ten one-time recovery codes.
--
-- totp_secrets: one per user. The secret is stored as is (base32) in its own table, apart from
-- users, so that encrypting it later (helper "crypto", evidence encryption) touches one table.
-- confirmed_at is null while the user is enrolling (the secret shown, no code confirmed yet);
-- last_step is the latest 30-second step a code was accepted for, so a code is used once.
CREATE TABLE totp_secrets (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  last_step bigint NOT NULL DEFAULT 0
);

-- Recovery codes: SHA-256 of each (they are random, 50 bits each; the code itself is shown once).
CREATE TABLE totp_recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- The short-lived ticket between a correct password and the second factor: not a session (it
-- opens no route but the second step). purpose 'verify' (enter a code) or 'enrol' (a required user
-- without TOTP yet sets it up). The token's SHA-256 only; attempts counts wrong codes.
CREATE TABLE login_tickets (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify', 'enrol')),
  ip text NOT NULL,
  user_agent text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0)
);
CREATE INDEX login_tickets_user ON login_tickets (user_id);
