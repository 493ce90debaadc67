-- Search at national scale, and transitions that do not pay for it (replaces cases_search).
--
-- What a case is searched by (its number, its title, its official's name) never changes after it
-- is created, but its row is rewritten by every transition; a search index on the row was
-- therefore rebuilt for each of them (about 5% of a transition's work in PostgreSQL). The search
-- terms now live in a table of their own, written once when the case is created
-- (src/app/cases/create.ts). Officials are never renamed; a rename would rewrite their cases' terms.
--
-- Each term is a character bigram of the number, title and official's name, lower-cased
-- (rongcuo_grams, 0007),
-- under each level of the case's jurisdiction path, named by its jurisdiction id, and under the
-- root: a case of /a-province/a-city/x-new-area/ has '/老旧', 'a-province/老旧', 'a-city/老旧' and
-- 'x-new-area/老旧' for the bigram 老旧. A reader whose scope is a jurisdiction subtree looks up the
-- terms under that jurisdiction, so the index yields only the cases in their scope: X New Area's
-- chair does not wade through the matches of the nineteen other districts.
CREATE FUNCTION rongcuo_search_terms(path text, t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(level || '/' || g), '{}')
    FROM unnest(array_prepend('', string_to_array(trim(both '/' from path), '/'))) AS level,
         unnest(rongcuo_grams(t)) AS g
$$;

-- The terms (about 160 per case, 2 KB) are kept out of line (toast_tuple_target), so that the
-- table's own rows are narrow: a search reads the row of every candidate the index yields, and
-- with the terms inline each row filled a page of its own (56,000 candidates, 52,000 pages read).
CREATE TABLE case_search (
  case_id  uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  terms    text[] NOT NULL
) WITH (toast_tuple_target = 128);
INSERT INTO case_search (case_id, terms)
  SELECT c.id, rongcuo_search_terms(c.jurisdiction_path, c.number || ' ' || c.title || ' ' || o.name)
    FROM cases c JOIN officials o ON o.id = c.official_id;
CREATE INDEX case_search_terms ON case_search USING gin (terms);

DROP INDEX cases_search;
