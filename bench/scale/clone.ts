/**
 * Clones the demo (the 53 cases of X New Area, src/app/demo.ts) to a national-scale data set in
 * SQL: `districts` sibling jurisdictions under A City, each with copies of X New Area's units and
 * officials, then the demo's cases copied round-robin over X New Area and those districts until the
 * store holds `total` cases, with their determinations (the dashboard reads them). A province-wide
 * reader sees every case; X New Area's chair one case in `districts + 1`.
 *
 * Copies keep the demo case's state, step, due dates and decision dates, so the mix of states and
 * deadlines is the demo's; `created_at`, `updated_at` and `closed_at` move back two days per round
 * of 53 × (districts + 1) copies (and `accepted_on`, the case's and its determinations', with them), so that the million cases span about five years of activity, as
 * a store gathers them (the copies of one demo case, e.g. all the cases of one official or of one
 * matter, are spread over those years rather than bunched on one day), with ties on `updated_at`
 * between the copies of a round in different jurisdictions. Ids are md5 of the source id and the copy's
 * number, so a rerun gives the same rows. Only the tables the list, search and dashboard read are
 * cloned: events, facts, evidence and the other children of a case are not (a cloned case's
 * audit chain is therefore not verifiable), and a cloned determination's `recommendation` is a
 * small stub instead of the demo's 12 KB explanation (the reads measured never fetch it).
 */

/**
 * SQL that clones the demo to `total` cases. Run once on a store holding only the demo.
 * `shiftDecisions` moves a copy's decision day back with its other days (bench:indicators, which
 * counts determinations by the day made); bench:scale keeps the demo's days.
 */
export function cloneSql(
  total: number,
  districts: number,
  options: { shiftDecisions?: boolean } = {},
): string {
  const decidedOn = options.shiftDecisions ? 't.decided_on - (k.round * 2)::int' : 't.decided_on';
  if (!Number.isInteger(total) || total < 1) throw new Error('total must be a positive integer');
  if (!Number.isInteger(districts) || districts < 0 || districts > 99) {
    throw new Error('districts must be a whole number from 0 to 99');
  }
  return `
CREATE TEMP TABLE scale_j AS
  SELECT d, CASE WHEN d = 0 THEN 'x-new-area' ELSE 'scale-d' || lpad(d::text, 2, '0') END AS id
    FROM generate_series(0, ${districts}) AS d;

INSERT INTO jurisdictions (id, parent_id, path, level, name_zh, name_en, pack_id, calendar_id)
SELECT j.id, x.parent_id, '/a-province/a-city/' || j.id || '/', 'district',
       '某市第' || j.d || '区', 'A City District ' || j.d, x.pack_id, x.calendar_id
  FROM scale_j j, jurisdictions x
 WHERE x.id = 'x-new-area' AND j.d > 0;

CREATE TEMP TABLE scale_jx AS
  SELECT j.d, j.id, jj.path FROM scale_j j JOIN jurisdictions jj ON jj.id = j.id;

-- Units: X New Area's are at most two deep (bureau, section).
CREATE TEMP TABLE scale_unit AS
  SELECT j.d, u.id AS src,
         CASE WHEN j.d = 0 THEN u.id ELSE md5(u.id::text || ':d' || j.d)::uuid END AS id,
         CASE WHEN u.parent_id IS NULL OR j.d = 0 THEN u.parent_id
              ELSE md5(u.parent_id::text || ':d' || j.d)::uuid END AS parent_id,
         j.id AS jurisdiction_id, j.path AS jpath, u.name_zh, u.name_en, u.kind
    FROM units u CROSS JOIN scale_jx j
   WHERE u.jurisdiction_id = 'x-new-area';
ALTER TABLE scale_unit ADD COLUMN path text;
UPDATE scale_unit s SET path = s.jpath || 'u:' || s.id || '/' WHERE s.parent_id IS NULL;
UPDATE scale_unit s SET path = p.path || 'u:' || s.id || '/'
  FROM scale_unit p WHERE p.id = s.parent_id AND s.path IS NULL;
INSERT INTO units (id, jurisdiction_id, parent_id, path, name_zh, name_en, kind)
SELECT id, jurisdiction_id, parent_id, path, name_zh, name_en, kind
  FROM scale_unit WHERE d > 0 ORDER BY parent_id NULLS FIRST;

CREATE TEMP TABLE scale_official AS
  SELECT j.d, o.id AS src,
         CASE WHEN j.d = 0 THEN o.id ELSE md5(o.id::text || ':d' || j.d)::uuid END AS id
    FROM officials o CROSS JOIN scale_jx j
   WHERE o.managing_jurisdiction_id = 'x-new-area';
INSERT INTO officials (id, name, position_zh, position_en, unit_id, managing_jurisdiction_id)
SELECT so.id, o.name, o.position_zh, o.position_en, su.id, j.id
  FROM scale_official so
  JOIN officials o ON o.id = so.src
  JOIN scale_unit su ON su.src = o.unit_id AND su.d = so.d
  JOIN scale_jx j ON j.d = so.d
 WHERE so.d > 0;

CREATE TEMP TABLE scale_src AS
  SELECT row_number() OVER (ORDER BY number) - 1 AS i, c.* FROM cases c;

CREATE TEMP TABLE scale_copy AS
  SELECT k, (k - 1) % n.n AS i, ((k - 1) / n.n) % (${districts} + 1) AS d,
         (k - 1) / (n.n * (${districts} + 1)) AS round
    FROM (SELECT count(*) AS n FROM scale_src) n,
         generate_series(1, ${total} - (SELECT count(*) FROM scale_src)) AS k;

INSERT INTO cases (id, number, jurisdiction_id, jurisdiction_path, official_id, unit_id, unit_path,
  route, state, version, title, summary, conduct_date, pack_id, pack_version,
  accountability_matter_id, risk_filing_id, applicant_user_id, step, step_started_on, step_due_on,
  step_due_provisional, suspended_since, accepted_on, outcome_in_force, event_count, head_hash,
  created_at, updated_at, closed_at)
SELECT md5(c.id::text || ':' || k.k)::uuid,
       j.id || '-' || to_char(c.created_at, 'YYYY') || '-' || lpad(k.k::text, 7, '0'),
       j.id, j.path, so.id, su.id, su.path,
       c.route, c.state, c.version, c.title, c.summary, c.conduct_date, c.pack_id, c.pack_version,
       CASE WHEN k.d = 0 THEN c.accountability_matter_id END,
       CASE WHEN k.d = 0 THEN c.risk_filing_id END,
       CASE WHEN k.d = 0 THEN c.applicant_user_id END,
       c.step, c.step_started_on, c.step_due_on, c.step_due_provisional, c.suspended_since,
       (c.accepted_on - (k.round * 2)::int), c.outcome_in_force, c.event_count, c.head_hash,
       c.created_at - k.round * interval '2 days',
       c.updated_at - k.round * interval '2 days',
       c.closed_at - k.round * interval '2 days'
  FROM scale_copy k
  JOIN scale_src c ON c.i = k.i
  JOIN scale_jx j ON j.d = k.d
  JOIN scale_official so ON so.src = c.official_id AND so.d = k.d
  JOIN scale_unit su ON su.src = c.unit_id AND su.d = k.d;

INSERT INTO determinations (id, case_id, jurisdiction_id, outcome, recommended_outcome,
  recommended_outcomes, departs, recommendation, departure_reasons, minutes, document_number, decided_on, decided_by,
  supersedes_id, basis, created_at, accepted_on)
SELECT md5(t.id::text || ':' || k.k)::uuid, md5(c.id::text || ':' || k.k)::uuid, j.id,
       t.outcome, t.recommended_outcome, t.recommended_outcomes, t.departs,
       jsonb_build_object('clonedFrom', t.id),
       t.departure_reasons, t.minutes, t.document_number || '-' || k.k, ${decidedOn}, t.decided_by,
       CASE WHEN t.supersedes_id IS NOT NULL THEN md5(t.supersedes_id::text || ':' || k.k)::uuid END,
       t.basis, t.created_at - k.round * interval '2 days', t.accepted_on - (k.round * 2)::int
  FROM scale_copy k
  JOIN scale_src c ON c.i = k.i
  JOIN determinations t ON t.case_id = c.id
  JOIN scale_jx j ON j.d = k.d
 ORDER BY t.supersedes_id NULLS FIRST;

INSERT INTO case_search (case_id, terms)
SELECT c.id, rongcuo_search_terms(c.jurisdiction_path, c.number || ' ' || c.title || ' ' || o.name)
  FROM cases c JOIN officials o ON o.id = c.official_id
 WHERE NOT EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id);
`;
}
