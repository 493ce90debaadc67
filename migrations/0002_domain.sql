-- The case procedure's domain: organization, users and roles, cases with their facts, evidence,
-- verification, consultation, deliberation, determination, deadlines and the audit trail.
-- Every case-related row carries its jurisdiction so that a national deployment can partition by it.

CREATE TABLE jurisdictions (
  id            text PRIMARY KEY,                 -- a stable code, e.g. 'cn-x-province'
  parent_id     text REFERENCES jurisdictions(id),
  path          text NOT NULL UNIQUE,             -- '/cn-x-province/cn-x-city/', for subtree queries
  level         text NOT NULL CHECK (level IN ('national', 'province', 'city', 'district', 'new_area')),
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  pack_id       text NOT NULL,                    -- the policy pack the jurisdiction applies
  calendar_id   text NOT NULL DEFAULT 'cn',       -- the working-day calendar
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id               uuid PRIMARY KEY,
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  parent_id        uuid REFERENCES units(id),
  path             text NOT NULL UNIQUE,          -- jurisdiction path + '/u:<id>/' chain
  name_zh          text NOT NULL,
  name_en          text NOT NULL,
  kind             text NOT NULL DEFAULT 'department',
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_jurisdiction ON units (jurisdiction_id);

CREATE TABLE officials (
  id                         uuid PRIMARY KEY,
  name                       text NOT NULL,
  position_zh                text NOT NULL DEFAULT '',
  position_en                text NOT NULL DEFAULT '',
  unit_id                    uuid NOT NULL REFERENCES units(id),
  -- the jurisdiction whose organization department manages the official (干部管理权限)
  managing_jurisdiction_id   text NOT NULL REFERENCES jurisdictions(id),
  created_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officials_unit ON officials (unit_id);

CREATE TABLE users (
  id               uuid PRIMARY KEY,
  username         text NOT NULL UNIQUE,
  display_name     text NOT NULL,
  password_hash    text NOT NULL,
  official_id      uuid REFERENCES officials(id),
  locale           text NOT NULL DEFAULT 'zh',
  failed_logins    integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  disabled         boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- A role held over a scope: a jurisdiction subtree, a unit subtree, or (officials) oneself.
CREATE TABLE role_grants (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('official', 'unit_party', 'intake', 'investigator',
                 'committee_member', 'committee_chair', 'org_liaison', 'policy_admin', 'auditor', 'admin')),
  scope_kind   text NOT NULL CHECK (scope_kind IN ('jurisdiction', 'unit', 'self')),
  scope_id     text NOT NULL,
  scope_path   text NOT NULL,                   -- path of the scope root; '' for self
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role, scope_kind, scope_id)
);
CREATE INDEX role_grants_user ON role_grants (user_id);

CREATE TABLE sessions (
  id_hash       text PRIMARY KEY,               -- sha256 of the session token; the token is never stored
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ip            text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Login attempts by client, for rate limiting that survives restarts.
CREATE TABLE login_attempts (
  id          bigserial PRIMARY KEY,
  username    text NOT NULL,
  ip          text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  succeeded   boolean NOT NULL
);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);

-- Accountability matters recorded against officials: each opens an ex-officio tolerance check.
CREATE TABLE accountability_matters (
  id               uuid PRIMARY KEY,
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  official_id      uuid NOT NULL REFERENCES officials(id),
  summary          text NOT NULL,
  opened_on        date NOT NULL,
  recorded_by      uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Ex-ante risk filings (the filing workflow comes later; the link and its effect on facts now).
CREATE TABLE risk_filings (
  id               uuid PRIMARY KEY,
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  unit_id          uuid NOT NULL REFERENCES units(id),
  title            text NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  filed_on         date NOT NULL,
  decided_on       date,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Sequential case numbers per jurisdiction and year, taken atomically.
CREATE TABLE case_counters (
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  year             integer NOT NULL,
  last             integer NOT NULL,
  PRIMARY KEY (jurisdiction_id, year)
);

CREATE TABLE cases (
  id                   uuid PRIMARY KEY,
  number               text NOT NULL UNIQUE,
  jurisdiction_id      text NOT NULL REFERENCES jurisdictions(id),
  jurisdiction_path    text NOT NULL,
  official_id          uuid NOT NULL REFERENCES officials(id),
  unit_id              uuid NOT NULL REFERENCES units(id),
  unit_path            text NOT NULL,
  route                text NOT NULL CHECK (route IN ('application', 'ex_officio', 'risk_filing')),
  state                text NOT NULL,
  version              integer NOT NULL DEFAULT 1,        -- optimistic concurrency
  title                text NOT NULL,
  summary              text NOT NULL DEFAULT '',
  conduct_date         date NOT NULL,
  pack_id              text NOT NULL,
  pack_version         text,                              -- bound at acceptance
  accountability_matter_id uuid REFERENCES accountability_matters(id),
  risk_filing_id       uuid REFERENCES risk_filings(id),
  applicant_user_id    uuid REFERENCES users(id),
  -- the running step's clock
  step                 text NOT NULL,
  step_started_on      date NOT NULL,
  step_due_on          date,
  step_due_provisional boolean NOT NULL DEFAULT false,
  suspended_since      date,
  -- the audit chain's head, updated with every event
  event_count          integer NOT NULL DEFAULT 0,
  head_hash            text NOT NULL DEFAULT '',
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  closed_at            timestamptz
);
CREATE INDEX cases_jurisdiction_state ON cases (jurisdiction_path text_pattern_ops, state);
CREATE INDEX cases_official ON cases (official_id);
CREATE INDEX cases_due ON cases (step_due_on) WHERE closed_at IS NULL AND suspended_since IS NULL;

-- Append-only, hash-chained events: every change to a case, in the transaction that makes it.
CREATE TABLE case_events (
  id               bigserial PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  seq              integer NOT NULL,
  type             text NOT NULL,
  step             text NOT NULL,
  actor_id         uuid,                                  -- null for the system
  at               timestamptz NOT NULL,
  reason           text NOT NULL DEFAULT '',
  payload          jsonb NOT NULL DEFAULT '{}',
  prev_hash        text NOT NULL,
  hash             text NOT NULL,
  UNIQUE (case_id, seq)
);

-- Facts with their provenance; a later value supersedes an earlier one.
CREATE TABLE case_facts (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  fact             text NOT NULL,
  value            jsonb,                                 -- null: explicitly unknown
  source           text NOT NULL CHECK (source IN ('applicant', 'investigator', 'ex_officio', 'risk_filing', 'committee')),
  evidence_ids     jsonb NOT NULL DEFAULT '[]',
  note             text NOT NULL DEFAULT '',
  recorded_by      uuid REFERENCES users(id),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  superseded_at    timestamptz
);
CREATE INDEX case_facts_current ON case_facts (case_id, fact) WHERE superseded_at IS NULL;

-- Evidence files live in the store, content-addressed.
CREATE TABLE evidence_blobs (
  sha256    text PRIMARY KEY,
  size      bigint NOT NULL,
  content   bytea NOT NULL
);
CREATE TABLE evidence (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  sha256           text NOT NULL REFERENCES evidence_blobs(sha256),
  filename         text NOT NULL,
  media_type       text NOT NULL,
  description      text NOT NULL DEFAULT '',
  uploaded_by      uuid REFERENCES users(id),
  uploaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_case ON evidence (case_id);

-- The structured six-element assessment (2018 guidance), one row per element.
CREATE TABLE case_assessments (
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  element          text NOT NULL CHECK (element IN ('motive', 'conditions', 'procedure', 'nature', 'consequences', 'recovery')),
  rating           text NOT NULL CHECK (rating IN ('favourable', 'neutral', 'unfavourable')),
  notes            text NOT NULL DEFAULT '',
  assessed_by      uuid REFERENCES users(id),
  assessed_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, element)
);

CREATE TABLE case_statements (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  text             text NOT NULL,
  made_by          uuid REFERENCES users(id),
  made_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE consultations (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  department       text NOT NULL,
  requested_by     uuid REFERENCES users(id),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  opinion          text,
  responded_by     uuid REFERENCES users(id),
  responded_at     timestamptz
);
CREATE INDEX consultations_case ON consultations (case_id);

-- Deliberation: members, declared conflicts and recusals, votes, minutes.
CREATE TABLE deliberation_members (
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  user_id          uuid NOT NULL REFERENCES users(id),
  is_chair         boolean NOT NULL DEFAULT false,
  conflict         text,                                  -- declared conflict, if any
  recused          boolean NOT NULL DEFAULT false,
  vote             text,                                  -- an outcome id
  vote_reason      text NOT NULL DEFAULT '',
  voted_at         timestamptz,
  PRIMARY KEY (case_id, user_id)
);

CREATE TABLE determinations (
  id                   uuid PRIMARY KEY,
  case_id              uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id      text NOT NULL,
  outcome              text NOT NULL,
  recommended_outcome  text NOT NULL,
  recommendation       jsonb NOT NULL,                    -- the engine's result with reasons
  departure_reasons    text NOT NULL DEFAULT '',
  minutes              text NOT NULL DEFAULT '',
  document_number      text NOT NULL,
  decided_on           date NOT NULL,
  decided_by           uuid REFERENCES users(id),
  supersedes_id        uuid REFERENCES determinations(id),
  basis                text NOT NULL DEFAULT 'first' CHECK (basis IN ('first', 'review', 'appeal', 'higher_correction')),
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX determinations_case ON determinations (case_id);

CREATE TABLE case_suspensions (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  step             text NOT NULL,
  from_on          date NOT NULL,
  to_on            date,
  reason           text NOT NULL
);

CREATE TABLE case_extensions (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  step             text NOT NULL,
  days             integer NOT NULL CHECK (days > 0),
  reason           text NOT NULL,
  requested_by     uuid REFERENCES users(id),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  status           text NOT NULL CHECK (status IN ('requested', 'approved', 'refused')),
  decided_by       uuid REFERENCES users(id),
  decided_at       timestamptz
);

-- Review (by the same body) and appeal (to the next level) requests.
CREATE TABLE case_challenges (
  id                uuid PRIMARY KEY,
  case_id           uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id   text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('review', 'appeal')),
  determination_id  uuid NOT NULL REFERENCES determinations(id),
  grounds           text NOT NULL,
  filed_by          uuid REFERENCES users(id),
  filed_on          date NOT NULL,
  due_on            date,
  status            text NOT NULL CHECK (status IN ('pending', 'upheld', 'changed', 'withdrawn')),
  result_determination_id uuid REFERENCES determinations(id),
  decided_at        timestamptz
);

-- Who saw what, and when.
CREATE TABLE read_log (
  id               bigserial PRIMARY KEY,
  user_id          uuid NOT NULL,
  case_id          uuid,
  jurisdiction_id  text,
  what             text NOT NULL,
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX read_log_case ON read_log (case_id, at);

-- Idempotent creating requests.
CREATE TABLE idempotency_keys (
  user_id        uuid NOT NULL,
  key            text NOT NULL,
  request_hash   text NOT NULL,
  status         integer NOT NULL,
  response       jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
