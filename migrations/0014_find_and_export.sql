-- Finding cases (the work queue's filters, issue 10): the official's identity card number, and the
-- indexes the new filters need at a million cases.

-- The resident identity card number (居民身份证号码, GB 11643): personnel data, stored normalized
-- (18 characters, a final X upper-case), matched exactly, never listed, shown only masked. One
-- official per number; officials recorded without one keep NULL.
ALTER TABLE officials ADD COLUMN id_card text;
CREATE UNIQUE INDEX officials_id_card ON officials (id_card) WHERE id_card IS NOT NULL;

-- The post filter (职务, part of the position): substring matches through the bigrams of the
-- position in both languages, as the name search does (rongcuo_grams, 0007).
CREATE INDEX officials_position_grams ON officials
  USING gin (rongcuo_grams(position_zh || ' ' || position_en));

-- The date filters: the day a case was opened (created_at), and the day of a determination.
-- Without them a narrow range of days would walk the list's whole order to find its few cases.
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX determinations_decided ON determinations (decided_on, case_id);
-- The outcome filter: the determinations of one outcome, with their case (the in-force check
-- then reads determinations_case).
CREATE INDEX determinations_outcome ON determinations (outcome, case_id);

-- What a read asked for, where it matters to the record: an export of a list keeps its filters
-- (who took away which list). Null for the reads of one case.
ALTER TABLE read_log ADD COLUMN detail jsonb;
