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
import type { AnyDb } from '../compiled.js';
import type { AppContext } from '../context.js';
import { chinaDate } from '../context.js';
import { caseEvents, cases } from '../tables.js';
import { clockFor } from './deadlines.js';
import type { LoadedCase, ReadWithCase } from './record.js';

export const CHALLENGE_WINDOW = 'challengeWindow';

/** The day the decision in force was notified: when the case last entered 'notified' from a decision. */
export async function notifiedOn(tx: AnyDb, caseId: string): Promise<string | undefined> {
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

/** The rows a restarted clock depends on, as read (see CLOCK_INPUTS). */
export interface ClockRows {
  readonly suspensions: unknown;
  readonly extensions: unknown;
}

/**
 * The clock's inputs read in the same statement as the case (record.ts, ReadWithCase), for a
 * transition that always restarts the clock (resuming): every suspension of the case and the
 * running step's approved extensions. Pass `extra` of the transition to recomputeClock.
 */
export const CLOCK_INPUTS: ReadWithCase = {
  key: 'clock_inputs',
  columns: () => ({
    suspensions: sql`(select coalesce(json_agg(json_build_object('id', s.id, 'from', s.from_on, 'to', s.to_on)), '[]'::json) from case_suspensions s where s.case_id = ${cases.id})`,
    extensions: sql`(select coalesce(json_agg(json_build_object('days', x.days, 'requestedAt', x.requested_at)), '[]'::json) from case_extensions x where x.case_id = ${cases.id} and x.step = ${cases.step} and x.status = 'approved')`,
  }),
  values: {},
};

/**
 * What a restarted clock depends on, in one statement (unless read with the case): the
 * suspensions that ended (non-empty), as inclusive day intervals, and — when asked — the approved
 * extension days for the running step (requested since it started).
 */
async function clockInputs(
  tx: AnyDb,
  row: LoadedCase['row'],
  withExtensions: boolean,
  endingOpenOn: string | undefined,
  read: ClockRows | undefined,
): Promise<{
  suspensions: { from: string; to: string }[];
  extraDays: number;
  open: { id: string; from: string } | undefined;
}> {
  const [r] = read
    ? [{ suspensions: read.suspensions, extensions: withExtensions ? read.extensions : [] }]
    : await tx
        .execute<{ suspensions: unknown; extensions: unknown }>(
          sql`select
    (select coalesce(json_agg(json_build_object('id', s.id, 'from', s.from_on, 'to', s.to_on)), '[]'::json)
       from case_suspensions s where s.case_id = ${row.id}) as suspensions,
    ${
      withExtensions
        ? sql`(select coalesce(json_agg(json_build_object('days', x.days, 'requestedAt', x.requested_at)), '[]'::json)
       from case_extensions x where x.case_id = ${row.id} and x.step = ${row.step} and x.status = 'approved')`
        : sql`'[]'::json`
    } as extensions`,
        )
        .then((res) => res.rows);
  const rows = (r?.suspensions ?? []) as { id: string; from: string; to: string | null }[];
  const openRow = rows.find((s) => s.to === null);
  const suspensions = rows
    .map((s) => ({ from: s.from, to: s.to ?? endingOpenOn ?? null }))
    .filter((s): s is { from: string; to: string } => s.to !== null && s.to >= s.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const extraDays = ((r?.extensions ?? []) as { days: number; requestedAt: string }[])
    .filter((x) => chinaDate(new Date(x.requestedAt)) >= row.stepStartedOn)
    .reduce((sum, x) => sum + x.days, 0);
  return {
    suspensions,
    extraDays,
    open: openRow ? { id: openRow.id, from: openRow.from } : undefined,
  };
}

export interface RecomputedClock {
  readonly stepDueOn: string | null;
  readonly stepDueProvisional: boolean;
  /** The suspension that was open (not yet ended) when the inputs were read, if any. */
  readonly open: { id: string; from: string } | undefined;
  /** The day the step's period is counted from. */
  readonly countedFrom: string;
  readonly extraDays: number;
  readonly suspensions: readonly { from: string; to: string }[];
}

/**
 * The due date of the step that `state` runs, counted from its start (the notification for the
 * review and appeal window), lengthened by approved extensions and pushed out by ended suspensions.
 * `enteringNow`: the state is being entered by the current transition (no extension counts yet).
 * `endingOpenOn`: the open suspension is being ended by the current change, on that day (its
 * last suspended day), and counts as such. `read`: the inputs, read with the case (CLOCK_INPUTS).
 */
export async function recomputeClock(
  ctx: AppContext,
  tx: AnyDb,
  loaded: LoadedCase,
  state: CaseState,
  enteringNow: { today: string } | undefined,
  endingOpenOn?: string,
  read?: ClockRows,
): Promise<RecomputedClock> {
  const row = loaded.row;
  const step = STEP_OF[state];
  const startedOn = enteringNow ? enteringNow.today : row.stepStartedOn;
  const countedFrom =
    step === CHALLENGE_WINDOW ? ((await notifiedOn(tx, row.id)) ?? startedOn) : startedOn;
  const withExtensions = !enteringNow && step !== CHALLENGE_WINDOW;
  const { suspensions, extraDays, open } = await clockInputs(
    tx,
    row,
    withExtensions,
    endingOpenOn,
    read,
  );
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
