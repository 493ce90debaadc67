-- The indicators from case records (issue 12, src/app/evaluation/indicators.ts) over a province's
-- million cases within 300 ms (bench:indicators). Each family of records is one grouped query over
-- a period; these make each an index-only range scan, and take the first determinations' two
-- per-row lookups (the case's day of acceptance, the publicity notice) off the read.

-- State kept on the determination, written by the transition that knows it: the case's day of
-- acceptance, copied when the determination is written (decide.ts, decide-challenge.ts), and the
-- day its publicity notice (公示公告) was issued (issue-document.ts). The rows written before
-- this, from the rows that hold the days: the case's accepted_on, and the earliest publicity
-- notice whose subject is the determination (a determination has one).
ALTER TABLE determinations ADD COLUMN accepted_on date, ADD COLUMN publicized_on date;
UPDATE determinations d
   SET accepted_on = c.accepted_on,
       publicized_on = (SELECT min(doc.issued_on) FROM case_documents doc
                         WHERE doc.case_id = d.case_id AND doc.doc_type = 'publicity'
                           AND doc.subject_id = d.id::text)
  FROM cases c
 WHERE c.id = d.case_id;

-- The first determinations made in a period, with what the indicators count of each.
CREATE INDEX determinations_first_decided ON determinations (decided_on)
  INCLUDE (jurisdiction_id, outcome, recommended_outcome, accepted_on, publicized_on)
  WHERE supersedes_id IS NULL;

-- The cases opened in a period by route (0014's cases_created, now covering).
DROP INDEX cases_created;
CREATE INDEX cases_created ON cases (created_at) INCLUDE (jurisdiction_id, route);

-- The reviews and appeals decided, the correction actions due, the corrections reviewed.
CREATE INDEX case_challenges_decided ON case_challenges (decided_on)
  INCLUDE (jurisdiction_id, status) WHERE status IN ('upheld', 'changed');
CREATE INDEX correction_actions_due ON correction_actions (due_on)
  INCLUDE (jurisdiction_id, state, verified_on);
CREATE INDEX corrections_reviewed ON corrections (reviewed_on)
  INCLUDE (jurisdiction_id, state) WHERE reviewed_on IS NOT NULL;
