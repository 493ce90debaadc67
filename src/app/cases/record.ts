/**
 * Loading a case with what its permissions and deadlines depend on: the case row and its
 * jurisdiction and the deliberation members. Everything here is read from columns; nothing is
 * re-derived from the audit trail. A transition that needs more (the determination in force, the
 * facts) reads it itself.
 */
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import { DETERMINED_STATES } from '../../shared/case.js';
import type { CaseSubject, ConsultationSubject } from '../../domain/policies.js';
import type { CorrectionSubject } from '../../domain/correction-conditions.js';
import type { ActionState, CorrectionState } from '../../shared/corrections.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import type { CompiledPolicy } from '../../policy/compile.js';
import type { I18nText, Procedure } from '../../policy/model.js';
import type { AnyDb, AppTx } from '../db.js';
import { statementOn } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { today } from '../context.js';
import { AppError } from '../errors.js';
import { limitOf } from './deadlines.js';
import {
  cases,
  correctionActions,
  corrections,
  consultations,
  deliberationMembers,
  determinations,
  jurisdictions,
  roleGrants,
  units,
  users,
} from '../tables.js';

export type CaseRow = typeof cases.$inferSelect;
export type JurisdictionRow = typeof jurisdictions.$inferSelect;
export type DeterminationRow = typeof determinations.$inferSelect;
export type MemberRow = typeof deliberationMembers.$inferSelect;

export interface LoadedCase {
  readonly row: CaseRow;
  readonly jurisdiction: JurisdictionRow;
  readonly members: readonly MemberRow[];
  readonly subject: CaseSubject;
  readonly procedure: Procedure;
  /** The last day to ask for review and for appeal (undefined before notification). */
  readonly windows: ChallengeWindows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `caseId` looks like a case id at all (anything else is simply not found). */
export function isCaseId(caseId: string): boolean {
  return UUID.test(caseId);
}

/**
 * The policy that governs a case: the pack version bound to it at acceptance, or before that the
 * version in force on the day of the conduct. The one place that chooses it.
 */
export function casePolicy(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
): CompiledPolicy {
  return row.packVersion
    ? ctx.engine.version(row.packId, row.packVersion, row.conductDate)
    : ctx.engine.at(row.packId, row.conductDate);
}

/**
 * An outcome's label in the pack that governs the case; the outcome's id when the pack no longer
 * names it (or its version cannot be loaded), so that a list still shows what was decided.
 */
export function outcomeLabelOf(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
  outcome: string,
): I18nText {
  try {
    const found = casePolicy(ctx, row).outcomes.find((o) => o.id === outcome);
    if (found) return found.label;
  } catch {
    // the pack version is gone: fall through to the id
  }
  return { zh: outcome, en: outcome };
}

/** The procedure parameters of the policy that governs the case. */
export function procedureOf(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
): Procedure {
  return casePolicy(ctx, row).eff.procedure;
}

/**
 * Loads a case. In a transition (`lock: true`, inside a transaction) the case row is locked until
 * the transaction ends, so that two changes of one case run one after the other: the second then
 * sees the version the first wrote and is refused with CASE_VERSION_CONFLICT.
 */
export async function loadCase(
  ctx: AppContext,
  db: AnyDb,
  caseId: string,
  options: { lock?: boolean } = {},
): Promise<LoadedCase> {
  if (!isCaseId(caseId)) throw new AppError('CASE_NOT_FOUND', { caseId });
  const rows = await caseStatement(db, options.lock === true).execute({ caseId });
  const [first] = rows;
  if (!first) throw new AppError('CASE_NOT_FOUND', { caseId });
  const members = rows.flatMap((r) => (r.member ? [r.member] : []));
  return loadedCaseOf(ctx, { row: first.row, jurisdiction: first.jurisdiction, members });
}

/**
 * The statement that loads a case: one row per deliberation member (one row when there is none),
 * the row locked until the transaction ends when `lock` is set. Every change and every read of a
 * case runs it, so it is built once per connection (see `statementOn`) and named (see ../db.ts).
 */
function caseStatement(db: AnyDb, lock: boolean) {
  const name = lock ? 'load_case_for_change' : 'load_case';
  return statementOn(db, name, () => {
    const query = db
      .select({ row: cases, jurisdiction: jurisdictions, member: deliberationMembers })
      .from(cases)
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .leftJoin(deliberationMembers, eq(deliberationMembers.caseId, cases.id))
      .where(eq(cases.id, sql.placeholder('caseId')));
    return lock ? query.for('update', { of: cases }).prepare(name) : query.prepare(name);
  });
}

/** The determination in force: the latest one, if the case was decided. */
export async function determinationInForce(
  db: AnyDb,
  caseId: string,
): Promise<DeterminationRow | undefined> {
  const [determination] = await db
    .select()
    .from(determinations)
    .where(eq(determinations.caseId, caseId))
    .orderBy(desc(determinations.createdAt))
    .limit(1);
  return determination;
}

/** Loads and locks a case inside a transaction (see loadCase). */
export function loadCaseForChange(ctx: AppContext, tx: AppTx, caseId: string) {
  return loadCase(ctx, tx, caseId, { lock: true });
}

/** The loaded case from its rows. */
export function loadedCaseOf(
  ctx: AppContext,
  found: {
    readonly row: CaseRow;
    readonly jurisdiction: JurisdictionRow;
    readonly members: readonly MemberRow[];
  },
): LoadedCase {
  const { row, jurisdiction, members } = found;
  const procedure = procedureOf(ctx, row);
  // Only a determination is notified (notify.ts, decide-challenge.ts), so a case with a
  // notification date has a determination in force.
  const windowEnds = challengeWindowEnd(
    ctx,
    jurisdiction.calendarId,
    procedure,
    row.notifiedOn ?? undefined,
  );
  const windows = challengeWindowsOf(
    ctx,
    jurisdiction.calendarId,
    procedure,
    row.notifiedOn ?? undefined,
  );
  return {
    row,
    jurisdiction,
    members,
    procedure,
    windows,
    subject: subjectOf(ctx, row, procedure, members, windowEnds, windows),
  };
}

/**
 * The last day to ask for review or appeal: the pack's window counted from the day the decision
 * in force was notified (receipt), on the jurisdiction's calendar — so a calendar-day window
 * ending on a holiday runs to the next working day. Undefined before notification.
 */
export function challengeWindowEnd(
  ctx: AppContext,
  calendarId: string,
  procedure: Procedure,
  notified: string | undefined,
): string | undefined {
  const limit = limitOf(procedure, 'challengeWindow');
  if (!limit || notified === undefined) return undefined;
  return ctx.calendars
    .get(calendarId)
    .deadline({ start: notified, unit: limit.unit, days: limit.days }).due;
}

/** The last day to ask for each of review and appeal; undefined before notification. */
export interface ChallengeWindows {
  readonly review: string | undefined;
  readonly appeal: string | undefined;
}

/**
 * The last day to ask for review, and for appeal: each kind's applyWithin counted from the day
 * the decision in force was notified (cases.notified_on), as challengeWindowEnd counts. A kind
 * with a time to decide but no time to apply follows the general window; a kind the measure does
 * not provide has none (undefined).
 */
export function challengeWindowsOf(
  ctx: AppContext,
  calendarId: string,
  procedure: Procedure,
  notified: string | undefined,
): ChallengeWindows {
  const end = (kind: 'review' | 'appeal'): string | undefined => {
    const rules = procedure[kind];
    if (notified === undefined) return undefined;
    if (!rules.applyWithin) {
      return rules.decideWithin
        ? challengeWindowEnd(ctx, calendarId, procedure, notified)
        : undefined;
    }
    return ctx.calendars
      .get(calendarId)
      .deadline({ start: notified, unit: rules.applyWithin.unit, days: rules.applyWithin.days })
      .due;
  };
  return { review: end('review'), appeal: end('appeal') };
}

/** What the declarative permissions (src/domain/policies.ts) see of a case. */
export function subjectOf(
  ctx: AppContext,
  row: CaseRow,
  procedure: Procedure,
  members: readonly MemberRow[],
  challengeWindowEnds: string | undefined,
  windows?: ChallengeWindows,
): CaseSubject {
  const day = today(ctx);
  const open = (last: string | undefined) => last !== undefined && day <= last;
  return {
    state: row.state as CaseState,
    jurisdictionPath: row.jurisdictionPath,
    unitPath: row.unitPath,
    officialId: row.officialId,
    applicantUserId: row.applicantUserId,
    members: members.map((m) => ({
      userId: m.userId,
      conflict: m.conflict,
      recused: m.recused,
      voted: m.vote !== null,
      reviewVoted: m.reviewVote !== null,
    })),
    requires: {
      consultation: procedure.consultation.required,
      publicity: procedure.publicity.required,
      filingUpward: procedure.filingUpward.required,
      collectiveReview: procedure.review.collective === true,
      exOfficioCheck: procedure.exOfficio.required && row.route === 'ex_officio',
    },
    challengeWindowOpen: open(challengeWindowEnds),
    challengeWindowEnds: challengeWindowEnds ?? null,
    ...(windows
      ? {
          windows: { review: open(windows.review), appeal: open(windows.appeal) },
          windowEnds: { review: windows.review ?? null, appeal: windows.appeal ?? null },
        }
      : {}),
    notifiedOn: row.notifiedOn,
    stepDueOn: row.stepDueOn,
    stepRunOut: row.stepDueOn !== null && day > row.stepDueOn,
    reviewed: row.reviewedOn !== null,
    filedUpward: row.filedUpwardOn !== null,
    publicityDone: row.publicityEndedOn !== null,
    suspended: row.suspendedSince !== null,
  };
}

/**
 * The consultations of cases as the rules see them (`CaseSubject.consultations`), by case: each
 * department asked, whether it answered, and whether it has a user of its own — an enabled user
 * holding a `consultee` grant for that department over a jurisdiction containing the case.
 */
export async function consultationSubjects(
  db: AnyDb,
  caseIds: readonly string[],
): Promise<Map<string, ConsultationSubject[]>> {
  const byCase = new Map<string, ConsultationSubject[]>();
  if (caseIds.length === 0) return byCase;
  const staffed = sql<boolean>`exists (
    select 1 from ${roleGrants} join ${users} on ${users.id} = ${roleGrants.userId}
    where ${roleGrants.role} = 'consultee' and ${roleGrants.department} = ${consultations.department}
      and ${roleGrants.scopeKind} = 'jurisdiction' and not ${users.disabled}
      and left(${cases.jurisdictionPath}, length(${roleGrants.scopePath})) = ${roleGrants.scopePath})`;
  const rows = await db
    .select({
      caseId: consultations.caseId,
      department: consultations.department,
      answered: sql<boolean>`${consultations.respondedAt} is not null`,
      staffed,
    })
    .from(consultations)
    .innerJoin(cases, eq(cases.id, consultations.caseId))
    .where(inArray(consultations.caseId, [...caseIds]))
    .orderBy(asc(consultations.requestedAt), asc(consultations.id));
  for (const r of rows) {
    const list = byCase.get(r.caseId) ?? [];
    list.push({ department: r.department, answered: r.answered, staffed: r.staffed });
    byCase.set(r.caseId, list);
  }
  return byCase;
}

/** The loaded case with its consultations given to the rules. */
export function withConsultationList(
  loaded: LoadedCase,
  list: readonly ConsultationSubject[],
): LoadedCase {
  return { ...loaded, subject: { ...loaded.subject, consultations: list } };
}

/**
 * The loaded case with its consultations, where a rule will read them: during consultation (who
 * answers, who transcribes) and whenever the actor is a consulted department's officer (their
 * reads depend on their department having been asked). Otherwise as loaded, with no extra query.
 */
export async function withConsultations(
  db: AnyDb,
  loaded: LoadedCase,
  actor: Actor,
): Promise<LoadedCase> {
  if (loaded.row.state !== 'consultation' && !hasRole(actor, 'consultee')) return loaded;
  const byCase = await consultationSubjects(db, [loaded.row.id]);
  return withConsultationList(loaded, byCase.get(loaded.row.id) ?? []);
}

/** The states in which a case has had a determination: its correction is loaded for the rules. */
const DETERMINED: ReadonlySet<string> = new Set(DETERMINED_STATES);

/** The case has had a determination (its correction, if any, is read). */
export function isDetermined(state: string): boolean {
  return DETERMINED.has(state);
}

/**
 * The case's correction as the rules see it (`CaseSubject.correction`): its state, its review's
 * due day and its actions with their owners. Null when no opinion has been issued.
 */
export async function correctionSubject(
  db: AnyDb,
  caseId: string,
  day: string,
): Promise<CorrectionSubject | null> {
  const [k] = await db
    .select({ id: corrections.id, state: corrections.state, reviewDueOn: corrections.reviewDueOn })
    .from(corrections)
    .where(eq(corrections.caseId, caseId));
  if (!k) return null;
  const actions = await db
    .select({
      id: correctionActions.id,
      state: correctionActions.state,
      ownerUnitPath: units.path,
      ownerOfficialId: correctionActions.ownerOfficialId,
      submittedBy: correctionActions.submittedBy,
    })
    .from(correctionActions)
    .leftJoin(units, eq(units.id, correctionActions.ownerUnitId))
    .where(eq(correctionActions.correctionId, k.id))
    .orderBy(asc(correctionActions.seq));
  return {
    state: k.state as CorrectionState,
    reviewDueOn: k.reviewDueOn,
    reviewDue: k.reviewDueOn !== null && day >= k.reviewDueOn,
    actions: actions.map((a) => ({ ...a, state: a.state as ActionState })),
  };
}

/**
 * The loaded case with its correction, once it has a determination (correction runs beside the
 * rest of the procedure and after closing). Before, as loaded, with no extra query.
 */
export async function withCorrection(
  ctx: AppContext,
  db: AnyDb,
  loaded: LoadedCase,
): Promise<LoadedCase> {
  if (!isDetermined(loaded.row.state)) return loaded;
  const correction = await correctionSubject(db, loaded.row.id, today(ctx));
  return { ...loaded, subject: { ...loaded.subject, correction } };
}
