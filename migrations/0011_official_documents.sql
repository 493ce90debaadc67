-- Official documents (公文) of a case and their numbers (发文字号).
--
-- A jurisdiction may set its issuing code (机关代字, e.g. 'X新') and a number pattern per document
-- type; without them the code is derived from its short name and the patterns are the defaults in
-- src/app/documents/numbers.ts.
ALTER TABLE jurisdictions ADD COLUMN document_code text;
ALTER TABLE jurisdictions ADD COLUMN document_patterns jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Gap-free serials per jurisdiction, document type and year, taken inside the transaction that
-- issues the document (a rolled-back issue gives its serial back).
CREATE TABLE document_counters (
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  doc_type         text NOT NULL,
  year             integer NOT NULL,
  last             integer NOT NULL,
  PRIMARY KEY (jurisdiction_id, doc_type, year)
);

-- The documents issued on a case: number, who issued it and when, and the document as issued (zh
-- and en), so that a re-download gives the same document. One document per type and subject (the
-- determination or the challenge it states; '' for the case itself).
CREATE TABLE case_documents (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id),
  jurisdiction_id  text NOT NULL REFERENCES jurisdictions(id),
  doc_type         text NOT NULL,
  subject_id       text NOT NULL DEFAULT '',
  number           text NOT NULL UNIQUE,
  issued_on        date NOT NULL,
  issued_by        uuid REFERENCES users(id),
  issued_at        timestamptz NOT NULL,
  content          jsonb NOT NULL,
  UNIQUE (case_id, doc_type, subject_id)
);
