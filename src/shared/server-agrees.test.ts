/**
 * The server's request schemas, as /api/openapi.json publishes them, agree with src/shared: every
 * list the web app offers (states, steps, roles, …) is the list the server accepts, and every text
 * limit the web app checks early is the limit the server enforces. A server change that leaves
 * src/shared behind (or the reverse) fails here, naming the field.
 */
import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../app/tables.js';
import { buildHttpWorld } from '../server/testing/http.js';
import { describeStores } from '../store/testing/harness.js';
import * as shared from './index.js';

type Json = Record<string, unknown>;
type Method = 'get' | 'post';

/**
 * A field of a request: [method, path, 'body' or 'query', field (dotted into objects and arrays;
 * `*` is any value of a map, its additionalProperties)].
 */
type Field = readonly [Method, string, 'body' | 'query', string];

const CASE = '/api/cases/{id}';

/** Each shared text limit, and the request fields it bounds. */
const TEXT_FIELDS: Readonly<Record<shared.TextField, readonly Field[]>> = {
  caseTitle: [['post', '/api/cases', 'body', 'title']],
  visitVisitors: [['post', '/api/visits/{id}/record', 'body', 'visitors']],
  visitFindings: [['post', '/api/visits/{id}/record', 'body', 'findings']],
  campaignTitle: [['post', '/api/evaluation/campaigns', 'body', 'title']],
  surveyOpenAnswer: [['post', '/api/survey/{token}', 'body', 'openAnswers.*']],
  clearingAlleged: [['post', `${CASE}/clearing`, 'body', 'alleged']],
  clearingFound: [['post', `${CASE}/clearing`, 'body', 'found']],
  clearingScope: [['post', `${CASE}/clearing`, 'body', 'scope']],
  clearingConsent: [['post', `${CASE}/clearing/publicity`, 'body', 'consentRecord']],
  clearingChannel: [['post', `${CASE}/clearing/publicity`, 'body', 'channel']],
  clearingCloseReason: [['post', `${CASE}/clearing/close`, 'body', 'reason']],
  accuserReferralBody: [['post', `${CASE}/clearing/referral`, 'body', 'referredTo']],
  accuserReferralBasis: [['post', `${CASE}/clearing/referral`, 'body', 'basis']],
  caseSummary: [['post', '/api/cases', 'body', 'summary']],
  exOfficioSummary: [['post', '/api/accountability-matters', 'body', 'summary']],
  riskFilingTitle: [['post', '/api/risk-filings', 'body', 'title']],
  riskFilingRisks: [['post', '/api/risk-filings', 'body', 'risks']],
  riskFilingMeasures: [['post', '/api/risk-filings', 'body', 'measures']],
  reviewOpinion: [['post', '/api/risk-filings', 'body', 'reviewOpinion']],
  matterSourceDetail: [['post', '/api/accountability-matters', 'body', 'sourceDetail']],
  majorDecisionName: [
    ['post', '/api/accountability-matters', 'body', 'majorDecisionName'],
    ['post', `${CASE}/matter/circumstances`, 'body', 'majorDecisionName'],
  ],
  majorDecisionBody: [
    ['post', '/api/accountability-matters', 'body', 'majorDecisionBody'],
    ['post', `${CASE}/matter/circumstances`, 'body', 'majorDecisionBody'],
  ],
  referralBasis: [['post', `${CASE}/matter/referral`, 'body', 'basis']],
  referralReceipt: [['post', `${CASE}/matter/referral`, 'body', 'receipt']],
  search: [
    ['get', '/api/cases', 'query', 'q'],
    ['get', '/api/admin/users', 'query', 'q'],
  ],
  officialSearch: [['get', '/api/officials', 'query', 'q']],
  note: [
    ['post', `${CASE}/accept`, 'body', 'note'],
    ['post', `${CASE}/facts`, 'body', 'note'],
    ['post', `${CASE}/complete-verification`, 'body', 'note'],
    ['post', `${CASE}/complete-consultation`, 'body', 'note'],
  ],
  refusalReasons: [['post', `${CASE}/refuse`, 'body', 'reasons']],
  withdrawalReason: [['post', `${CASE}/withdraw`, 'body', 'reason']],
  statement: [['post', `${CASE}/statements`, 'body', 'text']],
  assessmentNotes: [['post', `${CASE}/assessments`, 'body', 'notes']],
  department: [['post', `${CASE}/consultations`, 'body', 'departments.items']],
  opinion: [
    ['post', `${CASE}/consultations/{cid}/opinion`, 'body', 'opinion'],
    ['post', `${CASE}/consultations/{cid}/answer`, 'body', 'opinion'],
  ],
  replyReference: [['post', `${CASE}/consultations/{cid}/opinion`, 'body', 'replyReference']],
  conflict: [['post', `${CASE}/conflict`, 'body', 'conflict']],
  recusalReason: [['post', `${CASE}/recusals`, 'body', 'reason']],
  voteReason: [
    ['post', `${CASE}/votes`, 'body', 'reason'],
    ['post', `${CASE}/challenges/votes`, 'body', 'reason'],
  ],
  minutes: [['post', `${CASE}/decision`, 'body', 'minutes']],
  departureReasons: [['post', `${CASE}/decision`, 'body', 'departureReasons']],
  objections: [['post', `${CASE}/publicity/end`, 'body', 'objections']],
  filingReference: [['post', `${CASE}/file-upward`, 'body', 'reference']],
  challengeGrounds: [['post', `${CASE}/challenges`, 'body', 'grounds']],
  challengeReasons: [['post', `${CASE}/challenges/decide`, 'body', 'reasons']],
  closeNote: [['post', `${CASE}/close`, 'body', 'note']],
  suspendReason: [['post', `${CASE}/suspend`, 'body', 'reason']],
  resumeNote: [['post', `${CASE}/resume`, 'body', 'note']],
  extensionReason: [['post', `${CASE}/extensions`, 'body', 'reason']],
  extensionDecisionReason: [['post', `${CASE}/extensions/{eid}/decide`, 'body', 'reason']],
  evidenceDescription: [['post', `${CASE}/evidence`, 'body', 'description']],
  correctionProblem: [['post', `${CASE}/correction`, 'body', 'problem']],
  correctionRequirement: [['post', `${CASE}/correction`, 'body', 'requirement']],
  correctionTask: [
    ['post', `${CASE}/correction`, 'body', 'actions.items.task'],
    ['post', `${CASE}/correction/actions`, 'body', 'actions.items.task'],
    ['post', `${CASE}/correction/review`, 'body', 'actions.items.task'],
  ],
  correctionEvidence: [
    ['post', `${CASE}/correction`, 'body', 'actions.items.evidenceRequired'],
    ['post', `${CASE}/correction/actions`, 'body', 'actions.items.evidenceRequired'],
    ['post', `${CASE}/correction/review`, 'body', 'actions.items.evidenceRequired'],
  ],
  correctionSubmission: [
    ['post', `${CASE}/correction/actions/{actionId}/submit`, 'body', 'submission'],
  ],
  correctionReasons: [
    ['post', `${CASE}/correction/actions/{actionId}/verify`, 'body', 'reasons'],
    ['post', `${CASE}/correction/review`, 'body', 'reasons'],
  ],
  talkParticipants: [['post', `${CASE}/talks`, 'body', 'participants']],
  talkSummary: [['post', `${CASE}/talks`, 'body', 'summary']],
  talkFollowUp: [['post', `${CASE}/talks`, 'body', 'followUp']],
  signInUsername: [['post', '/api/auth/login', 'body', 'username']],
  signInPassword: [['post', '/api/auth/login', 'body', 'password']],
  secondFactorCode: [
    ['post', '/api/auth/second-factor', 'body', 'code'],
    ['post', '/api/auth/enrolment/confirm', 'body', 'code'],
    ['post', '/api/auth/two-factor/confirm', 'body', 'code'],
    ['post', '/api/auth/two-factor/reset', 'body', 'code'],
  ],
  username: [['post', '/api/admin/users', 'body', 'username']],
  displayName: [
    ['post', '/api/admin/users', 'body', 'displayName'],
    ['post', '/api/admin/users/{id}', 'body', 'displayName'],
  ],
  orgNameZh: [['post', '/api/admin/units', 'body', 'nameZh']],
  orgNameEn: [['post', '/api/admin/units', 'body', 'nameEn']],
};

/** Each shared list, and the request fields whose values it lists. */
const LIST_FIELDS: readonly (readonly [string, readonly string[], readonly Field[]])[] = [
  ['CASE_STATES', shared.CASE_STATES, [['get', '/api/cases', 'query', 'state']]],
  ['STEPS', shared.STEPS, [['get', '/api/cases', 'query', 'step']]],
  ['ROUTES', shared.ROUTES, [['get', '/api/cases', 'query', 'route']]],
  ['DUE_FILTERS', shared.DUE_FILTERS, [['get', '/api/cases', 'query', 'due']]],
  ['CASE_SORTS', shared.CASE_SORTS, [['get', '/api/cases', 'query', 'sort']]],
  ['SIX_ELEMENTS', shared.SIX_ELEMENTS, [['post', `${CASE}/assessments`, 'body', 'element']]],
  ['RATINGS', shared.RATINGS, [['post', `${CASE}/assessments`, 'body', 'rating']]],
  ['CHALLENGE_KINDS', shared.CHALLENGE_KINDS, [['post', `${CASE}/challenges`, 'body', 'kind']]],
  [
    'CLEARING_FINDINGS',
    shared.CLEARING_FINDINGS,
    [['post', `${CASE}/clearing`, 'body', 'finding']],
  ],
  ['CLEARING_MANNERS', shared.CLEARING_MANNERS, [['post', `${CASE}/clearing`, 'body', 'manner']]],
  [
    'CHALLENGE_RESULTS',
    shared.CHALLENGE_RESULTS,
    [['post', `${CASE}/challenges/decide`, 'body', 'result']],
  ],
  [
    'RISK_FILING_STATUSES',
    shared.RISK_FILING_STATUSES,
    [['post', '/api/risk-filings', 'body', 'status']],
  ],
  ['ROLES', shared.ROLES, [['post', '/api/admin/users', 'body', 'grants.items.role']]],
  [
    'SCOPE_KINDS',
    shared.SCOPE_KINDS,
    [['post', '/api/admin/users', 'body', 'grants.items.scopeKind']],
  ],
  ['USER_STATUSES', shared.USER_STATUSES, [['get', '/api/admin/users', 'query', 'status']]],
  ['UNIT_KINDS', shared.UNIT_KINDS, [['post', '/api/admin/units', 'body', 'kind']]],
  ['LOCALES', shared.LOCALES, [['post', '/api/admin/users', 'body', 'locale']]],
  [
    'MATTER_CIRCUMSTANCES',
    shared.MATTER_CIRCUMSTANCES,
    [
      ['post', '/api/accountability-matters', 'body', 'circumstances.items'],
      ['post', `${CASE}/matter/circumstances`, 'body', 'circumstances.items'],
    ],
  ],
  ['REFERRAL_BODIES', shared.REFERRAL_BODIES, [['post', `${CASE}/matter/referral`, 'body', 'to']]],
  [
    'MATTER_STATUSES',
    shared.MATTER_STATUSES,
    [['get', '/api/accountability-matters', 'query', 'status']],
  ],
  [
    'VISIT_CONCLUSIONS',
    shared.VISIT_CONCLUSIONS,
    [['post', '/api/visits/{id}/record', 'body', 'conclusion']],
  ],
];

/** The paged lists: their default and largest page size. */
const PAGED: readonly string[] = ['/api/cases', '/api/officials', '/api/admin/users'];

/** The schema of one request field, reading through nullable unions. */
function fieldSchema(doc: Json, [method, path, where, name]: Field): Json {
  const operation = ((doc['paths'] as Json)[path] as Json | undefined)?.[method] as Json;
  expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
  const [head, ...rest] = name.split('.');
  let s: Json;
  if (where === 'query') {
    const params = (operation['parameters'] ?? []) as Json[];
    s = params.find((p) => p['in'] === 'query' && p['name'] === head)?.['schema'] as Json;
  } else {
    const body = (operation['requestBody'] as Json)['content'] as Json;
    s = ((body['application/json'] as Json)['schema'] as Json)['properties'] as Json;
    s = s[head!] as Json;
  }
  for (const part of rest) {
    if (part === '*') s = s['additionalProperties'] as Json;
    else s = (part === 'items' ? s['items'] : (s['properties'] as Json)[part]) as Json;
  }
  expect(s, `${method.toUpperCase()} ${path} ${where} ${name}`).toBeDefined();
  const branches = (s['anyOf'] ?? s['oneOf']) as Json[] | undefined;
  const nonNull = branches?.filter((b) => b['type'] !== 'null');
  return nonNull?.length === 1 ? nonNull[0]! : s;
}

/** The values a field accepts: `enum`, or a union of `const`s (as TypeBox writes literals). */
function valuesOf(s: Json): unknown[] {
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).filter((v) => v !== null);
  const branches = (s['anyOf'] ?? s['oneOf']) as Json[] | undefined;
  return (branches ?? []).map((b) => b['const']).filter((v) => v !== undefined && v !== null);
}

describeStores<Schema>(
  'the server agrees with src/shared',
  (getStore) => {
    let doc: Json;
    beforeAll(async () => {
      const w = await buildHttpWorld(getStore());
      doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Json;
    });

    it.each(Object.entries(TEXT_FIELDS))('text limit %s', (key, fields) => {
      const limit = shared.TEXT_LIMITS[key as shared.TextField];
      for (const f of fields) {
        const s = fieldSchema(doc, f);
        expect(s['maxLength'], `${f.join(' ')} maxLength`).toBe(limit.max);
        // The schema may leave a required text's minimum to the use case; it never asks more.
        expect(Number(s['minLength'] ?? 0), `${f.join(' ')} minLength`).toBeLessThanOrEqual(
          limit.min,
        );
        if (Number(s['minLength'] ?? 0) > 1) expect(s['minLength']).toBe(limit.min);
      }
    });

    it.each(LIST_FIELDS)('list %s', (_name, list, fields) => {
      for (const f of fields) {
        expect(valuesOf(fieldSchema(doc, f)), f.join(' ')).toEqual([...list]);
      }
    });

    it('the consultation and extension caps', () => {
      const departments = fieldSchema(doc, [
        'post',
        `${CASE}/consultations`,
        'body',
        'departments',
      ]);
      expect(departments['maxItems']).toBe(shared.MAX_CONSULTED_DEPARTMENTS);
      const days = fieldSchema(doc, ['post', `${CASE}/extensions`, 'body', 'days']);
      expect(days['maximum']).toBe(shared.MAX_EXTENSION_DAYS);
    });

    it.each(PAGED)('page sizes of %s', (path) => {
      const s = fieldSchema(doc, ['get', path, 'query', 'pageSize']);
      expect(s['default']).toBe(shared.DEFAULT_PAGE_SIZE);
      expect(s['maximum']).toBe(shared.MAX_PAGE_SIZE);
    });
  },
  { open: { schema } },
);
