/**
 * Recomputing the running step's due date after a suspension ends or an extension is approved.
 *
 * - A suspension row covers the days [from_on, to_on], both inclusive, on which the clock stood
 *   still. Suspended on day S and resumed on day R, it covers [S, R − 1]: the day of suspension does
 *   not count, the day of resumption does. Resumed on the day it started (R = S), it covered no full
 *   day and is stored with to_on = S − 1 (to_on < from_on: an empty suspension, ignored by the clock).
 *   An open suspension (to_on null) is not yet counted; resuming counts it.
 * - Extensions lengthen the step they were requested for, in the step's own unit, once approved.
 *   Only those requested since the running step started count (a step entered twice starts afresh).
 * - The review and appeal window (step 'challengeWindow') runs from the day the decision in force
 *   was notified; publicity and filing upward do not restart it.
 */
import { and, asc, eq } from 'drizzle-orm';
import { STEP_OF, type CaseState } from '../../domain/case-states.js';
import type { AnyDb } from '../db.js';
import type { AppContext } from '../context.js';
import { chinaDate } from '../context.js';
import { caseExtensions, caseSuspensions } from '../tables.js';
import { clockFor } from './deadlines.js';
import type { LoadedCase } from './record.js';

export const CHALLENGE_WINDOW = 'challengeWindow';

/** A suspension as the clock sees it: the days [from, to] on which the clock stood still. */
export interface SuspendedDays {
  readonly from: string;
  readonly to: string;
}

/** The case's suspensions: those that ended (non-empty), and the open one if any. */
export async function suspensionsOf(
  db: AnyDb,
  caseId: string,
): Promise<{ ended: SuspendedDays[]; open: { id: string; from: string } | undefined }> {
  const rows = await db
    .select({ id: caseSuspensions.id, from: caseSuspensions.fromOn, to: caseSuspensions.toOn })
    .from(caseSuspensions)
    .where(eq(caseSuspensions.caseId, caseId))
    .orderBy(asc(caseSuspensions.fromOn))
    .prepare('case_suspensions_of')
    .execute();
  const open = rows.find((s) => s.to === null);
  const ended = rows
    .filter((s): s is typeof s & { to: string } => s.to !== null && s.to >= s.from)
    .map((s) => ({ from: s.from, to: s.to }));
  return { ended, open: open ? { id: open.id, from: open.from } : undefined };
}

/** The approved extension days of the running step (those requested since it started). */
export async function approvedExtensionDays(db: AnyDb, row: LoadedCase['row']): Promise<number> {
  const rows = await db
    .select({ days: caseExtensions.days, requestedAt: caseExtensions.requestedAt })
    .from(caseExtensions)
    .where(
      and(
        eq(caseExtensions.caseId, row.id),
        eq(caseExtensions.step, row.step),
        eq(caseExtensions.status, 'approved'),
      ),
    )
    .prepare('case_approved_extensions')
    .execute();
  return rows
    .filter((x) => chinaDate(x.requestedAt) >= row.stepStartedOn)
    .reduce((sum, x) => sum + x.days, 0);
}

export interface RecomputedClock {
  readonly stepDueOn: string | null;
  readonly stepDueProvisional: boolean;
  /** The suspension that was open (not yet ended) when the inputs were read, if any. */
  readonly open: { id: string; from: string } | undefined;
  /** The day the step's period is counted from. */
  readonly countedFrom: string;
  readonly extraDays: number;
  readonly suspensions: readonly SuspendedDays[];
}

export interface RecomputeOptions {
  /** The state is being entered by the current transition, today (no extension counts yet). */
  readonly enteringOn?: string;
  /**
   * The open suspension is being ended by the current change, with this day as its last
   * suspended day: it counts as such.
   */
  readonly endingOpenOn?: string;
}

/**
 * The due date of the step that `state` runs, counted from its start (from the notification for
 * the review and appeal window), lengthened by approved extensions and pushed out by ended
 * suspensions.
 */
export async function recomputeClock(
  ctx: AppContext,
  db: AnyDb,
  loaded: LoadedCase,
  state: CaseState,
  options: RecomputeOptions = {},
): Promise<RecomputedClock> {
  const row = loaded.row;
  const step = STEP_OF[state];
  const startedOn = options.enteringOn ?? row.stepStartedOn;
  const countedFrom = step === CHALLENGE_WINDOW ? (row.notifiedOn ?? startedOn) : startedOn;
  const withExtensions = options.enteringOn === undefined && step !== CHALLENGE_WINDOW;
  const extraDays = withExtensions ? await approvedExtensionDays(db, row) : 0;
  const { ended, open } = await suspensionsOf(db, row.id);
  const ending = options.endingOpenOn;
  const suspensions =
    open && ending !== undefined && ending >= open.from
      ? [...ended, { from: open.from, to: ending }].sort((a, b) => (a.from < b.from ? -1 : 1))
      : ended;
  const clock = clockFor(
    ctx,
    loaded.jurisdiction.calendarId,
    loaded.procedure,
    state,
    countedFrom,
    extraDays,
    suspensions,
  );
  return {
    stepDueOn: clock.stepDueOn,
    stepDueProvisional: clock.stepDueProvisional,
    open,
    countedFrom,
    extraDays,
    suspensions,
  };
}
