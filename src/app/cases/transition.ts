/**
 * The one way a case changes, as a plain transaction:
 *
 *   1. load the case and lock its row (a second change of the same case waits here);
 *   2. check that the actor may read it (else it does not exist for them), that they acted on the
 *      version they saw (else CASE_VERSION_CONFLICT) and the declarative rule of the action
 *      (src/domain/policies.ts);
 *   3. run the transition's body with the transaction: it reads what it needs and writes its own
 *      rows (a suspension, a fact, a determination…) with plain drizzle, in the order written;
 *   4. update the case row — state, step clock, the columns the body asked to set, version + 1 —
 *      where it still has the version that was read (no row updated → CASE_VERSION_CONFLICT);
 *   5. append the hash-chained audit event; commit.
 *
 * All or nothing: a body that throws, a refused check or a lost race rolls everything back.
 */
import { and, eq } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import { STEP_OF } from '../../domain/case-states.js';
import {
  refusal,
  refusalMessage,
  type CaseAction,
  type CaseSubject,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import { caseEvents, cases } from '../tables.js';
import { clockFor, type StepClock } from './deadlines.js';
import { nextEvent, type AppendedEvent } from './events.js';
import { loadCaseForChange, type CaseRow, type LoadedCase } from './record.js';

export interface TransitionRequest {
  readonly caseId: string;
  /** The case version the actor acted on. */
  readonly expectedVersion: number;
}

/** What a transition's body works with. */
export interface TransitionScope {
  /** The transaction: read and write through it. */
  readonly tx: AppTx;
  readonly loaded: LoadedCase;
  readonly actor: Actor;
  readonly now: Date;
  /** Today in China (the day deadlines count from). */
  readonly today: string;
}

/** The case columns a body may set besides the state and the step clock. */
export type CaseColumnChange = Partial<
  Pick<
    CaseRow,
    | 'packVersion'
    | 'suspendedSince'
    | 'closedAt'
    | 'stepDueOn'
    | 'stepDueProvisional'
    | 'riskFilingId'
    | 'notifiedOn'
    | 'publicityEndedOn'
    | 'filedUpwardOn'
    | 'reviewedOn'
  >
>;

export interface TransitionChange<T> {
  /** The state the case moves to, if it moves (the step clock then restarts today). */
  readonly to?: CaseState;
  /** Event type, e.g. 'case.accepted'. */
  readonly event: string;
  readonly reason?: string;
  readonly payload?: Record<string, unknown>;
  /** Further column changes on the case row. */
  readonly set?: CaseColumnChange;
  /** Restart the clock of the current step without moving (e.g. after an extension). */
  readonly clock?: { extraDays: number; suspensions: readonly { from: string; to: string }[] };
  readonly result: T;
}

export interface TransitionResult<T> {
  readonly case: CaseRow;
  readonly event: AppendedEvent;
  readonly result: T;
}

/** Throws the catalogue error for a refusal; a case the actor may not read does not exist for them. */
export function authorizeCase(actor: Actor, action: CaseAction, subject: CaseSubject): void {
  if (refusal(actor, 'read', subject) !== null) throw new AppError('CASE_NOT_FOUND');
  const why = refusal(actor, action, subject);
  if (why !== null) {
    throw new AppError(why, { action, state: subject.state }, refusalMessage(action, why));
  }
}

/** A case the actor may not read does not exist for them; then the version, then the action. */
function check(actor: Actor, action: CaseAction, req: TransitionRequest, loaded: LoadedCase): void {
  if (refusal(actor, 'read', loaded.subject) !== null) throw new AppError('CASE_NOT_FOUND');
  if (loaded.row.version !== req.expectedVersion) {
    throw versionConflict(req, loaded.row.version);
  }
  authorizeCase(actor, action, loaded.subject);
}

function versionConflict(req: TransitionRequest, currentVersion?: number): AppError {
  return new AppError('CASE_VERSION_CONFLICT', {
    expectedVersion: req.expectedVersion,
    ...(currentVersion === undefined ? {} : { currentVersion }),
  });
}

/** Runs a transition (see the top of this file). */
export async function runTransition<T>(
  ctx: AppContext,
  actor: Actor,
  action: CaseAction,
  req: TransitionRequest,
  body: (s: TransitionScope) => Promise<TransitionChange<T>>,
): Promise<TransitionResult<T>> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadCaseForChange(ctx, tx, req.caseId);
    check(actor, action, req, loaded);
    const now = ctx.now();
    const change = await body({ tx, loaded, actor, now, today: todayOf(ctx) });
    const changed = changedColumns(ctx, loaded, change, now);
    const state = changed.state;
    const event = nextEvent(loaded.row, {
      type: change.event,
      step: STEP_OF[loaded.row.state as CaseState],
      actorId: actor.userId,
      at: now,
      reason: change.reason ?? '',
      payload: {
        ...(change.payload ?? {}),
        ...(state !== loaded.row.state ? { from: loaded.row.state, to: state } : {}),
      },
    });
    const row: CaseRow = { ...loaded.row, ...changed, eventCount: event.seq, headHash: event.hash };
    // Every column a transition may change is written, changed or not, so that the statement has
    // one shape and can be a named statement (see ../db.ts); the row is locked, so an unchanged
    // column is written with the value it holds.
    const written = await tx
      .update(cases)
      .set(writableColumns(row))
      .where(and(eq(cases.id, row.id), eq(cases.version, loaded.row.version)))
      .returning({ id: cases.id })
      .prepare('update_case_in_transition')
      .execute();
    if (written.length !== 1) throw versionConflict(req);
    await tx.insert(caseEvents).values(event.row).prepare('append_case_event').execute();
    return { case: row, event: { seq: event.seq, hash: event.hash }, result: change.result };
  });
}

/** The columns of the case row a transition writes. */
function writableColumns(row: CaseRow) {
  return {
    state: row.state,
    step: row.step,
    stepStartedOn: row.stepStartedOn,
    stepDueOn: row.stepDueOn,
    stepDueProvisional: row.stepDueProvisional,
    packVersion: row.packVersion,
    suspendedSince: row.suspendedSince,
    closedAt: row.closedAt,
    riskFilingId: row.riskFilingId,
    notifiedOn: row.notifiedOn,
    publicityEndedOn: row.publicityEndedOn,
    filedUpwardOn: row.filedUpwardOn,
    reviewedOn: row.reviewedOn,
    version: row.version,
    updatedAt: row.updatedAt,
    eventCount: row.eventCount,
    headHash: row.headHash,
  } satisfies Required<CaseColumnChange> & Partial<CaseRow>;
}

/** The columns of the case row the change sets (its event's seq and hash aside). */
function changedColumns<T>(
  ctx: AppContext,
  loaded: LoadedCase,
  change: TransitionChange<T>,
  now: Date,
): CaseColumnChange &
  Partial<Pick<CaseRow, 'step' | 'stepStartedOn'>> &
  Pick<CaseRow, 'state' | 'version' | 'updatedAt'> {
  const row = loaded.row;
  const state = change.to ?? (row.state as CaseState);
  return {
    ...restartedClock(ctx, loaded, change, state),
    ...(change.set ?? {}),
    state,
    version: row.version + 1,
    updatedAt: now,
  };
}

/**
 * The step clock after the change: restarted today when the state moves, recounted from the
 * step's start when the change asks for it (an extension), unchanged otherwise.
 */
function restartedClock<T>(
  ctx: AppContext,
  loaded: LoadedCase,
  change: TransitionChange<T>,
  state: CaseState,
): StepClock | undefined {
  const row = loaded.row;
  const calendarId = loaded.jurisdiction.calendarId;
  if (change.to !== undefined && change.to !== row.state) {
    return clockFor(ctx, calendarId, loaded.procedure, state, todayOf(ctx));
  }
  if (change.clock) {
    const { extraDays, suspensions } = change.clock;
    return clockFor(
      ctx,
      calendarId,
      loaded.procedure,
      state,
      row.stepStartedOn,
      extraDays,
      suspensions,
    );
  }
  return undefined;
}
