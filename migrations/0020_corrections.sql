-- Issue 11, correction (纠错): after a determination the deciding body issues a correction opinion
-- (纠错意见书) naming what went wrong and what must be corrected; each correction action has an
-- owner (a unit or an official), a deadline in working days on the jurisdiction's calendar and the
-- evidence of completion it requires. An action moves open → submitted → confirmed, or back to
-- open when not confirmed, or under watch when the verification is inconclusive. The correction is
-- closed only when every action is confirmed; an effectiveness review is then due, months later:
-- effective ends it, not effective reopens it with new actions (a new round). State lives here, in
-- columns; every change is an event on the case's hash chain (src/app/corrections/).

CREATE TABLE corrections (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL UNIQUE REFERENCES cases(id),
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  official_id      uuid NOT NULL REFERENCES officials(id),
  -- the determination in force when the opinion was issued
  determination_id uuid NOT NULL REFERENCES determinations(id),
  document_number  text NOT NULL,
  -- 存在问题 and 纠错要求, as the opinion states them
  problem          text NOT NULL,
  requirement      text NOT NULL,
  state            text NOT NULL CHECK (state IN ('in_progress', 'awaiting_review', 'effective')),
  round            integer NOT NULL DEFAULT 1 CHECK (round >= 1),
  issued_on        date NOT NULL,
  issued_by        uuid NOT NULL REFERENCES users(id),
  -- every action of the round confirmed (closure); the effectiveness review due on review_due_on
  closed_on        date,
  review_due_on    date,
  -- the last effectiveness review: when, by whom, with what finding
  reviewed_on      date,
  reviewed_by      uuid REFERENCES users(id),
  review_finding   text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'in_progress') = (closed_on IS NULL)),
  CHECK ((state = 'awaiting_review') = (review_due_on IS NOT NULL))
);
CREATE INDEX corrections_jurisdiction ON corrections (jurisdiction_id, state);
CREATE INDEX corrections_review_due ON corrections (review_due_on) WHERE state = 'awaiting_review';
CREATE INDEX corrections_official ON corrections (official_id);

CREATE TABLE correction_actions (
  id                uuid PRIMARY KEY,
  correction_id     uuid NOT NULL REFERENCES corrections(id),
  case_id           uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id   text NOT NULL REFERENCES jurisdictions(id),
  seq               integer NOT NULL,
  round             integer NOT NULL,
  task              text NOT NULL,
  evidence_required text NOT NULL,
  owner_unit_id     uuid REFERENCES units(id),
  owner_official_id uuid REFERENCES officials(id),
  -- the deadline: so many working days from the day set, on the jurisdiction's calendar
  due_days          integer NOT NULL CHECK (due_days BETWEEN 1 AND 365),
  due_on            date NOT NULL,
  due_provisional   boolean NOT NULL DEFAULT false,
  state             text NOT NULL CHECK (state IN ('open', 'submitted', 'confirmed', 'watch')),
  -- the owner's last submission
  submitted_on      date,
  submitted_by      uuid REFERENCES users(id),
  submission        text,
  -- the last verification, by someone other than the submitter
  verified_on       date,
  verified_by       uuid REFERENCES users(id),
  verdict           text CHECK (verdict IN ('confirmed', 'not_confirmed', 'inconclusive')),
  verdict_reasons   text,
  returned_count    integer NOT NULL DEFAULT 0,
  created_by        uuid NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (correction_id, seq),
  CHECK ((owner_unit_id IS NULL) <> (owner_official_id IS NULL)),
  CHECK (state <> 'submitted' OR submitted_on IS NOT NULL),
  CHECK (state NOT IN ('confirmed', 'watch') OR verified_on IS NOT NULL)
);
CREATE INDEX correction_actions_correction ON correction_actions (correction_id, seq);
-- The reminder sweep: open actions by deadline.
CREATE INDEX correction_actions_open_due ON correction_actions (due_on) WHERE state = 'open';
CREATE INDEX correction_actions_submitted ON correction_actions (jurisdiction_id)
  WHERE state = 'submitted';
CREATE INDEX correction_actions_owner_unit ON correction_actions (owner_unit_id)
  WHERE owner_unit_id IS NOT NULL;
CREATE INDEX correction_actions_owner_official ON correction_actions (owner_official_id)
  WHERE owner_official_id IS NOT NULL;

-- The files submitted as evidence of completion, kept with the submission they came with; their
-- content is stored once, like the case's evidence (evidence_blobs).
CREATE TABLE correction_files (
  id               uuid PRIMARY KEY,
  action_id        uuid NOT NULL REFERENCES correction_actions(id),
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL,
  sha256           text NOT NULL REFERENCES evidence_blobs(sha256),
  filename         text NOT NULL,
  media_type       text NOT NULL,
  uploaded_by      uuid NOT NULL REFERENCES users(id),
  uploaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX correction_files_action ON correction_files (action_id);

-- Talks (谈心谈话, 提醒谈话) held with an official after a determination, on the official's record.
CREATE TABLE talks (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  official_id      uuid NOT NULL REFERENCES officials(id),
  kind             text NOT NULL CHECK (kind IN ('supportive', 'reminder')),
  held_on          date NOT NULL,
  participants     text NOT NULL,
  summary          text NOT NULL,
  follow_up        text NOT NULL DEFAULT '',
  recorded_by      uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX talks_official ON talks (official_id, held_on);
CREATE INDEX talks_case ON talks (case_id);
