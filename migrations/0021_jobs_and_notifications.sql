-- Issue 11, reminders: a job table that every app instance works from, and the in-app
-- notifications the reminder sweep writes (src/app/jobs/).
--
-- A job is claimed by one runner at a time: `SELECT … FOR UPDATE SKIP LOCKED` in a short
-- transaction marks it running with a lease (locked_until); the runner then does the work and
-- marks it done. Another instance skips a row being claimed and never sees a running job until its
-- lease has expired (the process died mid-job), when it is claimed again. A failure puts the job
-- back with a later run_at (backoff) and keeps the error; after max_attempts it stays failed.
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL,
  -- idempotent scheduling: scheduling the same key twice (e.g. two instances starting) is one job
  key          text NOT NULL UNIQUE,
  run_at       timestamptz NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  state        text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts >= 1),
  -- the lease of the runner that claimed it: past this instant the claim is void
  locked_until timestamptz,
  locked_by    text,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  CHECK ((state = 'running') = (locked_until IS NOT NULL))
);
-- What the runner claims: pending jobs by run_at, running ones whose lease may have expired.
CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'pending';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';

-- In-app notifications (提醒). The text is rendered on read from kind and params (zh and en), so a
-- reader sees it in their language. A reminder is sent once per user, kind, subject (a correction
-- action or a correction) and due_on: due_on is the date reminded of (a deadline, or the day an
-- action was submitted for verification), so a new deadline or a resubmission is reminded again,
-- and two sweeps that race insert it once (ON CONFLICT DO NOTHING on the unique key).
CREATE TABLE notifications (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id),
  kind        text NOT NULL,
  case_id     uuid NOT NULL REFERENCES cases(id),
  subject_id  uuid NOT NULL,
  due_on      date NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (user_id, kind, subject_id, due_on)
);
-- A user's list: unread first, newest first (keyset paged on this order).
CREATE INDEX notifications_user_list
  ON notifications (user_id, (read_at IS NOT NULL), created_at DESC, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;
