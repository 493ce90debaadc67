-- Covering indexes measured by bench:indicators (BENCH_INDICATORS_INDEXES=1), not yet a migration:
-- they belong in migrations/0026_*.sql once 0025 (the campaigns' branch) is merged, if kept.
-- Each turns one of the indicators' grouped queries over a period into an index-only range scan
-- (the plain queries read the heap of a million cases and of 666,000 determinations: seconds).
-- The first determinations' two per-row lookups (the case's day of acceptance, the publicity
-- notice) stay the slowest part even so: see bench/results/indicators.json.
CREATE INDEX IF NOT EXISTS cases_created_route ON cases (created_at) INCLUDE (jurisdiction_id, route);
CREATE INDEX IF NOT EXISTS cases_accepted_by_id ON cases (id) INCLUDE (accepted_on);
CREATE INDEX IF NOT EXISTS determinations_first_decided ON determinations (decided_on)
  INCLUDE (jurisdiction_id, outcome, recommended_outcome, case_id, id) WHERE supersedes_id IS NULL;
CREATE INDEX IF NOT EXISTS case_documents_publicity ON case_documents (case_id, subject_id)
  INCLUDE (issued_on) WHERE doc_type = 'publicity';
CREATE INDEX IF NOT EXISTS case_challenges_decided ON case_challenges (decided_on)
  INCLUDE (jurisdiction_id, status) WHERE status IN ('upheld', 'changed');
CREATE INDEX IF NOT EXISTS correction_actions_due ON correction_actions (due_on)
  INCLUDE (jurisdiction_id, state, verified_on);
CREATE INDEX IF NOT EXISTS corrections_reviewed ON corrections (reviewed_on)
  INCLUDE (jurisdiction_id, state) WHERE reviewed_on IS NOT NULL;
