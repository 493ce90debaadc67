-- Discretion (issue 13): a measure that says *may* (可以免除……或者从轻、减轻) gives the committee a
-- band of outcomes to decide within, without reasons for departing. The band the determination was
-- decided against, and whether it departed from it, are kept on the determination by the
-- transitions that know them (decide.ts, decide-challenge.ts), for the case view and for the
-- indicators' departure rate, which can no longer compare the outcome with one recommended outcome.
ALTER TABLE determinations ADD COLUMN recommended_outcomes text[], ADD COLUMN departs boolean;

-- Determinations made before bands had one recommended outcome (none when undetermined).
UPDATE determinations
   SET recommended_outcomes = CASE WHEN recommended_outcome = 'undetermined' THEN '{}'::text[]
                                   ELSE ARRAY[recommended_outcome] END,
       departs = (recommended_outcome = 'undetermined' OR outcome <> recommended_outcome);

ALTER TABLE determinations ALTER COLUMN recommended_outcomes SET NOT NULL,
                           ALTER COLUMN departs SET NOT NULL;

-- The indicators' covering index (0026) reads departs instead of the recommended outcome.
DROP INDEX determinations_first_decided;
CREATE INDEX determinations_first_decided ON determinations (decided_on)
  INCLUDE (jurisdiction_id, outcome, departs, accepted_on, publicized_on)
  WHERE supersedes_id IS NULL;
