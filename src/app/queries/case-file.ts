/**
 * Everything a case holds, read for the case view: one plain query per child table, in the order
 * the view lists them (each a named statement: see ../db.ts), and the display names of everyone
 * who appears in them. The child queries are independent and issued together: on PostgreSQL they
 * travel in one round trip (the pool pipelines them: see ../../store/store.ts); on PGlite they run
 * one after another. Only the columns the view shows are read (a determination's stored
 * recommendation and an event's hashes are left out).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AnyDb } from '../db.js';
import {
  accountabilityMatters,
  caseAssessments,
  caseChallenges,
  caseEvents,
  caseExtensions,
  caseFacts,
  caseStatements,
  caseSuspensions,
  consultations,
  determinations,
  evidence,
  evidenceBlobs,
  officials,
  units,
  users,
} from '../tables.js';

/** The determination columns the view shows. */
const DETERMINATION_COLUMNS = {
  id: determinations.id,
  outcome: determinations.outcome,
  recommendedOutcome: determinations.recommendedOutcome,
  recommendedOutcomes: determinations.recommendedOutcomes,
  departs: determinations.departs,
  departureReasons: determinations.departureReasons,
  minutes: determinations.minutes,
  documentNumber: determinations.documentNumber,
  decidedOn: determinations.decidedOn,
  decidedBy: determinations.decidedBy,
  supersedesId: determinations.supersedesId,
  basis: determinations.basis,
  application: determinations.application,
  createdAt: determinations.createdAt,
};

/** The accountability matter's columns the view shows (its circumstances, feedback, referral). */
const MATTER_COLUMNS = {
  id: accountabilityMatters.id,
  summary: accountabilityMatters.summary,
  openedOn: accountabilityMatters.openedOn,
  source: accountabilityMatters.source,
  sourceDetail: accountabilityMatters.sourceDetail,
  circumstances: accountabilityMatters.circumstances,
  lifelong: accountabilityMatters.lifelong,
  majorDecisionName: accountabilityMatters.majorDecisionName,
  majorDecisionOn: accountabilityMatters.majorDecisionOn,
  majorDecisionBody: accountabilityMatters.majorDecisionBody,
  status: accountabilityMatters.status,
  fedBackCaseId: accountabilityMatters.fedBackCaseId,
  fedBackOutcome: accountabilityMatters.fedBackOutcome,
  fedBackInForceOn: accountabilityMatters.fedBackInForceOn,
  fedBackBasis: accountabilityMatters.fedBackBasis,
  fedBackPreviousOutcome: accountabilityMatters.fedBackPreviousOutcome,
  referredTo: accountabilityMatters.referredTo,
  referredOn: accountabilityMatters.referredOn,
  referralBasis: accountabilityMatters.referralBasis,
  referralReceipt: accountabilityMatters.referralReceipt,
  referredBy: accountabilityMatters.referredBy,
};

/** The event columns the view shows (`rongcuo audit verify` checks the hashes). */
const EVENT_COLUMNS = {
  seq: caseEvents.seq,
  type: caseEvents.type,
  step: caseEvents.step,
  actorId: caseEvents.actorId,
  at: caseEvents.at,
  reason: caseEvents.reason,
  payload: caseEvents.payload,
};

export type CaseFile = Awaited<ReturnType<typeof readCaseFile>>;

export async function readCaseFile(
  db: AnyDb,
  caseId: string,
  officialId: string,
  /** The accountability matter an ex-officio case was opened on (null for an application). */
  matterId: string | null = null,
) {
  const [
    [official],
    facts,
    files,
    statements,
    assessments,
    consults,
    dets,
    challenges,
    suspensions,
    extensions,
    events,
    [matter],
  ] = await Promise.all([
    db
      .select({
        name: officials.name,
        positionZh: officials.positionZh,
        positionEn: officials.positionEn,
        unitZh: units.nameZh,
        unitEn: units.nameEn,
      })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .where(eq(officials.id, officialId))
      .prepare('case_file_official')
      .execute(),
    db
      .select()
      .from(caseFacts)
      .where(and(eq(caseFacts.caseId, caseId), isNull(caseFacts.supersededAt)))
      .orderBy(asc(caseFacts.fact), asc(caseFacts.recordedAt))
      .prepare('case_file_facts')
      .execute(),
    db
      .select({ file: evidence, size: evidenceBlobs.size })
      .from(evidence)
      .innerJoin(evidenceBlobs, eq(evidenceBlobs.sha256, evidence.sha256))
      .where(eq(evidence.caseId, caseId))
      .orderBy(asc(evidence.uploadedAt), asc(evidence.id))
      .prepare('case_file_evidence')
      .execute(),
    db
      .select()
      .from(caseStatements)
      .where(eq(caseStatements.caseId, caseId))
      .orderBy(asc(caseStatements.madeAt), asc(caseStatements.id))
      .prepare('case_file_statements')
      .execute(),
    db
      .select()
      .from(caseAssessments)
      .where(eq(caseAssessments.caseId, caseId))
      .orderBy(asc(caseAssessments.element))
      .prepare('case_file_assessments')
      .execute(),
    db
      .select()
      .from(consultations)
      .where(eq(consultations.caseId, caseId))
      .orderBy(asc(consultations.requestedAt), asc(consultations.id))
      .prepare('case_file_consultations')
      .execute(),
    db
      .select(DETERMINATION_COLUMNS)
      .from(determinations)
      .where(eq(determinations.caseId, caseId))
      .orderBy(asc(determinations.createdAt))
      .prepare('case_file_determinations')
      .execute(),
    db
      .select()
      .from(caseChallenges)
      .where(eq(caseChallenges.caseId, caseId))
      .orderBy(asc(caseChallenges.filedOn), asc(caseChallenges.id))
      .prepare('case_file_challenges')
      .execute(),
    db
      .select()
      .from(caseSuspensions)
      .where(eq(caseSuspensions.caseId, caseId))
      .orderBy(asc(caseSuspensions.fromOn), asc(caseSuspensions.id))
      .prepare('case_file_suspensions')
      .execute(),
    db
      .select()
      .from(caseExtensions)
      .where(eq(caseExtensions.caseId, caseId))
      .orderBy(asc(caseExtensions.requestedAt), asc(caseExtensions.id))
      .prepare('case_file_extensions')
      .execute(),
    db
      .select(EVENT_COLUMNS)
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.seq))
      .prepare('case_file_events')
      .execute(),
    matterId === null
      ? Promise.resolve([])
      : db
          .select(MATTER_COLUMNS)
          .from(accountabilityMatters)
          .where(eq(accountabilityMatters.id, matterId))
          .prepare('case_file_matter')
          .execute(),
  ]);
  return {
    official,
    facts,
    evidence: files.map((f) => ({ ...f.file, size: f.size })),
    statements,
    assessments,
    consultations: consults,
    determinations: dets,
    challenges,
    suspensions,
    extensions,
    events,
    matter: matter ?? null,
  };
}

/** The display names of these users, by id. */
export async function displayNames(
  db: AnyDb,
  ids: Iterable<string | null | undefined>,
): Promise<Record<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return {};
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
