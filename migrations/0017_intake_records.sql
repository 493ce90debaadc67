-- Issue 10, the intake screens: what a real office records with an accountability matter and a
-- risk filing, and the index the risk-filing list reads.
--
-- An accountability matter's source (问题线索来源: an inspection, an audit, a petition …) and the
-- referral it came by (e.g. the inspection team's feedback). Matters recorded before this
-- migration have none (NULL), so the column stays nullable; new ones always have one.
ALTER TABLE accountability_matters ADD COLUMN source text
  CHECK (source IN ('inspection', 'audit', 'petition', 'supervision', 'media', 'referral', 'other'));
ALTER TABLE accountability_matters ADD COLUMN source_detail text NOT NULL DEFAULT '';

-- A risk filing's substance: the risks foreseen, the measures to contain them, the reviewer's
-- opinion, and who recorded it (NULL for filings recorded before this migration).
ALTER TABLE risk_filings ADD COLUMN risks text NOT NULL DEFAULT '';
ALTER TABLE risk_filings ADD COLUMN measures text NOT NULL DEFAULT '';
ALTER TABLE risk_filings ADD COLUMN review_opinion text NOT NULL DEFAULT '';
ALTER TABLE risk_filings ADD COLUMN recorded_by uuid REFERENCES users(id);

-- GET /api/risk-filings: a jurisdiction's filings, latest filed first.
CREATE INDEX risk_filings_list ON risk_filings (jurisdiction_id, filed_on DESC, id DESC);
-- The cases linked to a filing.
CREATE INDEX cases_risk_filing ON cases (risk_filing_id) WHERE risk_filing_id IS NOT NULL;
