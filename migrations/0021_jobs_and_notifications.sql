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
-- The sweep writes many rows at once (bench/reminders.ts: 150,000 in one sweep), so the table is
-- kept lean: a sequential id (appended to its index, where a random uuid lands anywhere), and no
-- foreign keys — each row is made by the sweep from the users and cases it joins in the same
-- statement, and users and cases are never deleted (a user is disabled, a case closed); the
-- per-row checks were a fifth of a sweep's time.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL,
  kind        text NOT NULL,
  case_id     uuid NOT NULL,
  subject_id  uuid NOT NULL,
  due_on      date NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (user_id, kind, subject_id, due_on)
);
-- A user's list: unread first, newest first (keyset paged on this order); it also counts the
-- unread ones (`(read_at IS NOT NULL) IS FALSE` matches its second column). No index more: the
-- sweep writes every row through each of them.
CREATE INDEX notifications_user_list
  ON notifications (user_id, (read_at IS NOT NULL), created_at DESC, id DESC);
