-- The result application (结果运用) of a determination as the pack said it on the day it was made
-- (src/app/cases/result-application.ts): the matters left unaffected, the impact period and the
-- correction asked for, with their labels, so that the record stands on its own. NULL for
-- determinations made before it was kept: the case view then reads it from the pack version bound
-- to the case, which never changes.
--
-- impact_ends_on is the last day of the impact period (Civil Code Arts. 201–202: the period starts
-- the day after the decision and ends on the corresponding day of the last month, or that month's
-- last day), kept as a column for the follow-up of officials in an impact period.
ALTER TABLE determinations ADD COLUMN application jsonb;
ALTER TABLE determinations ADD COLUMN impact_ends_on date;
CREATE INDEX determinations_impact_ends ON determinations (impact_ends_on)
  WHERE impact_ends_on IS NOT NULL;
