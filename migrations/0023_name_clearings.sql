-- Name clearing (澄清正名, domain.md §8): an official accused of misconduct whose determination
-- holds them not accountable (不予问责) or tolerated (免予问责) is cleared. The clearing records what
-- was alleged, what verification found of it — untrue (反映失实), a false accusation (诬告陷害) or
-- a mistaken report (错告) — and how and how widely the name is cleared. The deciding body issues
-- the clearing notice (澄清正名通报, a case document numbered in its own sequence, stored as issued
-- in case_documents); it may then be made public, only with the official's written consent, or the
-- clearing closes without publicity. A false accusation is referred on to the body that deals with
-- the accuser. State lives here, in columns; every change is an event on the case's hash chain
-- (src/app/clearings/), and the case's version guards concurrent changes.

CREATE TABLE name_clearings (
  id                  uuid PRIMARY KEY,
  -- one clearing per case
  case_id             uuid NOT NULL UNIQUE REFERENCES cases(id),
  jurisdiction_id     text NOT NULL REFERENCES jurisdictions(id),
  official_id         uuid NOT NULL REFERENCES officials(id),
  -- the determination in force when the clearing was recorded
  determination_id    uuid NOT NULL REFERENCES determinations(id),
  finding             text NOT NULL CHECK (finding IN ('untrue', 'false_accusation', 'mistaken')),
  -- 反映的问题 and 核查认定情况, as the notice states them
  alleged             text NOT NULL,
  found               text NOT NULL,
  -- 澄清方式 and 澄清范围: read out at a meeting or circulated in writing, and to whom
  manner              text NOT NULL CHECK (manner IN ('meeting', 'circular')),
  scope               text NOT NULL,
  state               text NOT NULL
                        CHECK (state IN ('recorded', 'notice_issued', 'publicized', 'closed')),
  recorded_on         date NOT NULL,
  recorded_by         uuid NOT NULL REFERENCES users(id),
  -- the clearing notice (澄清正名通报)
  notice_document_id  uuid REFERENCES case_documents(id),
  notice_number       text,
  notice_issued_on    date,
  notice_issued_by    uuid REFERENCES users(id),
  -- publicity: the official's written consent (when given, and the record of it), where and when
  consent_on          date,
  consent_record      text,
  publicity_channel   text,
  publicized_from     date,
  publicized_to       date,
  publicized_by       uuid REFERENCES users(id),
  -- closed without publicity: why, by whom, when
  closed_on           date,
  closed_by           uuid REFERENCES users(id),
  close_reason        text,
  -- the referral of a false accusation
  referred_to         text,
  referred_on         date,
  referral_basis      text,
  referred_by         uuid REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'recorded') = (notice_number IS NULL)),
  CHECK ((notice_number IS NULL) = (notice_document_id IS NULL)
         AND (notice_number IS NULL) = (notice_issued_on IS NULL)),
  CHECK ((state = 'publicized') = (publicized_from IS NOT NULL)),
  CHECK (publicized_from IS NULL OR (consent_on IS NOT NULL AND consent_record IS NOT NULL
         AND publicity_channel IS NOT NULL AND publicized_to >= publicized_from
         AND consent_on <= publicized_from)),
  CHECK ((state = 'closed') = (closed_on IS NOT NULL AND close_reason IS NOT NULL)),
  CHECK ((referred_on IS NULL) = (referred_to IS NULL)
         AND (referred_on IS NULL) = (referral_basis IS NULL)),
  CHECK (referred_on IS NULL OR finding = 'false_accusation')
);
CREATE INDEX name_clearings_jurisdiction ON name_clearings (jurisdiction_id, state);
CREATE INDEX name_clearings_official ON name_clearings (official_id);
