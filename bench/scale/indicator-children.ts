/**
 * The records the indicators read besides cases and determinations, cloned with them for
 * bench:indicators: appended to cloneSql's script (it uses that script's temporary tables
 * scale_copy, scale_src, scale_jx, scale_official and scale_unit, which live on its connection).
 *
 * Each demo row of a case is copied once per copy of its case, with ids md5(source id : copy) as
 * cloneSql makes them, the copy's jurisdiction, units and officials, and every day moved back by
 * the copy's two days per round (cloneSql with shiftDecisions moves the decisions alike), so that
 * a period of a year holds about a fifth of them. The rows are copied whole through jsonb
 * (jsonb_populate_record over the source row with the changed columns laid over it), so a column a
 * later migration adds is copied too. Publicity notices are the only documents copied (the
 * indicators count no other), with an empty `content`, and each copy's day is written on the copied
 * determination it publicizes (determinations.publicized_on).
 */

/** `expr` days earlier for copy k (a date column, or NULL). */
const back = (expr: string) => `${expr} - (k.round * 2)::int`;

/** The jsonb pairs that move each of `columns` (dates of `alias`) back. */
const moved = (alias: string, columns: readonly string[]) =>
  columns.map((c) => `'${c}', ${back(`${alias}.${c}`)}`).join(', ');

/** The copy of a source id for copy k (NULL stays NULL). */
const copied = (expr: string) =>
  `CASE WHEN ${expr} IS NOT NULL THEN md5(${expr}::text || ':' || k.k)::uuid END`;

/** The joins from a source row `alias` (with a case_id) to its copies. */
const copies = (table: string, alias: string) => `
  FROM scale_copy k
  JOIN scale_src c ON c.i = k.i
  JOIN ${table} ${alias} ON ${alias}.case_id = c.id
  JOIN scale_jx j ON j.d = k.d`;

/** The copy's official for a source official (the same one in X New Area's copies). */
const officialOf = (expr: string) =>
  `(SELECT so.id FROM scale_official so WHERE so.src = ${expr} AND so.d = k.d)`;
const unitOf = (expr: string) =>
  `(SELECT su.id FROM scale_unit su WHERE su.src = ${expr} AND su.d = k.d)`;

export function indicatorChildrenSql(): string {
  return `
INSERT INTO case_challenges
SELECT (jsonb_populate_record(NULL::case_challenges, to_jsonb(ch) || jsonb_build_object(
  'id', ${copied('ch.id')}, 'case_id', ${copied('c.id')}, 'jurisdiction_id', j.id,
  'determination_id', ${copied('ch.determination_id')},
  'result_determination_id', ${copied('ch.result_determination_id')},
  'decided_at', ch.decided_at - k.round * interval '2 days',
  ${moved('ch', ['filed_on', 'due_on', 'decided_on', 'publicity_suspended_on', 'publicity_due_on', 'publicity_resumed_on', 'publicity_resumed_due_on'])}))).*
${copies('case_challenges', 'ch')};

INSERT INTO corrections
SELECT (jsonb_populate_record(NULL::corrections, to_jsonb(r) || jsonb_build_object(
  'id', ${copied('r.id')}, 'case_id', ${copied('c.id')}, 'jurisdiction_id', j.id,
  'official_id', ${officialOf('r.official_id')}, 'determination_id', ${copied('r.determination_id')},
  'document_number', r.document_number || '-' || k.k,
  ${moved('r', ['issued_on', 'closed_on', 'review_due_on', 'reviewed_on'])}))).*
${copies('corrections', 'r')};

INSERT INTO correction_actions
SELECT (jsonb_populate_record(NULL::correction_actions, to_jsonb(a) || jsonb_build_object(
  'id', ${copied('a.id')}, 'correction_id', ${copied('a.correction_id')}, 'case_id', ${copied('c.id')},
  'jurisdiction_id', j.id,
  'owner_unit_id', CASE WHEN a.owner_unit_id IS NOT NULL THEN ${unitOf('a.owner_unit_id')} END,
  'owner_official_id', CASE WHEN a.owner_official_id IS NOT NULL THEN ${officialOf('a.owner_official_id')} END,
  ${moved('a', ['due_on', 'submitted_on', 'verified_on'])}))).*
${copies('correction_actions', 'a')};

-- A draw per copied visit (a copy holds one case of a draw that may have drawn several).
INSERT INTO visit_draws
SELECT (jsonb_populate_record(NULL::visit_draws, to_jsonb(dr) || jsonb_build_object(
  'id', md5(v.id::text || ':' || k.k || ':draw')::uuid, 'jurisdiction_id', j.id,
  'seed', dr.seed || '-' || k.k,
  'population', jsonb_build_array(${copied('v.determination_id')}),
  'selected', jsonb_build_array(${copied('v.determination_id')}),
  ${moved('dr', ['drawn_on', 'window_from', 'window_to'])}))).*
${copies('follow_up_visits', 'v')}
  JOIN visit_draws dr ON dr.id = v.draw_id;

INSERT INTO follow_up_visits
SELECT (jsonb_populate_record(NULL::follow_up_visits, to_jsonb(v) || jsonb_build_object(
  'id', ${copied('v.id')}, 'draw_id', md5(v.id::text || ':' || k.k || ':draw')::uuid,
  'case_id', ${copied('c.id')}, 'determination_id', ${copied('v.determination_id')},
  'official_id', ${officialOf('v.official_id')}, 'jurisdiction_id', j.id,
  ${moved('v', ['impact_ends_on', 'due_on', 'visited_on', 'reported_on'])}))).*
${copies('follow_up_visits', 'v')};

INSERT INTO accountability_matters
SELECT (jsonb_populate_record(NULL::accountability_matters, to_jsonb(m) || jsonb_build_object(
  'id', ${copied('m.id')}, 'jurisdiction_id', j.id, 'official_id', ${officialOf('m.official_id')},
  'fed_back_case_id', ${copied('m.fed_back_case_id')},
  ${moved('m', ['opened_on', 'major_decision_on', 'fed_back_in_force_on', 'referred_on'])}))).*
  FROM scale_copy k
  JOIN scale_src c ON c.i = k.i
  JOIN accountability_matters m ON m.id = c.accountability_matter_id
  JOIN scale_jx j ON j.d = k.d;

INSERT INTO risk_filings
SELECT (jsonb_populate_record(NULL::risk_filings, to_jsonb(f) || jsonb_build_object(
  'id', ${copied('f.id')}, 'jurisdiction_id', j.id, 'unit_id', ${unitOf('f.unit_id')},
  ${moved('f', ['filed_on', 'decided_on'])}))).*
  FROM scale_copy k
  JOIN scale_src c ON c.i = k.i
  JOIN risk_filings f ON f.id = c.risk_filing_id
  JOIN scale_jx j ON j.d = k.d;

INSERT INTO case_documents
SELECT (jsonb_populate_record(NULL::case_documents, to_jsonb(doc) || jsonb_build_object(
  'id', ${copied('doc.id')}, 'case_id', ${copied('c.id')}, 'jurisdiction_id', j.id,
  'subject_id', md5(doc.subject_id || ':' || k.k)::uuid::text,
  'number', doc.number || '-' || k.k, 'content', '{}'::jsonb,
  'issued_at', doc.issued_at - k.round * interval '2 days',
  ${moved('doc', ['issued_on'])}))).*
${copies('case_documents', 'doc')}
 WHERE doc.doc_type = 'publicity';

-- The copied notices' day on the determinations they publicize, as issue-document.ts writes it.
UPDATE determinations d SET publicized_on = doc.issued_on
  FROM case_documents doc
 WHERE doc.doc_type = 'publicity' AND doc.subject_id = d.id::text AND d.publicized_on IS NULL;
`;
}
