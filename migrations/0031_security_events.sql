-- Security events and hash-chained trails (issue 14: 等保2.0 三级, security audit).
--
-- security_events: what happened at the door — failed, locked and rate-limited sign-ins, refused
-- requests (403), CSRF failures, sign-outs, and the events later parts add (sessions ended by an
-- administrator, passwords changed, second factors enrolled, single sign-on). Never a password.
-- Kept at least 180 days (Cybersecurity Law Art. 21): the purge (src/app/trails/purge.ts) removes
-- only rows older than the retention setting, and only a prefix of the chain.
CREATE TABLE security_events (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  kind        text NOT NULL,
  user_id     uuid,                      -- the user, when known (no FK: the row outlives nothing)
  username    text NOT NULL DEFAULT '',  -- the username tried at a sign-in
  ip          text NOT NULL DEFAULT '',
  user_agent  text NOT NULL DEFAULT '',  -- truncated to 256 characters
  method      text NOT NULL DEFAULT '',
  route       text NOT NULL DEFAULT '',
  request_id  text NOT NULL DEFAULT '',
  details     jsonb NOT NULL DEFAULT '{}',
  seq         bigint NOT NULL UNIQUE,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX security_events_at ON security_events (at);
CREATE INDEX security_events_kind ON security_events (kind, at);
CREATE INDEX security_events_user ON security_events (user_id, at);

CREATE FUNCTION security_events_no_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'security_events rows are not changed' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER security_events_no_change
  BEFORE UPDATE ON security_events
  FOR EACH ROW EXECUTE FUNCTION security_events_no_update();

-- The read log and the administration trail are chained like the case trail: seq, the previous
-- link's hash, this link's hash (src/app/trails/chain.ts). Rows written before this migration keep
-- NULL: the chain starts at the first row written after it (see chain_heads.unchained_below).
ALTER TABLE admin_events ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;
CREATE UNIQUE INDEX admin_events_seq ON admin_events (seq);
ALTER TABLE read_log ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;
CREATE UNIQUE INDEX read_log_seq ON read_log (seq);
-- The read log's rows are sealed into the chain shortly after they are written (chain.ts says
-- why); the sealer finds the rows waiting here.
CREATE INDEX read_log_unsealed ON read_log (id) WHERE seq IS NULL;
CREATE INDEX read_log_at ON read_log (at);
CREATE INDEX read_log_user ON read_log (user_id, at);
CREATE INDEX admin_events_at ON admin_events (at);

-- The head of each chain, locked (SELECT … FOR UPDATE) by whoever appends, so that several app
-- instances on one PostgreSQL append one after the other. `count` is the last seq, `hash` its
-- link; `base_seq`/`base_hash` the last link purged (the chain verifies from there);
-- `unchained_below` the first row id the chain covers: rows below it were written before the
-- chain existed and are reported as such, never certified after the fact.
CREATE TABLE chain_heads (
  chain            text PRIMARY KEY CHECK (chain IN ('read_log', 'admin_events', 'security_events')),
  count            bigint NOT NULL DEFAULT 0,
  hash             text NOT NULL DEFAULT '',
  base_seq         bigint NOT NULL DEFAULT 0,
  base_hash        text NOT NULL DEFAULT '',
  unchained_below  bigint NOT NULL
);
INSERT INTO chain_heads (chain, unchained_below)
  SELECT 'read_log', coalesce(max(id), 0) + 1 FROM read_log;
INSERT INTO chain_heads (chain, unchained_below)
  SELECT 'admin_events', coalesce(max(id), 0) + 1 FROM admin_events;
INSERT INTO chain_heads (chain, unchained_below) VALUES ('security_events', 1);
