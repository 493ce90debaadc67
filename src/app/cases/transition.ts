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
import { and, eq, sql } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import { STEP_OF } from '../../domain/case-states.js';
import {
  refusal,
  refusalReason,
  type CaseAction,
  type CaseSubject,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AppTx } from '../db.js';
import { statementOn } from '../../store/index.js';
import { AppError } from '../errors.js';
import { caseEvents, cases } from '../tables.js';
import { clockFor, type StepClock } from './deadlines.js';
import { nextEvent, type AppendedEvent } from './events.js';
import {
  loadCaseForChange,
  withConsultations,
  withCorrection,
  type CaseRow,
  type LoadedCase,
} from './record.js';

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
    | 'acceptedOn'
    | 'outcomeInForce'
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
    // The same reason the action box shows: its stable code and date travel in the details.
    const reason = refusalReason(action, why, subject, actor);
    const detail = reason
      ? { reason: reason.code, ...(reason.date ? { date: reason.date } : {}) }
      : {};
    throw new AppError(why, { action, state: subject.state, ...detail }, reason?.text);
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

export interface TransitionOptions {
  /**
   * Adds to the loaded case what the action's rule reads beyond the case row (e.g. the case's
   * follow-up visit, src/app/visits/subject.ts), before the rule is checked.
   */
  readonly subject?: (tx: AppTx, loaded: LoadedCase) => Promise<LoadedCase>;
}

/** Runs a transition (see the top of this file). */
export async function runTransition<T>(
  ctx: AppContext,
  actor: Actor,
  action: CaseAction,
  req: TransitionRequest,
  body: (s: TransitionScope) => Promise<TransitionChange<T>>,
  options: TransitionOptions = {},
): Promise<TransitionResult<T>> {
  return ctx.store.tx((tx) => transitionIn(ctx, tx, actor, action, req, body, options));
}

/**
 * A transition within a transaction the caller opened: a change made to several cases together
 * (the cases of one joint matter, src/app/joint/) runs one for each, all or none.
 */
export async function transitionIn<T>(
  ctx: AppContext,
  tx: AppTx,
  actor: Actor,
  action: CaseAction,
  req: TransitionRequest,
  body: (s: TransitionScope) => Promise<TransitionChange<T>>,
  options: TransitionOptions = {},
): Promise<TransitionResult<T>> {
  let loaded = await withCorrection(
    ctx,
    tx,
    await withConsultations(tx, await loadCaseForChange(ctx, tx, req.caseId), actor),
  );
  if (options.subject) loaded = await options.subject(tx, loaded);
  check(actor, action, req, loaded);
  const now = ctx.now();
  const change = await body({ tx, loaded, actor, now, today: todayOf(ctx) });
  const changed = changedColumns(ctx, loaded, change, now);
  const state = changed.state;
  const event = nextEvent(ctx.settings.crypto.trailHash, loaded.row, {
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
  const written = await caseUpdate(tx).execute({
    ...writableColumns(row),
    id: row.id,
    versionRead: loaded.row.version,
  });
  if (written.length !== 1) throw versionConflict(req);
  await eventInsert(tx).execute(event.row);
  return { case: row, event: { seq: event.seq, hash: event.hash }, result: change.result };
}

/**
 * The update of the case row, guarded by the version read. Every column a transition may change is
 * written, changed or not, so that the statement has one shape: it is built once per connection
 * (see `statementOn`) and named (see ../db.ts); the row is locked, so an unchanged column is
 * written with the value it holds. (drizzle's `set` takes a placeholder wrapped in `sql`; the
 * values then go to the driver as they are, which writes dates, strings and booleans alike.)
 */
function caseUpdate(tx: AppTx) {
  const p = (name: string) => sql`${sql.placeholder(name)}`;
  return statementOn(tx, 'update_case_in_transition', () =>
    tx
      .update(cases)
      .set({
        state: p('state'),
        step: p('step'),
        stepStartedOn: p('stepStartedOn'),
        stepDueOn: p('stepDueOn'),
        stepDueProvisional: p('stepDueProvisional'),
        packVersion: p('packVersion'),
        suspendedSince: p('suspendedSince'),
        closedAt: p('closedAt'),
        riskFilingId: p('riskFilingId'),
        notifiedOn: p('notifiedOn'),
        publicityEndedOn: p('publicityEndedOn'),
        filedUpwardOn: p('filedUpwardOn'),
        reviewedOn: p('reviewedOn'),
        acceptedOn: p('acceptedOn'),
        outcomeInForce: p('outcomeInForce'),
        version: p('version'),
        updatedAt: p('updatedAt'),
        eventCount: p('eventCount'),
        headHash: p('headHash'),
      } satisfies Record<keyof ReturnType<typeof writableColumns>, unknown>)
      .where(
        and(eq(cases.id, sql.placeholder('id')), eq(cases.version, sql.placeholder('versionRead'))),
      )
      .returning({ id: cases.id })
      .prepare('update_case_in_transition'),
  );
}

/** The insert of the case's next event, built once per connection like `caseUpdate`. */
function eventInsert(tx: AppTx) {
  const p = (name: string) => sql.placeholder(name);
  return statementOn(tx, 'append_case_event', () =>
    tx
      .insert(caseEvents)
      .values({
        caseId: p('caseId'),
        jurisdictionId: p('jurisdictionId'),
        seq: p('seq'),
        type: p('type'),
        step: p('step'),
        actorId: p('actorId'),
        at: p('at'),
        reason: p('reason'),
        payload: p('payload'),
        prevHash: p('prevHash'),
        hash: p('hash'),
      } satisfies Record<Exclude<keyof typeof caseEvents.$inferInsert, 'id'>, unknown>)
      .prepare('append_case_event'),
  );
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
    acceptedOn: row.acceptedOn,
    outcomeInForce: row.outcomeInForce,
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
