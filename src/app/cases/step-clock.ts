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
import { and, desc, eq, sql } from 'drizzle-orm';
import { STEP_OF, type CaseState } from '../../domain/case-states.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { chinaDate } from '../context.js';
import { caseEvents, caseExtensions, caseSuspensions, type Schema } from '../tables.js';
import { clockFor } from './deadlines.js';
import type { LoadedCase } from './record.js';

export const CHALLENGE_WINDOW = 'challengeWindow';

/** The day the decision in force was notified: when the case last entered 'notified' from a decision. */
export async function notifiedOn(tx: Tx<Schema>, caseId: string): Promise<string | undefined> {
  const [e] = await tx
    .select({ at: caseEvents.at })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, caseId),
        sql`${caseEvents.payload}->>'to' = 'notified'`,
        sql`${caseEvents.payload}->>'from' in ('determined', 'under_review', 'under_appeal')`,
      ),
    )
    .orderBy(desc(caseEvents.seq))
    .limit(1);
  return e ? chinaDate(e.at) : undefined;
}

/** The suspensions that ended (non-empty), as inclusive day intervals. */
export async function closedSuspensions(
  tx: Tx<Schema>,
  caseId: string,
): Promise<{ from: string; to: string }[]> {
  const rows = await tx
    .select({ from: caseSuspensions.fromOn, to: caseSuspensions.toOn })
    .from(caseSuspensions)
    .where(eq(caseSuspensions.caseId, caseId));
  return rows
    .filter((r): r is { from: string; to: string } => r.to !== null && r.to >= r.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Approved extension days for the running step (requested since it started). */
export async function approvedExtensionDays(
  tx: Tx<Schema>,
  row: LoadedCase['row'],
): Promise<number> {
  const rows = await tx
    .select({ days: caseExtensions.days, requestedAt: caseExtensions.requestedAt })
    .from(caseExtensions)
    .where(
      and(
        eq(caseExtensions.caseId, row.id),
        eq(caseExtensions.step, row.step),
        eq(caseExtensions.status, 'approved'),
      ),
    );
  return rows
    .filter((r) => chinaDate(r.requestedAt) >= row.stepStartedOn)
    .reduce((sum, r) => sum + r.days, 0);
}

export interface RecomputedClock {
  readonly stepDueOn: string | null;
  readonly stepDueProvisional: boolean;
  /** The day the step's period is counted from. */
  readonly countedFrom: string;
  readonly extraDays: number;
  readonly suspensions: readonly { from: string; to: string }[];
}

/**
 * The due date of the step that `state` runs, counted from its start (the notification for the
 * review and appeal window), lengthened by approved extensions and pushed out by ended suspensions.
 * `enteringNow`: the state is being entered by the current transition (no extension counts yet).
 */
export async function recomputeClock(
  ctx: AppContext,
  tx: Tx<Schema>,
  loaded: LoadedCase,
  state: CaseState,
  enteringNow: { today: string } | undefined,
): Promise<RecomputedClock> {
  const row = loaded.row;
  const step = STEP_OF[state];
  const startedOn = enteringNow ? enteringNow.today : row.stepStartedOn;
  const countedFrom =
    step === CHALLENGE_WINDOW ? ((await notifiedOn(tx, row.id)) ?? startedOn) : startedOn;
  const extraDays =
    enteringNow || step === CHALLENGE_WINDOW ? 0 : await approvedExtensionDays(tx, row);
  const suspensions = await closedSuspensions(tx, row.id);
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
    countedFrom,
    extraDays,
    suspensions,
  };
}
