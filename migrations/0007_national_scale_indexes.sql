-- Reads at national scale (a million cases): indexes that match the case list's orders and scope
-- filters, a search index, and the dashboard's two summaries (decisions by month, open cases by
-- step), which the database keeps by triggers: the application never writes them.

-- The case list, newest activity first: keyset paging walks this index from the cursor on.
CREATE INDEX cases_updated ON cases (updated_at, id);
-- The case list by due date: open cases first, the nearest due date first, no clock last. Ties go
-- by id, not by number: numbers begin with the jurisdiction's code, so a tie-break by number puts
-- one jurisdiction's cases of a day after all of another's, and a reader of one district would
-- walk past every other district's cases due that day.
CREATE INDEX cases_due_order ON cases ((closed_at IS NOT NULL), (coalesce(step_due_on, 'infinity'::date)), id);
-- Overdue and due-soon work (the list's due filters, the dashboard's overdue count and list):
-- replaces cases_due, with the list's tie-breaker (id, as above) and the scope columns the
-- dashboard's count needs.
DROP INDEX cases_due;
CREATE INDEX cases_open_due ON cases (step_due_on, id) INCLUDE (jurisdiction_id, unit_id)
  WHERE closed_at IS NULL AND suspended_since IS NULL;
-- The other parts of the read scope (policies.ts): a unit subtree, the applicant's own cases.
CREATE INDEX cases_unit_path ON cases (unit_path text_pattern_ops);
CREATE INDEX cases_applicant ON cases (applicant_user_id);

-- Search: substring matches (ILIKE '%…%') served by GIN indexes over the character bigrams of
-- the text, lower-cased. Bigrams rather than pg_trgm's trigrams because a Chinese search term is
-- often two characters, which has no trigram; and they need no extension on either store. The
-- search looks for cases whose bigrams contain every bigram of the term, then checks the ILIKE.
-- (plpgsql: about twice as fast per text as the same in SQL with generate_series.)
CREATE FUNCTION rongcuo_grams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  s text := lower(t);
  grams text[] := '{}';
BEGIN
  FOR i IN 1 .. char_length(s) - 1 LOOP
    grams := grams || substr(s, i, 2);
  END LOOP;
  RETURN grams;
END
$$;
CREATE INDEX cases_search ON cases USING gin (rongcuo_grams(number || ' ' || title));
CREATE INDEX officials_name_grams ON officials USING gin (rongcuo_grams(name));

-- The dashboard's decisions by month and outcome: counted per jurisdiction of the case, month,
-- pack and outcome, kept by a trigger on determinations (inserts, and for completeness updates
-- and deletes), so the dashboard sums a few hundred rows instead of joining every determination
-- in scope to its case. Determinations are rare writes: the extra upsert costs the decision
-- little. The foreign key makes TRUNCATE … CASCADE of jurisdictions (the demo's reset) empty it.
CREATE TABLE determination_months (
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  month            text NOT NULL,           -- 'YYYY-MM' of decided_on
  pack_id          text NOT NULL,           -- the case's pack (for the outcome labels)
  outcome          text NOT NULL,
  n                integer NOT NULL,
  PRIMARY KEY (jurisdiction_id, month, pack_id, outcome)
);
INSERT INTO determination_months (jurisdiction_id, month, pack_id, outcome, n)
  SELECT c.jurisdiction_id, to_char(d.decided_on, 'YYYY-MM'), c.pack_id, d.outcome, count(*)
    FROM determinations d JOIN cases c ON c.id = d.case_id
   GROUP BY 1, 2, 3, 4;

CREATE FUNCTION rongcuo_determination_months_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE determination_months m SET n = m.n - 1
      FROM cases c
     WHERE c.id = OLD.case_id AND m.jurisdiction_id = c.jurisdiction_id
       AND m.month = to_char(OLD.decided_on, 'YYYY-MM') AND m.pack_id = c.pack_id
       AND m.outcome = OLD.outcome;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO determination_months AS m (jurisdiction_id, month, pack_id, outcome, n)
      SELECT c.jurisdiction_id, to_char(NEW.decided_on, 'YYYY-MM'), c.pack_id, NEW.outcome, 1
        FROM cases c WHERE c.id = NEW.case_id
      ON CONFLICT (jurisdiction_id, month, pack_id, outcome) DO UPDATE SET n = m.n + 1;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER determinations_months AFTER INSERT OR DELETE OR UPDATE OF case_id, decided_on, outcome
  ON determinations FOR EACH ROW EXECUTE FUNCTION rongcuo_determination_months_sync();

-- The dashboard's open cases by step (and how many of them are suspended), per jurisdiction,
-- kept by triggers on cases, so the dashboard sums a few hundred rows instead of counting every
-- open case in scope. "Open" is a state outside TERMINAL (src/domain/case-states.ts: refused,
-- closed, withdrawn). Each count is split over 16 shards by the case id, so that concurrent
-- transitions in one jurisdiction and step rarely update the same row (an update holds its row
-- until commit). The update trigger fires only when the state, step, suspension or jurisdiction
-- changes: recording a fact or a vote does not touch the counts.
CREATE TABLE case_step_counts (
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  step             text NOT NULL,
  suspended        boolean NOT NULL,
  shard            smallint NOT NULL,
  n                integer NOT NULL,
  PRIMARY KEY (jurisdiction_id, step, suspended, shard)
);
INSERT INTO case_step_counts (jurisdiction_id, step, suspended, shard, n)
  SELECT jurisdiction_id, step, suspended_since IS NOT NULL, abs(hashtext(id::text)) % 16, count(*)
    FROM cases
   WHERE state NOT IN ('refused', 'closed', 'withdrawn')
   GROUP BY 1, 2, 3, 4;

-- Adds d to one count.
CREATE FUNCTION rongcuo_case_step_count_add(j text, s text, susp boolean, sh integer, d integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_step_counts AS c (jurisdiction_id, step, suspended, shard, n)
    VALUES (j, s, susp, sh, d)
    ON CONFLICT (jurisdiction_id, step, suspended, shard) DO UPDATE SET n = c.n + d;
$$;

-- A case leaves one count and enters another. The two rows are changed in the order of their keys,
-- so that two transitions moving cases in opposite directions (a suspension and a resumption in
-- one step and shard) never wait on each other in a cycle (a deadlock).
CREATE FUNCTION rongcuo_case_step_counts_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  leaving boolean := TG_OP IN ('UPDATE', 'DELETE')
                     AND OLD.state NOT IN ('refused', 'closed', 'withdrawn');
  entering boolean := TG_OP IN ('INSERT', 'UPDATE')
                      AND NEW.state NOT IN ('refused', 'closed', 'withdrawn');
  new_first boolean := entering AND (NOT leaving OR
    (NEW.jurisdiction_id, NEW.step, NEW.suspended_since IS NOT NULL)
      < (OLD.jurisdiction_id, OLD.step, OLD.suspended_since IS NOT NULL));
BEGIN
  IF new_first THEN
    PERFORM rongcuo_case_step_count_add(NEW.jurisdiction_id, NEW.step,
      NEW.suspended_since IS NOT NULL, abs(hashtext(NEW.id::text)) % 16, 1);
  END IF;
  IF leaving THEN
    PERFORM rongcuo_case_step_count_add(OLD.jurisdiction_id, OLD.step,
      OLD.suspended_since IS NOT NULL, abs(hashtext(OLD.id::text)) % 16, -1);
  END IF;
  IF entering AND NOT new_first THEN
    PERFORM rongcuo_case_step_count_add(NEW.jurisdiction_id, NEW.step,
      NEW.suspended_since IS NOT NULL, abs(hashtext(NEW.id::text)) % 16, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_step_counts AFTER INSERT OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION rongcuo_case_step_counts_sync();
CREATE TRIGGER cases_step_counts_update AFTER UPDATE OF state, step, suspended_since, jurisdiction_id
  ON cases FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.step IS DISTINCT FROM NEW.step
        OR (OLD.suspended_since IS NULL) <> (NEW.suspended_since IS NULL)
        OR OLD.jurisdiction_id IS DISTINCT FROM NEW.jurisdiction_id)
  EXECUTE FUNCTION rongcuo_case_step_counts_sync();
