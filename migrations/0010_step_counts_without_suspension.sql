-- The dashboard's open cases by step no longer keep the suspended ones apart (0007 did): a
-- suspension and a resumption changed two rows of case_step_counts, which every concurrent
-- suspension in the same jurisdiction and step waited on (suspend/resume ran at 80% of the rate of
-- recording a fact, which touches no summary). Suspended cases are few: the dashboard counts them
-- from the cases themselves, through the small partial index below, and the summary changes only
-- when a case opens, closes, changes step or jurisdiction.
DROP TRIGGER cases_step_counts_update ON cases;
DROP TRIGGER cases_step_counts ON cases;
DROP FUNCTION rongcuo_case_step_counts_sync();
DROP FUNCTION rongcuo_case_step_count_add(text, text, boolean, integer, integer);
DROP TABLE case_step_counts;

-- Open cases per jurisdiction and step, split over 16 shards by the case id (see 0007).
CREATE TABLE case_step_counts (
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  step             text NOT NULL,
  shard            smallint NOT NULL,
  n                integer NOT NULL,
  PRIMARY KEY (jurisdiction_id, step, shard)
);
INSERT INTO case_step_counts (jurisdiction_id, step, shard, n)
  SELECT jurisdiction_id, step, abs(hashtext(id::text)) % 16, count(*)
    FROM cases
   WHERE state NOT IN ('refused', 'closed', 'withdrawn')
   GROUP BY 1, 2, 3;

-- Adds d to one count.
CREATE FUNCTION rongcuo_case_step_count_add(j text, s text, sh integer, d integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_step_counts AS c (jurisdiction_id, step, shard, n)
    VALUES (j, s, sh, d)
    ON CONFLICT (jurisdiction_id, step, shard) DO UPDATE SET n = c.n + d;
$$;

-- A case leaves one count and enters another, the two rows changed in the order of their keys so
-- that two transitions moving cases in opposite directions never wait on each other in a cycle.
CREATE FUNCTION rongcuo_case_step_counts_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  leaving boolean := TG_OP IN ('UPDATE', 'DELETE')
                     AND OLD.state NOT IN ('refused', 'closed', 'withdrawn');
  entering boolean := TG_OP IN ('INSERT', 'UPDATE')
                      AND NEW.state NOT IN ('refused', 'closed', 'withdrawn');
  new_first boolean := entering AND (NOT leaving OR
    (NEW.jurisdiction_id, NEW.step) < (OLD.jurisdiction_id, OLD.step));
BEGIN
  IF new_first THEN
    PERFORM rongcuo_case_step_count_add(NEW.jurisdiction_id, NEW.step,
      abs(hashtext(NEW.id::text)) % 16, 1);
  END IF;
  IF leaving THEN
    PERFORM rongcuo_case_step_count_add(OLD.jurisdiction_id, OLD.step,
      abs(hashtext(OLD.id::text)) % 16, -1);
  END IF;
  IF entering AND NOT new_first THEN
    PERFORM rongcuo_case_step_count_add(NEW.jurisdiction_id, NEW.step,
      abs(hashtext(NEW.id::text)) % 16, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_step_counts AFTER INSERT OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION rongcuo_case_step_counts_sync();
CREATE TRIGGER cases_step_counts_update AFTER UPDATE OF state, step, jurisdiction_id
  ON cases FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.step IS DISTINCT FROM NEW.step
        OR OLD.jurisdiction_id IS DISTINCT FROM NEW.jurisdiction_id)
  EXECUTE FUNCTION rongcuo_case_step_counts_sync();

-- The suspended cases, for the dashboard's count of them by step.
CREATE INDEX cases_suspended ON cases (jurisdiction_id, step) WHERE suspended_since IS NOT NULL;
