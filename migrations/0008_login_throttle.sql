-- Failed sign-ins counted per (account, client address) pair, as OWASP's Authentication Cheat
-- Sheet advises: five wrong passwords from one address lock that account for that address only,
-- so that nobody can lock someone else out by guessing from many addresses. (The per-address
-- rate limit of login_attempts still bounds how fast any one address can guess.)
-- users.failed_logins and users.locked_until stay, as the administrator's summary: the failures
-- since the last success and the latest lock of any address.
CREATE TABLE login_throttle (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  ip text NOT NULL,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until timestamptz,
  last_failed_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, ip)
);
