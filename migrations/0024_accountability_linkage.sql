-- Accountability linkage (问责衔接): an accountability matter is a record of its own, with its
-- circumstances under the accountability regulation, the lifelong-accountability flag for a major
-- decision (重大决策终身责任追究), the outcome of its tolerance case fed back to it, and a criminal
-- referral (移送). The codes and labels are in src/shared/matters.ts; the use cases in
-- src/app/matters/.

-- The matter's Art. 17/18/19 circumstances, as stable codes (MATTER_CIRCUMSTANCES).
ALTER TABLE accountability_matters ADD COLUMN circumstances text[] NOT NULL DEFAULT '{}';

-- Lifelong accountability for a major decision: the decision's name, date and the body that made
-- it, all given when the flag is set and none otherwise.
ALTER TABLE accountability_matters ADD COLUMN lifelong boolean NOT NULL DEFAULT false;
ALTER TABLE accountability_matters ADD COLUMN major_decision_name text;
ALTER TABLE accountability_matters ADD COLUMN major_decision_on date;
ALTER TABLE accountability_matters ADD COLUMN major_decision_body text;
ALTER TABLE accountability_matters ADD CONSTRAINT accountability_matters_lifelong CHECK (
  lifelong = (major_decision_name IS NOT NULL)
  AND lifelong = (major_decision_on IS NOT NULL)
  AND lifelong = (major_decision_body IS NOT NULL));

-- open: under investigation; concluded: the tolerance outcome fed back; referred: with the
-- competent body after a criminal referral (never concluded by tolerance).
ALTER TABLE accountability_matters ADD COLUMN status text NOT NULL DEFAULT 'open'
  CHECK (status IN ('open', 'concluded', 'referred'));

-- The outcome of the tolerance case in force, fed back by the decision (and replaced by a review
-- or appeal that changes it): the case, the outcome, the day it took effect, how it came, and the
-- outcome it replaced.
ALTER TABLE accountability_matters ADD COLUMN fed_back_case_id uuid REFERENCES cases(id);
ALTER TABLE accountability_matters ADD COLUMN fed_back_outcome text;
ALTER TABLE accountability_matters ADD COLUMN fed_back_in_force_on date;
ALTER TABLE accountability_matters ADD COLUMN fed_back_basis text
  CHECK (fed_back_basis IN ('first', 'review', 'appeal'));
ALTER TABLE accountability_matters ADD COLUMN fed_back_previous_outcome text;
ALTER TABLE accountability_matters ADD CONSTRAINT accountability_matters_feedback CHECK (
  (fed_back_outcome IS NULL) = (fed_back_case_id IS NULL)
  AND (fed_back_outcome IS NULL) = (fed_back_in_force_on IS NULL)
  AND (fed_back_outcome IS NULL) = (fed_back_basis IS NULL));

-- The referral (移送): to which body, on which day, on what basis, the receiving body's receipt
-- number, and who recorded it. Referred exactly when a referral is recorded.
ALTER TABLE accountability_matters ADD COLUMN referred_to text
  CHECK (referred_to IN ('supervisory_commission', 'judicial'));
ALTER TABLE accountability_matters ADD COLUMN referred_on date;
ALTER TABLE accountability_matters ADD COLUMN referral_basis text;
ALTER TABLE accountability_matters ADD COLUMN referral_receipt text;
ALTER TABLE accountability_matters ADD COLUMN referred_by uuid REFERENCES users(id);
ALTER TABLE accountability_matters ADD CONSTRAINT accountability_matters_referral CHECK (
  (status = 'referred') = (referred_to IS NOT NULL)
  AND (referred_to IS NULL) = (referred_on IS NULL)
  AND (referred_to IS NULL) = (referral_basis IS NULL)
  AND (referred_to IS NULL) = (referral_receipt IS NULL)
  AND (referred_to IS NULL) = (referred_by IS NULL));

-- The list of a jurisdiction's matters (GET /api/accountability-matters), latest opened first,
-- and the cases linked to a matter.
CREATE INDEX accountability_matters_list
  ON accountability_matters (jurisdiction_id, opened_on DESC, id DESC);
CREATE INDEX cases_accountability_matter ON cases (accountability_matter_id)
  WHERE accountability_matter_id IS NOT NULL;
