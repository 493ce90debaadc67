/** Loading a case with what its permissions and deadlines depend on, inside a transaction. */
import { desc, eq } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import type { CaseSubject } from '../../domain/policies.js';
import type { Procedure } from '../../policy/model.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { today } from '../context.js';
import { AppError } from '../errors.js';
import { limitOf } from './deadlines.js';
import { notifiedOn } from './step-clock.js';
import {
  cases,
  deliberationMembers,
  determinations,
  jurisdictions,
  type Schema,
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
  /** The determination in force (the latest), if any. */
  readonly determination: DeterminationRow | undefined;
  readonly procedure: Procedure;
}

/** States before any member sits, and before any determination exists. */
const BEFORE_DELIBERATION: ReadonlySet<CaseState> = new Set([
  'submitted',
  'refused',
  'verification',
  'consultation',
]);
const UNDECIDED: ReadonlySet<CaseState> = new Set([...BEFORE_DELIBERATION, 'deliberation']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a case, locking its row for the rest of the transaction when `forUpdate`. */
export async function loadCase(
  ctx: AppContext,
  tx: Tx<Schema>,
  caseId: string,
  forUpdate: boolean,
): Promise<LoadedCase> {
  if (!UUID.test(caseId)) throw new AppError('CASE_NOT_FOUND', { caseId });
  // One round trip for the case and its jurisdiction (locking only the case row).
  const q = tx
    .select({ row: cases, jurisdiction: jurisdictions })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(eq(cases.id, caseId));
  const [found] = forUpdate ? await q.for('update', { of: cases }) : await q;
  if (!found) throw new AppError('CASE_NOT_FOUND', { caseId });
  const { row, jurisdiction } = found;
  const state = row.state as CaseState;
  // Members exist only from deliberation on, and a determination only after it: earlier states
  // skip those reads (a transition on a case in verification makes four statements in all).
  const members = BEFORE_DELIBERATION.has(state)
    ? []
    : await tx.select().from(deliberationMembers).where(eq(deliberationMembers.caseId, caseId));
  const [determination] = UNDECIDED.has(state)
    ? []
    : await tx
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, caseId))
        .orderBy(desc(determinations.createdAt))
        .limit(1);
  const procedure = procedureOf(ctx, row);
  const challengeWindowEnds =
    determination === undefined
      ? undefined
      : challengeWindowEnd(ctx, jurisdiction.calendarId, procedure, await notifiedOn(tx, caseId));
  return {
    row,
    jurisdiction,
    members,
    determination,
    procedure,
    subject: subjectOf(ctx, row, members, challengeWindowEnds),
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

export function subjectOf(
  ctx: AppContext,
  row: CaseRow,
  members: readonly MemberRow[],
  challengeWindowEnds: string | undefined,
): CaseSubject {
  const procedure = procedureOf(ctx, row);
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
    })),
    requires: {
      consultation: procedure.consultation.required,
      publicity: procedure.publicity.required,
      filingUpward: procedure.filingUpward.required,
    },
    challengeWindowOpen: challengeWindowEnds !== undefined && today(ctx) <= challengeWindowEnds,
    filedUpward: row.state === 'filed',
    suspended: row.suspendedSince !== null,
  };
}

/** The procedure parameters of the pack version bound to the case (or in force at its conduct). */
export function procedureOf(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
): Procedure {
  const compiled = row.packVersion
    ? ctx.engine.version(row.packId, row.packVersion, row.conductDate)
    : ctx.engine.at(row.packId, row.conductDate);
  return compiled.eff.procedure;
}
