-- The day a case was accepted (受理日期, issue 10): a column written by the accept transition
-- (src/app/cases/accept.ts), so the work queue can filter and export by it.
ALTER TABLE cases ADD COLUMN accepted_on date;

-- The cases accepted before this column, from the rows that hold the day (never the audit trail):
-- a case still in verification entered that step the day it was accepted (only acceptance leads
-- there; a suspension or an extension keeps the step's start) ...
UPDATE cases SET accepted_on = step_started_on WHERE state = 'verification';
-- ... any other, the day its acceptance notice (受理通知书) was issued, when one was. A case
-- accepted earlier without a notice keeps NULL: no accepted-date range finds it.
UPDATE cases c SET accepted_on = d.issued_on
  FROM case_documents d
 WHERE d.case_id = c.id AND d.doc_type = 'acceptance' AND d.subject_id = ''
   AND c.accepted_on IS NULL;

-- The accepted-date filter: a range of days reads this index instead of walking the list's order
-- (as cases_created serves the opened-date filter, 0014). Unaccepted cases are not indexed.
CREATE INDEX cases_accepted ON cases (accepted_on) WHERE accepted_on IS NOT NULL;

-- The outcome filter (0014's determinations_outcome) drives from the determinations of one outcome
-- (one in fifty at a million cases: about 20,000), keeps those in force and checks each one's case
-- against the reader's scope. Measured with bench:scale, each step read the table's wide rows
-- (about 1 s): these let each run on an index alone.
CREATE INDEX determinations_outcome_in_force ON determinations (outcome, case_id, created_at);
CREATE INDEX determinations_case_created ON determinations (case_id, created_at);
DROP INDEX determinations_outcome;
CREATE INDEX cases_scope_by_id ON cases (id) INCLUDE (jurisdiction_path, unit_path);
