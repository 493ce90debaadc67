-- Security events and one-time codes where the parts of issue 14 meet.
--
-- 1. A flood of rate-limited sign-ins writes a bounded number of rows. login_rate_limited keeps,
--    per (client address, username), the rate-limit window that address is in (window_ends: when
--    the address is admitted again) and the refusals of that window not yet written as a security
--    event (src/app/trails/rate-limited.ts): the first refusal of a window is written at once, the
--    later ones are counted here and written as one summary row when the window is over.
CREATE TABLE login_rate_limited (
  ip           text NOT NULL,
  username     text NOT NULL,
  window_ends  timestamptz NOT NULL,
  first_at     timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  unrecorded   integer NOT NULL DEFAULT 0 CHECK (unrecorded >= 0),
  PRIMARY KEY (ip, username)
);
CREATE INDEX login_rate_limited_ends ON login_rate_limited (window_ends);

-- 3. Security events carry a jurisdiction: the scope path of the user's first grant with one
--    ('' for an unknown user, and for every row written before this migration), so that an audit
--    administrator reads the events of their jurisdiction subtree (src/app/trails/read.ts). The
--    chain's link covers it when it is not empty (chain.ts), so the rows before keep their links.
ALTER TABLE security_events ADD COLUMN scope_path text NOT NULL DEFAULT '';
CREATE INDEX security_events_scope ON security_events (scope_path, id);

-- 4. Resetting one's own one-time codes is throttled (src/app/two-factors/own.ts): the wrong codes
--    given to the reset since the first of the window (reset_failed_from); after RESET_ATTEMPTS
--    of them the reset is refused until the window is over.
ALTER TABLE totp_secrets
  ADD COLUMN reset_failures integer NOT NULL DEFAULT 0 CHECK (reset_failures >= 0),
  ADD COLUMN reset_failed_from timestamptz;

-- 5. One-time-code secrets under the key ring of stored files (migration 0035), as the blobs are:
--    'none' keeps `secret` as its base32 text (every secret before this migration, and every one
--    while RONGCUO_ENCRYPTION=none); otherwise `secret` holds the sealed bytes in base64, with the
--    key's id, the IV or nonce and the tag (src/app/two-factors/secret-store.ts). `rongcuo keys
--    rotate` and the job blobs.reencrypt re-encrypt them with the files.
ALTER TABLE totp_secrets
  ADD COLUMN alg text NOT NULL DEFAULT 'none'
    CHECK (alg IN ('none', 'sm4-ctr-hmac-sm3', 'aes-256-gcm')),
  ADD COLUMN key_id text,
  ADD COLUMN iv bytea,
  ADD COLUMN tag bytea;
ALTER TABLE totp_secrets ADD CONSTRAINT totp_secrets_sealed CHECK (
  (alg = 'none' AND key_id IS NULL AND iv IS NULL AND tag IS NULL)
  OR (alg <> 'none' AND key_id IS NOT NULL AND iv IS NOT NULL AND tag IS NOT NULL)
);
