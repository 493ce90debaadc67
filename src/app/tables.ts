/**
 * drizzle table definitions for migrations/0002_domain.sql. The SQL migration is the source of
 * truth; a test checks these match the columns the migration creates.
 */
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredApplication } from './cases/result-application.js';
import type { VisitConclusion } from '../shared/visits.js';
import type { ClearingFinding, ClearingManner, ClearingState } from '../shared/clearings.js';
import type { CampaignState } from '../shared/evaluation.js';
import type { Instrument } from '../evaluation/model.js';
import type { BlobAlg } from './blobs/cipher.js';
import type { SsoProvider } from '../shared/sso.js';
import { sql } from 'drizzle-orm';

/** A bytea column as bytes (evidence_blobs, the sealed secrets of two-factors/tables.ts). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const jurisdictions = pgTable('jurisdictions', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  path: text('path').notNull(),
  level: text('level').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  packId: text('pack_id').notNull(),
  calendarId: text('calendar_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** Applicants see the engine's preliminary assessment (migration 0012; off by default). */
  applicantAssessment: boolean('applicant_assessment').notNull().default(false),
  /** 机关代字 (migration 0011); null: derived from the short name. */
  documentCode: text('document_code'),
  /** Number patterns by document type (migration 0011); missing types use the defaults. */
  documentPatterns: jsonb('document_patterns')
    .$type<Record<string, string>>()
    .notNull()
    .default({}),
});

export const units = pgTable('units', {
  id: uuid('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  parentId: uuid('parent_id'),
  path: text('path').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const officials = pgTable('officials', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  positionZh: text('position_zh').notNull(),
  positionEn: text('position_en').notNull(),
  unitId: uuid('unit_id').notNull(),
  managingJurisdictionId: text('managing_jurisdiction_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The identity card number, normalized (migration 0014); personnel data, shown only masked. */
  idCard: text('id_card'),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  officialId: uuid('official_id'),
  locale: text('locale').notNull(),
  failedLogins: integer('failed_logins').notNull(),
  lockedUntil: ts('locked_until'),
  disabled: boolean('disabled').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The password must be changed before anything else (migration 0032). */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** When the password was last set (migration 0032); null: counts from created_at. */
  passwordChangedAt: ts('password_changed_at'),
});

/** The hashes (argon2id) of the passwords a user has had (migration 0032). */
export const passwordHistory = pgTable('password_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull(),
  passwordHash: text('password_hash').notNull(),
  setAt: ts('set_at').notNull(),
});

/** The installation's security policy, one row with id 1 (migration 0032). */
export const securityPolicy = pgTable('security_policy', {
  id: integer('id').primaryKey(),
  minLength: integer('min_length').notNull(),
  minClasses: integer('min_classes').notNull(),
  historyCount: integer('history_count').notNull(),
  expiryDays: integer('expiry_days').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: uuid('updated_by').notNull(),
});

export const roleGrants = pgTable('role_grants', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  role: text('role').notNull(),
  scopeKind: text('scope_kind').notNull(),
  scopeId: text('scope_id').notNull(),
  scopePath: text('scope_path').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The department a `consultee` answers for (migration 0016); null for every other role. */
  department: text('department'),
});

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  ip: text('ip').notNull(),
  userAgent: text('user_agent').notNull(),
  /** The public reference the session lists show (migration 0032). */
  ref: uuid('ref').notNull().defaultRandom(),
  /**
   * The identity of the unified identity platform whose sign-in opened the session (migration
   * 0036); both null for a password sign-in. Unlinking the identity ends the session.
   */
  externalProvider: text('external_provider').$type<SsoProvider>(),
  externalSubject: text('external_subject'),
});

export const loginAttempts = pgTable('login_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  at: ts('at').notNull().defaultNow(),
  succeeded: boolean('succeeded').notNull(),
});

export const accountabilityMatters = pgTable('accountability_matters', {
  id: uuid('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  officialId: uuid('official_id').notNull(),
  summary: text('summary').notNull(),
  openedOn: day('opened_on').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** Where the matter came from (migration 0017; NULL for matters recorded before it). */
  source: text('source'),
  sourceDetail: text('source_detail').notNull().default(''),
  /** Accountability linkage (migration 0024): the Art. 17/18/19 circumstances (codes). */
  circumstances: text('circumstances')
    .array()
    .notNull()
    .default(sql`'{}'`),
  /** Lifelong accountability for a major decision: its name, date and deciding body. */
  lifelong: boolean('lifelong').notNull().default(false),
  majorDecisionName: text('major_decision_name'),
  majorDecisionOn: day('major_decision_on'),
  majorDecisionBody: text('major_decision_body'),
  /** 'open' | 'concluded' | 'referred' (MATTER_STATUSES). */
  status: text('status').notNull().default('open'),
  /** The tolerance outcome in force, fed back (decide, and a review or appeal that changes it). */
  fedBackCaseId: uuid('fed_back_case_id'),
  fedBackOutcome: text('fed_back_outcome'),
  fedBackInForceOn: day('fed_back_in_force_on'),
  fedBackBasis: text('fed_back_basis'),
  fedBackPreviousOutcome: text('fed_back_previous_outcome'),
  /** The referral (移送). */
  referredTo: text('referred_to'),
  referredOn: day('referred_on'),
  referralBasis: text('referral_basis'),
  referralReceipt: text('referral_receipt'),
  referredBy: uuid('referred_by'),
});

export const riskFilings = pgTable('risk_filings', {
  id: uuid('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  title: text('title').notNull(),
  status: text('status').notNull(),
  filedOn: day('filed_on').notNull(),
  decidedOn: day('decided_on'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The filing's substance and its review (migration 0017). */
  risks: text('risks').notNull().default(''),
  measures: text('measures').notNull().default(''),
  reviewOpinion: text('review_opinion').notNull().default(''),
  recordedBy: uuid('recorded_by'),
});

export const caseCounters = pgTable(
  'case_counters',
  {
    jurisdictionId: text('jurisdiction_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.year] })],
);

/**
 * Migration 0029: one matter of several officials (共同失误，多人一案). Each official has a case of
 * their own (cases.joint_matter_id); `version` is raised by every change made to all of them at once.
 */
export const jointMatters = pgTable('joint_matters', {
  id: uuid('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  conductDate: day('conduct_date').notNull(),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  number: text('number').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  jurisdictionPath: text('jurisdiction_path').notNull(),
  officialId: uuid('official_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  route: text('route').notNull(),
  state: text('state').notNull(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  conductDate: day('conduct_date').notNull(),
  packId: text('pack_id').notNull(),
  packVersion: text('pack_version'),
  accountabilityMatterId: uuid('accountability_matter_id'),
  riskFilingId: uuid('risk_filing_id'),
  /**
   * An application's day of notification of the accountability decision, as the applicant gave
   * it (migration 0028): the pack's application window counts from it; null when none was given.
   */
  accountabilityNotifiedOn: day('accountability_notified_on'),
  applicantUserId: uuid('applicant_user_id'),
  /** The joint matter the case is one official's part of (migration 0029); null for most. */
  jointMatterId: uuid('joint_matter_id'),
  step: text('step').notNull(),
  stepStartedOn: day('step_started_on').notNull(),
  stepDueOn: day('step_due_on'),
  stepDueProvisional: boolean('step_due_provisional').notNull(),
  suspendedSince: day('suspended_since'),
  /** The day the decision in force was last notified (the review and appeal window counts from it). */
  notifiedOn: day('notified_on'),
  /** The day the publicity of the determination in force was completed. */
  publicityEndedOn: day('publicity_ended_on'),
  /** The day the determination in force was filed upward. */
  filedUpwardOn: day('filed_upward_on'),
  /** The determination in force was reviewed, or decided on review or appeal (migration 0012). */
  reviewedOn: day('reviewed_on'),
  /** The day intake accepted the application (migration 0019); null before acceptance. */
  acceptedOn: day('accepted_on'),
  /** The outcome of the determination in force (migration 0019); null before the decision. */
  outcomeInForce: text('outcome_in_force'),
  eventCount: integer('event_count').notNull(),
  headHash: text('head_hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  closedAt: ts('closed_at'),
});

/**
 * The search terms of a case (migration 0009): the bigrams of its number, title and official's
 * name under each level of its jurisdiction path, written once when the case is created.
 */
export const caseSearch = pgTable('case_search', {
  caseId: uuid('case_id').primaryKey(),
  terms: text('terms').array().notNull(),
});

export const caseEvents = pgTable('case_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  seq: integer('seq').notNull(),
  type: text('type').notNull(),
  step: text('step').notNull(),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
  reason: text('reason').notNull(),
  payload: jsonb('payload').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const caseFacts = pgTable('case_facts', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  fact: text('fact').notNull(),
  value: jsonb('value'),
  source: text('source').notNull(),
  evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull(),
  note: text('note').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  supersededAt: ts('superseded_at'),
});

export const evidenceBlobs = pgTable('evidence_blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  content: bytea('content').notNull(),
  /** How the content is stored (migration 0035; src/app/blobs/cipher.ts). */
  alg: text('alg').$type<BlobAlg>().notNull().default('none'),
  keyId: text('key_id'),
  iv: bytea('iv'),
  tag: bytea('tag'),
});

export const evidence = pgTable('evidence', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  sha256: text('sha256').notNull(),
  filename: text('filename').notNull(),
  mediaType: text('media_type').notNull(),
  description: text('description').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  /** Withdrawn by its uploader (migration 0015): kept, marked, out of the active list. */
  withdrawnAt: ts('withdrawn_at'),
  withdrawnBy: uuid('withdrawn_by'),
  withdrawalReason: text('withdrawal_reason'),
});

export const caseAssessments = pgTable(
  'case_assessments',
  {
    caseId: uuid('case_id').notNull(),
    jurisdictionId: text('jurisdiction_id').notNull(),
    element: text('element').notNull(),
    rating: text('rating').notNull(),
    notes: text('notes').notNull(),
    assessedBy: uuid('assessed_by'),
    assessedAt: ts('assessed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.element] })],
);

export const caseStatements = pgTable('case_statements', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  text: text('text').notNull(),
  madeBy: uuid('made_by'),
  madeAt: ts('made_at').notNull().defaultNow(),
});

export const consultations = pgTable('consultations', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  department: text('department').notNull(),
  requestedBy: uuid('requested_by'),
  requestedAt: ts('requested_at').notNull().defaultNow(),
  opinion: text('opinion'),
  respondedBy: uuid('responded_by'),
  respondedAt: ts('responded_at'),
  /** Transcribed from the department's written reply (migration 0016): its reference and date. */
  replyReference: text('reply_reference'),
  replyDate: day('reply_date'),
});

export const deliberationMembers = pgTable(
  'deliberation_members',
  {
    caseId: uuid('case_id').notNull(),
    jurisdictionId: text('jurisdiction_id').notNull(),
    userId: uuid('user_id').notNull(),
    isChair: boolean('is_chair').notNull(),
    conflict: text('conflict'),
    recused: boolean('recused').notNull(),
    vote: text('vote'),
    voteReason: text('vote_reason').notNull(),
    votedAt: ts('voted_at'),
    /** A vote on a review decided collectively (migration 0012). */
    reviewVote: text('review_vote'),
    reviewVoteReason: text('review_vote_reason').notNull().default(''),
    reviewVotedAt: ts('review_voted_at'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);

export const determinations = pgTable('determinations', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  outcome: text('outcome').notNull(),
  recommendedOutcome: text('recommended_outcome').notNull(),
  /** The recommended band, most favourable first; empty when undetermined (migration 0027). */
  recommendedOutcomes: text('recommended_outcomes').array().notNull(),
  /** Decided outside the recommended band, so with departure reasons (migration 0027). */
  departs: boolean('departs').notNull(),
  recommendation: jsonb('recommendation').notNull(),
  departureReasons: text('departure_reasons').notNull(),
  minutes: text('minutes').notNull(),
  documentNumber: text('document_number').notNull(),
  decidedOn: day('decided_on').notNull(),
  decidedBy: uuid('decided_by'),
  supersedesId: uuid('supersedes_id'),
  basis: text('basis').notNull(),
  /** The result application as the pack said it when decided (result-application.ts). */
  application: jsonb('application').$type<StoredApplication>(),
  /** The last day of the impact period, when the outcome carries one. */
  impactEndsOn: day('impact_ends_on'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The case's day of acceptance, copied when the determination is written (migration 0026). */
  acceptedOn: day('accepted_on'),
  /** The day its publicity notice (公示公告) was issued, written by issue-document.ts (0026). */
  publicizedOn: day('publicized_on'),
});

export const caseSuspensions = pgTable('case_suspensions', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  step: text('step').notNull(),
  fromOn: day('from_on').notNull(),
  toOn: day('to_on'),
  reason: text('reason').notNull(),
});

export const caseExtensions = pgTable('case_extensions', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  step: text('step').notNull(),
  days: integer('days').notNull(),
  reason: text('reason').notNull(),
  requestedBy: uuid('requested_by'),
  requestedAt: ts('requested_at').notNull().defaultNow(),
  status: text('status').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
});

export const caseChallenges = pgTable('case_challenges', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  kind: text('kind').notNull(),
  determinationId: uuid('determination_id').notNull(),
  grounds: text('grounds').notNull(),
  filedBy: uuid('filed_by'),
  filedOn: day('filed_on').notNull(),
  dueOn: day('due_on'),
  status: text('status').notNull(),
  resultDeterminationId: uuid('result_determination_id'),
  decidedAt: ts('decided_at'),
  // The decision as its document needs it, and the publicity it interrupted (migration 0012).
  reasons: text('reasons').notNull().default(''),
  decidedBy: uuid('decided_by'),
  decidedOn: day('decided_on'),
  outcome: text('outcome'),
  previousOutcome: text('previous_outcome'),
  collective: boolean('collective').notNull().default(false),
  votes: jsonb('votes'),
  publicitySuspendedOn: day('publicity_suspended_on'),
  publicityDueOn: day('publicity_due_on'),
  publicityDaysLeft: integer('publicity_days_left'),
  publicityResumedOn: day('publicity_resumed_on'),
  publicityResumedDueOn: day('publicity_resumed_due_on'),
});

export const readLog = pgTable('read_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull(),
  caseId: uuid('case_id'),
  jurisdictionId: text('jurisdiction_id'),
  what: text('what').notNull(),
  at: ts('at').notNull().defaultNow(),
  /** What the read asked for, e.g. an export's filters (migration 0014); null for most reads. */
  detail: jsonb('detail'),
  /** Its link in the read log's chain (migration 0031), set when sealed (src/app/trails/). */
  seq: bigint('seq', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** migrations/0003_admin_events.sql: administrators' changes, append-only. */
export const adminEvents = pgTable('admin_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actorId: uuid('actor_id').notNull(),
  action: text('action').notNull(),
  targetKind: text('target_kind').notNull(),
  targetId: text('target_id').notNull(),
  scopePath: text('scope_path').notNull(),
  at: ts('at').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  /** Its link in the administration chain (migration 0031); null on rows written before it. */
  seq: bigint('seq', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});

/** Security events (migration 0031, src/app/trails/security-events.ts), hash-chained. */
export const securityEvents = pgTable('security_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  kind: text('kind').notNull(),
  userId: uuid('user_id'),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  userAgent: text('user_agent').notNull(),
  method: text('method').notNull(),
  route: text('route').notNull(),
  requestId: text('request_id').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  /** The jurisdiction of the user the event concerns ('' unknown; migration 0037). */
  scopePath: text('scope_path').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * The rate-limit window a (client address, username) pair is in and its refusals not yet written
 * as a security event (migration 0037; src/app/trails/rate-limited.ts).
 */
export const loginRateLimited = pgTable(
  'login_rate_limited',
  {
    ip: text('ip').notNull(),
    username: text('username').notNull(),
    windowEnds: ts('window_ends').notNull(),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
    unrecorded: integer('unrecorded').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ip, t.username] })],
);

/** The head of each hash-chained trail (migration 0031). */
export const chainHeads = pgTable('chain_heads', {
  chain: text('chain').primaryKey(),
  count: bigint('count', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  baseSeq: bigint('base_seq', { mode: 'number' }).notNull(),
  baseHash: text('base_hash').notNull(),
  unchainedBelow: bigint('unchained_below', { mode: 'number' }).notNull(),
});

/** Serials of official documents per jurisdiction, type and year (migration 0011). */
export const documentCounters = pgTable(
  'document_counters',
  {
    jurisdictionId: text('jurisdiction_id').notNull(),
    docType: text('doc_type').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.docType, t.year] })],
);

/** The official documents issued on a case, as issued (migration 0011). */
export const caseDocuments = pgTable('case_documents', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  docType: text('doc_type').notNull(),
  subjectId: text('subject_id').notNull().default(''),
  number: text('number').notNull(),
  issuedOn: day('issued_on').notNull(),
  issuedBy: uuid('issued_by'),
  issuedAt: ts('issued_at').notNull(),
  content: jsonb('content').notNull(),
});

export const schema = {
  jurisdictions,
  units,
  officials,
  users,
  roleGrants,
  sessions,
  passwordHistory,
  securityPolicy,
  loginAttempts,
  accountabilityMatters,
  riskFilings,
  caseCounters,
  cases,
  caseSearch,
  caseEvents,
  caseFacts,
  evidenceBlobs,
  evidence,
  caseAssessments,
  caseStatements,
  consultations,
  deliberationMembers,
  determinations,
  caseSuspensions,
  caseExtensions,
  caseChallenges,
  readLog,
  idempotencyKeys,
  adminEvents,
  documentCounters,
  caseDocuments,
};
export type Schema = typeof schema;

/** Migration 0020: a case's correction (纠错), its opinion and state (src/app/corrections/). */
export const corrections = pgTable('corrections', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  officialId: uuid('official_id').notNull(),
  determinationId: uuid('determination_id').notNull(),
  documentNumber: text('document_number').notNull(),
  problem: text('problem').notNull(),
  requirement: text('requirement').notNull(),
  state: text('state').notNull(),
  round: integer('round').notNull(),
  issuedOn: day('issued_on').notNull(),
  issuedBy: uuid('issued_by').notNull(),
  closedOn: day('closed_on'),
  reviewDueOn: day('review_due_on'),
  reviewedOn: day('reviewed_on'),
  reviewedBy: uuid('reviewed_by'),
  reviewFinding: text('review_finding'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0020: the actions of a correction, each with its owner, deadline and verification. */
export const correctionActions = pgTable('correction_actions', {
  id: uuid('id').primaryKey(),
  correctionId: uuid('correction_id').notNull(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  seq: integer('seq').notNull(),
  round: integer('round').notNull(),
  task: text('task').notNull(),
  evidenceRequired: text('evidence_required').notNull(),
  ownerUnitId: uuid('owner_unit_id'),
  ownerOfficialId: uuid('owner_official_id'),
  dueDays: integer('due_days').notNull(),
  dueOn: day('due_on').notNull(),
  dueProvisional: boolean('due_provisional').notNull(),
  state: text('state').notNull(),
  submittedOn: day('submitted_on'),
  submittedBy: uuid('submitted_by'),
  submission: text('submission'),
  verifiedOn: day('verified_on'),
  verifiedBy: uuid('verified_by'),
  verdict: text('verdict'),
  verdictReasons: text('verdict_reasons'),
  returnedCount: integer('returned_count').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0020: files submitted as evidence that a correction action was done. */
export const correctionFiles = pgTable('correction_files', {
  id: uuid('id').primaryKey(),
  actionId: uuid('action_id').notNull(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  sha256: text('sha256').notNull(),
  filename: text('filename').notNull(),
  mediaType: text('media_type').notNull(),
  uploadedBy: uuid('uploaded_by').notNull(),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});

/** Migration 0020: talks held with an official after a determination (谈心谈话, 提醒谈话). */
export const talks = pgTable('talks', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  officialId: uuid('official_id').notNull(),
  kind: text('kind').notNull(),
  heldOn: day('held_on').notNull(),
  participants: text('participants').notNull(),
  summary: text('summary').notNull(),
  followUp: text('follow_up').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0022: a seeded draw of officials in an impact period for follow-up visits (回访). */
export const visitDraws = pgTable('visit_draws', {
  id: uuid('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  drawnOn: day('drawn_on').notNull(),
  drawnBy: uuid('drawn_by').notNull(),
  windowFrom: day('window_from').notNull(),
  windowTo: day('window_to').notNull(),
  share: numeric('share', { precision: 4, scale: 3, mode: 'number' }).notNull(),
  basis: text('basis'),
  seed: text('seed').notNull(),
  /** The candidates' determination ids, in the order the draw reads them. */
  population: jsonb('population').$type<string[]>().notNull(),
  /** The determination ids drawn, in the order drawn. */
  selected: jsonb('selected').$type<string[]>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0022: a follow-up visit of one official drawn, its result and its report. */
export const followUpVisits = pgTable('follow_up_visits', {
  id: uuid('id').primaryKey(),
  drawId: uuid('draw_id').notNull(),
  caseId: uuid('case_id').notNull(),
  determinationId: uuid('determination_id').notNull(),
  officialId: uuid('official_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  impactEndsOn: day('impact_ends_on').notNull(),
  dueOn: day('due_on').notNull(),
  state: text('state').$type<'scheduled' | 'done'>().notNull(),
  visitedOn: day('visited_on'),
  visitors: text('visitors'),
  findings: text('findings'),
  conclusion: text('conclusion').$type<VisitConclusion>(),
  recordedBy: uuid('recorded_by'),
  reportedOn: day('reported_on'),
  reportedBy: uuid('reported_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0023: a name clearing (澄清正名) of a case's official (src/app/clearings/). */
export const nameClearings = pgTable('name_clearings', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  officialId: uuid('official_id').notNull(),
  determinationId: uuid('determination_id').notNull(),
  finding: text('finding').$type<ClearingFinding>().notNull(),
  alleged: text('alleged').notNull(),
  found: text('found').notNull(),
  manner: text('manner').$type<ClearingManner>().notNull(),
  scope: text('scope').notNull(),
  state: text('state').$type<ClearingState>().notNull(),
  recordedOn: day('recorded_on').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  noticeDocumentId: uuid('notice_document_id'),
  noticeNumber: text('notice_number'),
  noticeIssuedOn: day('notice_issued_on'),
  noticeIssuedBy: uuid('notice_issued_by'),
  consentOn: day('consent_on'),
  consentRecord: text('consent_record'),
  publicityChannel: text('publicity_channel'),
  publicizedFrom: day('publicized_from'),
  publicizedTo: day('publicized_to'),
  publicizedBy: uuid('publicized_by'),
  closedOn: day('closed_on'),
  closedBy: uuid('closed_by'),
  closeReason: text('close_reason'),
  referredTo: text('referred_to'),
  referredOn: day('referred_on'),
  referralBasis: text('referral_basis'),
  referredBy: uuid('referred_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0021: the jobs every app instance works from (src/app/jobs/runner.ts). */
export const jobs = pgTable('jobs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  runAt: ts('run_at').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  state: text('state').notNull(),
  attempts: integer('attempts').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  lockedUntil: ts('locked_until'),
  lockedBy: text('locked_by'),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
});

/** Migration 0021: in-app notifications, written by the reminder sweep (src/app/jobs/). */
export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  caseId: uuid('case_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  dueOn: day('due_on').notNull(),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  createdAt: ts('created_at').notNull(),
  readAt: ts('read_at'),
});

/** Migration 0025: survey instruments (src/evaluation/model.ts), never edited once a campaign uses one. */
export const evaluationInstruments = pgTable('evaluation_instruments', {
  id: text('id').primaryKey(),
  version: integer('version').notNull(),
  basedOn: text('based_on'),
  body: jsonb('body').$type<Instrument>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0025: an anonymous survey campaign of a jurisdiction (src/app/evaluation/). */
export const evaluationCampaigns = pgTable('evaluation_campaigns', {
  id: uuid('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  title: text('title').notNull(),
  instrumentId: text('instrument_id').notNull(),
  invitedUnits: jsonb('invited_units').$type<string[]>().notNull(),
  invitedCount: integer('invited_count').notNull(),
  opensOn: day('opens_on').notNull(),
  closesOn: day('closes_on').notNull(),
  state: text('state').$type<CampaignState>().notNull(),
  thresholdK: integer('threshold_k').notNull(),
  freeTextThreshold: integer('free_text_threshold').notNull(),
  keepDay: boolean('keep_day').notNull(),
  tokensIssued: integer('tokens_issued').notNull().default(0),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull(),
});

/** Migration 0025: an unused one-time survey token's SHA-256 and its campaign (deleted on use). */
export const surveyTokens = pgTable('survey_tokens', {
  tokenHash: bytea('token_hash').primaryKey(),
  campaignId: uuid('campaign_id').notNull(),
});

/** Migration 0025: an anonymous response: no token, user, address, agent or time. */
export const surveyResponses = pgTable('survey_responses', {
  id: uuid('id').primaryKey(),
  campaignId: uuid('campaign_id').notNull(),
  submittedOn: day('submitted_on'),
  demographics: jsonb('demographics').$type<Record<string, string | null>>().notNull(),
  answers: jsonb('answers').$type<Record<string, number | null>>().notNull(),
  openAnswers: jsonb('open_answers').$type<Record<string, string>>().notNull(),
});
