-- Issue 11, follow-up visits (回访): officials in an impact period are followed up. The
-- organization department's liaison draws a sample — at least the pack's followUp.sampleShare of
-- the officials whose impact period ends within followUp.before from the day of the draw, rounded
-- up — by a seeded random draw (src/app/visits/sample.ts) whose seed, population and result are
-- kept here, so that anyone can draw again and get the same. Each official drawn gets a visit: due
-- `before` the period ends, recorded (who visited, what they found, a conclusion) and sent to the
-- organization department. Every change is an event on the case's hash chain; the draw itself is
-- also an admin_events row ('visits.draw').

CREATE TABLE visit_draws (
  id               uuid PRIMARY KEY,
  -- the jurisdiction drawn for, with everything below it
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  drawn_on         date NOT NULL,
  drawn_by         uuid NOT NULL REFERENCES users(id),
  -- the window: impact periods ending from window_from to window_to (inclusive)
  window_from      date NOT NULL,
  window_to        date NOT NULL CHECK (window_to >= window_from),
  share            numeric(4, 3) NOT NULL CHECK (share > 0 AND share <= 1),
  -- the basis the share and the window come from (the pack's clause), as the draw read it
  basis            text,
  seed             text NOT NULL,
  -- the candidates in the order the draw reads them (determination ids, sorted), and those drawn
  population       jsonb NOT NULL,
  selected         jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_draws_jurisdiction ON visit_draws (jurisdiction_id, drawn_on);

CREATE TABLE follow_up_visits (
  id               uuid PRIMARY KEY,
  draw_id          uuid NOT NULL REFERENCES visit_draws(id),
  case_id          uuid NOT NULL REFERENCES cases(id),
  -- a determination is drawn once: the draw skips those drawn before
  determination_id uuid NOT NULL UNIQUE REFERENCES determinations(id),
  official_id      uuid NOT NULL REFERENCES officials(id),
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  impact_ends_on   date NOT NULL,
  due_on           date NOT NULL,
  state            text NOT NULL CHECK (state IN ('scheduled', 'done')),
  visited_on       date,
  -- who visited, as written (names and posts)
  visitors         text,
  findings         text,
  conclusion       text CHECK (conclusion IN ('performing_well', 'needs_support', 'concern')),
  recorded_by      uuid REFERENCES users(id),
  -- the day the result was sent to the organization department
  reported_on      date,
  reported_by      uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'done') = (visited_on IS NOT NULL AND conclusion IS NOT NULL
                             AND visitors IS NOT NULL AND findings IS NOT NULL
                             AND recorded_by IS NOT NULL)),
  CHECK (reported_on IS NULL OR state = 'done')
);
CREATE INDEX follow_up_visits_jurisdiction ON follow_up_visits (jurisdiction_id, state, due_on);
CREATE INDEX follow_up_visits_case ON follow_up_visits (case_id);
CREATE INDEX follow_up_visits_draw ON follow_up_visits (draw_id);
