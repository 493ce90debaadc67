-- Several officials in one matter (共同失误，多人一案; issue 13, item 4). Each official keeps a case
-- of their own (number, file, trail, determination, documents); the joint matter links them, so
-- that facts common to all are recorded once for every case and one panel deliberates on all.
-- Each official's role in the matter (直接责任, 主要领导责任 …) is the standard fact
-- `responsibility` of their case, where the packs can weigh it; the facts common to all are
-- recorded in each case (source 'joint'), so every reader of a case's facts reads them as they are.
CREATE TABLE joint_matters (
  id               uuid PRIMARY KEY,
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  title            text NOT NULL,
  summary          text NOT NULL,
  conduct_date     date NOT NULL,
  -- Raised by every change made to all the matter's cases at once (a joint fact, the panel).
  version          integer NOT NULL DEFAULT 1,
  created_by       uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE cases ADD COLUMN joint_matter_id uuid REFERENCES joint_matters(id);
CREATE INDEX cases_joint_matter ON cases (joint_matter_id) WHERE joint_matter_id IS NOT NULL;

-- A fact recorded for every official of a joint matter at once is sourced 'joint' in each case.
ALTER TABLE case_facts DROP CONSTRAINT case_facts_source_check;
ALTER TABLE case_facts ADD CONSTRAINT case_facts_source_check
  CHECK (source IN ('applicant', 'investigator', 'ex_officio', 'risk_filing', 'committee', 'joint'));
