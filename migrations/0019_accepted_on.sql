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

-- The outcome filter: the outcome of the determination in force, kept on the case and written by
-- the transitions that make a determination (decide, and a review or appeal that changes it), as
-- the other state is (0006, 0012). Read through 0014's determinations_outcome, the filter checked
-- each candidate's determinations and case rows: about 20,000 of each at a million cases (1 to
-- 2.5 s in bench:scale); the list's page walked the newest cases checking each one's determination.
ALTER TABLE cases ADD COLUMN outcome_in_force text;
UPDATE cases c SET outcome_in_force = d.outcome
  FROM (SELECT DISTINCT ON (case_id) case_id, outcome FROM determinations
         ORDER BY case_id, created_at DESC) d
 WHERE d.case_id = c.id;
CREATE INDEX cases_outcome_in_force ON cases (outcome_in_force, updated_at, id)
  WHERE outcome_in_force IS NOT NULL;
-- The decision's day checks that the determination is the one in force (none made after it) on
-- an index alone.
CREATE INDEX determinations_case_created ON determinations (case_id, created_at);
