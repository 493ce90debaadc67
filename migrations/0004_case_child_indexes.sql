-- Indexes on case_id for the case's child tables that had none: reading a case (and restarting a
-- step clock, which reads the suspensions) looked them up by scanning the whole table.
CREATE INDEX case_statements_case ON case_statements (case_id);
CREATE INDEX case_suspensions_case ON case_suspensions (case_id);
CREATE INDEX case_extensions_case ON case_extensions (case_id);
CREATE INDEX case_challenges_case ON case_challenges (case_id);
