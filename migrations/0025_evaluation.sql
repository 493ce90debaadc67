-- Issue 12, implementation evaluation (政策执行评估): anonymous surveys of cadres on seed 000's
-- model (docs/evaluation-plan.md). An organization department runs a campaign in its jurisdiction
-- with one version of an instrument; cadres answer with one-time tokens; nobody, the administrator
-- included, can tie an answer to a token or a person:
--
-- - survey_tokens keeps the SHA-256 of each token not yet used, and its campaign: no response id,
--   no time, no serial id (the primary key is the hash, which orders the rows at random).
-- - survey_responses has a random uuid, its campaign, its day only when the campaign keeps it
--   (`keep_day`), coarse demographics and the answers: no token, user, IP, user agent or time.
-- - Using a token DELETES its row, in the transaction that stores the response
--   (src/app/evaluation/submit-response.ts). No live row is left to pair with the response, not
--   even by the transaction id every row carries (the system column xmin); a second use of the
--   token, at the same moment or later, finds no row. A used token and one never issued are
--   therefore alike. The campaign counts the tokens it issued (`tokens_issued`); used = issued −
--   rows left.
--
-- What remains outside the live tables, said plainly: a deleted row version stays in the table's
-- pages (with its xmax, the deleting transaction's id, equal to the response's xmin) until VACUUM
-- reclaims it, readable only with superuser tools such as pageinspect; the write-ahead log keeps
-- both writes for as long as it is retained (and in any WAL archive); and a statement log, if an
-- operator switches one on, shows the token's hash. Keep autovacuum on (PostgreSQL's default),
-- keep log_statement off for these tables, and restrict superuser access and WAL archives.
--
-- Campaigns and instrument adaptations are recorded in admin_events; a response is not (it has no
-- actor, and an event's time would date it).

-- Instruments (the model as data, src/evaluation/model.ts): a version is never edited once a
-- campaign uses it; adapting one inserts a new id. Shipped instruments have no creator.
CREATE TABLE evaluation_instruments (
  id          text PRIMARY KEY CHECK (id ~ '^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$'),
  version     integer NOT NULL CHECK (version >= 1),
  based_on    text REFERENCES evaluation_instruments(id),
  body        jsonb NOT NULL,
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (based_on IS NULL OR based_on <> id)
);

CREATE TABLE evaluation_campaigns (
  id                  uuid PRIMARY KEY,
  -- the organization department's jurisdiction (with those below)
  jurisdiction_id     text NOT NULL REFERENCES jurisdictions(id),
  title               text NOT NULL,
  instrument_id       text NOT NULL REFERENCES evaluation_instruments(id),
  -- the units invited (ids of units in the jurisdiction's subtree), and how many cadres
  invited_units       jsonb NOT NULL CHECK (jsonb_typeof(invited_units) = 'array'),
  invited_count       integer NOT NULL CHECK (invited_count > 0),
  opens_on            date NOT NULL,
  closes_on           date NOT NULL CHECK (closes_on >= opens_on),
  state               text NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
  -- reporting thresholds: no group under k is reported (k is only ever raised above 5); free
  -- text is shown only for groups of at least free_text_threshold
  threshold_k         integer NOT NULL DEFAULT 5 CHECK (threshold_k >= 5),
  free_text_threshold integer NOT NULL DEFAULT 10,
  -- whether a response keeps the day it was submitted (never the time)
  keep_day            boolean NOT NULL DEFAULT false,
  -- tokens issued in all (raised in the issuing transaction); a used token's row is deleted
  tokens_issued       integer NOT NULL DEFAULT 0 CHECK (tokens_issued BETWEEN 0 AND invited_count),
  created_by          uuid NOT NULL REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 0,
  CHECK (free_text_threshold >= threshold_k)
);
CREATE INDEX evaluation_campaigns_jurisdiction ON evaluation_campaigns (jurisdiction_id, opens_on);
CREATE INDEX evaluation_campaigns_instrument ON evaluation_campaigns (instrument_id);

-- An instrument a campaign uses is not changed or removed (a new version is adapted instead).
CREATE FUNCTION evaluation_instruments_in_use() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM evaluation_campaigns WHERE instrument_id = OLD.id) THEN
    RAISE EXCEPTION 'evaluation instrument % is used by a campaign and cannot change', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER evaluation_instruments_frozen
  BEFORE UPDATE OR DELETE ON evaluation_instruments
  FOR EACH ROW EXECUTE FUNCTION evaluation_instruments_in_use();

-- A token's row lives from its issue to its use (see above): there is no `used` flag.
CREATE TABLE survey_tokens (
  -- SHA-256 of the token's canonical text; the token itself is shown once and never stored
  token_hash  bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  campaign_id uuid NOT NULL REFERENCES evaluation_campaigns(id)
);
CREATE INDEX survey_tokens_campaign ON survey_tokens (campaign_id);

CREATE TABLE survey_responses (
  -- random (gen in the application), so that ids carry no order
  id            uuid PRIMARY KEY,
  campaign_id   uuid NOT NULL REFERENCES evaluation_campaigns(id),
  -- the day in China, only when the campaign keeps it
  submitted_on  date,
  -- demographic item id → the option chosen (coarse bands), or null
  demographics  jsonb NOT NULL CHECK (jsonb_typeof(demographics) = 'object'),
  -- item id → the point of the scale answered, or null (blank)
  answers       jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  -- open question id → the text written
  open_answers  jsonb NOT NULL CHECK (jsonb_typeof(open_answers) = 'object')
);
CREATE INDEX survey_responses_campaign ON survey_responses (campaign_id);

-- Campaigns and instruments are targets of the administration trail.
ALTER TABLE admin_events DROP CONSTRAINT admin_events_target_kind_check;
ALTER TABLE admin_events ADD CONSTRAINT admin_events_target_kind_check
  CHECK (target_kind IN ('user', 'jurisdiction', 'unit', 'campaign', 'instrument'));
