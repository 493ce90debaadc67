/**
 * The one way a case changes: in one transaction, lock the case, check the actor's right and the
 * case's state (declarative rules in src/domain/policies.ts), check the version the actor saw
 * (optimistic concurrency: exactly one of two concurrent actions on the same version succeeds),
 * apply the change, restart the step clock when the state moves, and append the audit event.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import { STEP_OF } from '../../domain/case-states.js';
import {
  refusal,
  refusalMessage,
  type CaseAction,
  type CaseSubject,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { cases, type Schema } from '../tables.js';
import { clockFor } from './deadlines.js';
import { nextEvent, type AppendedEvent } from './events.js';
import { loadCase, type CaseRow, type LoadedCase } from './record.js';

export interface TransitionRequest {
  readonly caseId: string;
  /** The case version the actor acted on. */
  readonly expectedVersion: number;
}

export interface TransitionScope {
  readonly tx: Tx<Schema>;
  readonly loaded: LoadedCase;
  readonly actor: Actor;
  readonly now: Date;
  readonly today: string;
}

export interface TransitionChange<T> {
  /** The state the case moves to, if it moves. */
  readonly to?: CaseState;
  /** Event type, e.g. 'case.accepted'. */
  readonly event: string;
  readonly reason?: string;
  readonly payload?: Record<string, unknown>;
  /** Further column changes on the case row (e.g. pack version bound at acceptance). */
  readonly set?: Partial<
    Pick<
      CaseRow,
      'packVersion' | 'suspendedSince' | 'closedAt' | 'stepDueOn' | 'stepDueProvisional'
    >
  >;
  /**
   * Writes that need nothing back (e.g. the suspension row): run as data-modifying CTEs of the
   * statement that appends the event and moves the case, so they cost no round trip of their own.
   * Pass the unexecuted drizzle insert/update/delete.
   */
  readonly writes?: readonly { getSQL(): SQL }[];
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

export async function runTransition<T>(
  ctx: AppContext,
  actor: Actor,
  action: CaseAction,
  req: TransitionRequest,
  body: (s: TransitionScope) => Promise<TransitionChange<T>>,
): Promise<TransitionResult<T>> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadCase(ctx, tx, req.caseId, true);
    const row = loaded.row;
    // A case the actor may not read does not exist for them; then the version they acted on must
    // still be current (a concurrent change wins); then the action itself must be allowed.
    if (refusal(actor, 'read', loaded.subject) !== null) throw new AppError('CASE_NOT_FOUND');
    if (row.version !== req.expectedVersion) {
      throw new AppError('CASE_VERSION_CONFLICT', {
        expectedVersion: req.expectedVersion,
        currentVersion: row.version,
      });
    }
    authorizeCase(actor, action, loaded.subject);
    const now = ctx.now();
    const today = todayOf(ctx);
    const change = await body({ tx, loaded, actor, now, today });
    const state = change.to ?? (row.state as CaseState);
    const moved = change.to !== undefined && change.to !== row.state;
    const clock = moved
      ? clockFor(ctx, loaded.jurisdiction.calendarId, loaded.procedure, state, today)
      : change.clock
        ? clockFor(
            ctx,
            loaded.jurisdiction.calendarId,
            loaded.procedure,
            state,
            row.stepStartedOn,
            change.clock.extraDays,
            change.clock.suspensions,
          )
        : undefined;
    const next = nextEvent(tx, row, {
      type: change.event,
      step: STEP_OF[row.state as CaseState],
      actorId: actor.userId,
      at: now,
      reason: change.reason ?? '',
      payload: { ...(change.payload ?? {}), ...(moved ? { from: row.state, to: state } : {}) },
    });
    const event: AppendedEvent = { seq: next.seq, hash: next.hash };
    // The event and the case row in one statement (the insert as a data-modifying CTE): both or
    // neither, in one round trip.
    const ctes = [next.insert, ...(change.writes ?? [])].map((w, i) =>
      tx.$with(i === 0 ? 'appended_event' : `write_${i}`, {}).as(w.getSQL()),
    );
    const [updated] = await tx
      .with(...ctes)
      .update(cases)
      .set({
        state,
        version: row.version + 1,
        ...(clock ?? {}),
        ...(change.set ?? {}),
        eventCount: event.seq,
        headHash: event.hash,
        updatedAt: now,
      })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
      .returning();
    if (!updated)
      throw new AppError('CASE_VERSION_CONFLICT', { expectedVersion: req.expectedVersion });
    return { case: updated, event, result: change.result };
  });
}
