/**
 * The one way a case changes: check the actor's right and the case's state (declarative rules in
 * src/domain/policies.ts), check the version the actor saw (optimistic concurrency: exactly one of
 * two actions on the same version succeeds), apply the change, restart the step clock when the
 * state moves, and append the hash-chained audit event — the event, the case row and every other
 * write of the change in ONE statement, so that all or none of them is kept.
 *
 * That statement updates the case only if it still has the version that was read; if another change
 * came first, `rongcuo_case_version_guard` (migration 0005) fails the whole statement and the actor
 * gets CASE_VERSION_CONFLICT. So a transition reads the case, lets its body read what it needs and
 * return its writes (ids are made here, rows that a write would return are read first), and runs
 * the one statement on its own: two round trips for a simple change, no explicit transaction, no
 * row lock. The version guard is what makes it safe: everything a case holds changes only through
 * a transition, which moves the version, so whatever the body read is still true when the
 * statement finds the version unchanged.
 */
import type { Placeholder, Query } from 'drizzle-orm';
import { and, eq, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { CaseState } from '../../domain/case-states.js';
import { STEP_OF } from '../../domain/case-states.js';
import {
  refusal,
  refusalMessage,
  type CaseAction,
  type CaseSubject,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import { sqlState } from '../../store/index.js';
import { composeQuery, compiledText, placeholders, prefixed, type AnyDb } from '../compiled.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { caseEvents, cases } from '../tables.js';
import { clockFor } from './deadlines.js';
import { nextEvent, type AppendedEvent } from './events.js';
import { loadCase, type CaseRow, type LoadedCase, type ReadWithCase } from './record.js';

export interface TransitionRequest {
  readonly caseId: string;
  /** The case version the actor acted on. */
  readonly expectedVersion: number;
}

export interface TransitionScope {
  /** For the body's reads. */
  readonly db: AnyDb;
  /** The columns the transition asked to read with the case (`readWithCase`), by name. */
  readonly extra: Readonly<Record<string, unknown>>;
  readonly loaded: LoadedCase;
  readonly actor: Actor;
  readonly now: Date;
  readonly today: string;
}

/**
 * A write of the change that needs nothing back (e.g. the suspension row), run as a part of the
 * statement that appends the event and moves the case. Its text is built once per `key` with
 * placeholders from `p`; `values` fill them.
 */
export interface Write {
  /** Names the shape of the write: the same key must always build the same text. */
  readonly key: string;
  readonly build: (db: AnyDb, p: (name: string) => Placeholder) => { toSQL(): Query };
  readonly values: Readonly<Record<string, unknown>>;
}

/** A write inserting one row into `table` (the columns given in `row`). */
export function insertRow<T extends PgTable>(table: T, row: T['$inferInsert']): Write {
  return insertRows(table, [row]);
}

/**
 * A write inserting rows into `table` as one insert, so that they are stored in the order given
 * (separate writes of one statement run in no defined order). Every row gives the same columns
 * as the first; one statement shape per table, column set and number of rows.
 */
export function insertRows<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): Write {
  const first = (rows[0] ?? {}) as Record<string, unknown>;
  const given = Object.keys(first)
    .filter((k) => first[k] !== undefined)
    .sort();
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const k of given) values[`r${i}_${k}`] = (row as Record<string, unknown>)[k];
  });
  return {
    key: `insert_${getTableName(table)}_${rows.length}_${given.join('_')}`,
    build: (db, p) =>
      db
        .insert(table)
        .values(
          rows.map((_, i) => Object.fromEntries(given.map((k) => [k, p(`r${i}_${k}`)]))) as never,
        ),
    values,
  };
}

/**
 * A write setting columns of the row of `table` whose `id` is `id` (the columns given in `set`;
 * one statement shape per table and column set).
 */
export function updateRowById<T extends PgTable & { id: PgColumn }>(
  table: T,
  id: string,
  set: Partial<T['$inferInsert']>,
): Write {
  const given = Object.keys(set as object)
    .filter((k) => (set as Record<string, unknown>)[k] !== undefined)
    .sort();
  return {
    key: `update_${getTableName(table)}_by_id_${given.join('_')}`,
    build: (db, p) =>
      db
        .update(table)
        .set(Object.fromEntries(given.map((k) => [k, p(k)])) as never)
        .where(eq(table.id, p('id'))),
    values: { ...(set as Record<string, unknown>), id },
  };
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
      | 'packVersion'
      | 'suspendedSince'
      | 'closedAt'
      | 'stepDueOn'
      | 'stepDueProvisional'
      | 'riskFilingId'
    >
  >;
  /** Writes that need nothing back, made in the same statement as the event and the case row. */
  readonly writes?: readonly Write[];
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
    throw new AppError('CASE_VERSION_CONFLICT', {
      expectedVersion: req.expectedVersion,
      currentVersion: loaded.row.version,
    });
  }
  authorizeCase(actor, action, loaded.subject);
}

/**
 * Runs a transition: read (with `readWithCase`, what the body needs in the same statement as the
 * case), check, body (reads only; writes returned), one statement.
 */
export async function runTransition<T>(
  ctx: AppContext,
  actor: Actor,
  action: CaseAction,
  req: TransitionRequest,
  body: (s: TransitionScope) => Promise<TransitionChange<T>>,
  readWithCase?: ReadWithCase,
): Promise<TransitionResult<T>> {
  const db = ctx.store.db;
  let loaded: LoadedCase;
  let extra: Readonly<Record<string, unknown>> = {};
  if (readWithCase) {
    const found = await loadCase(ctx, db, req.caseId, readWithCase);
    loaded = found;
    extra = found.extra;
  } else {
    loaded = await loadCase(ctx, db, req.caseId);
  }
  check(actor, action, req, loaded);
  const now = ctx.now();
  const change = await body({ db, extra, loaded, actor, now, today: todayOf(ctx) });
  return writeChange(ctx, db, actor, req, loaded, now, change);
}

/** The case columns a transition may change, all set by the statement (unchanged ones to their value). */
const MOVED_COLUMNS = [
  'state',
  'step',
  'version',
  'stepStartedOn',
  'stepDueOn',
  'stepDueProvisional',
  'packVersion',
  'riskFilingId',
  'suspendedSince',
  'closedAt',
  'eventCount',
  'headHash',
  'updatedAt',
] as const satisfies readonly (keyof CaseRow)[];

const EVENT_COLUMNS = [
  'caseId',
  'jurisdictionId',
  'seq',
  'type',
  'step',
  'actorId',
  'at',
  'reason',
  'payload',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof typeof caseEvents.$inferInsert)[];

const statements = new Map<string, ReturnType<typeof compiledText<{ moved: unknown }>>>();

/**
 * The statement of a change with these writes:
 *   WITH moved AS (UPDATE cases … WHERE id = … AND version = … RETURNING id),
 *        appended_event AS (INSERT INTO case_events …), write_1 AS (…), …
 *   SELECT rongcuo_case_version_guard((SELECT count(*) FROM moved)) AS moved
 * Nothing else comes back: every column it sets was computed here, so the updated row is known.
 */
function changeStatement(writes: readonly Write[]) {
  const key = writes.map((w) => w.key).join('__') || 'none';
  let statement = statements.get(key);
  if (!statement) {
    statement = compiledText<{ moved: unknown }>(`case_change_${key}`, (db) => {
      const c = placeholders('c_');
      const e = placeholders('e_');
      const update = db
        .update(cases)
        .set(Object.fromEntries(MOVED_COLUMNS.map((k) => [k, c(k)])))
        .where(and(eq(cases.id, c('id')), eq(cases.version, c('readVersion'))))
        .returning({ id: cases.id });
      const insert = db
        .insert(caseEvents)
        .values(Object.fromEntries(EVENT_COLUMNS.map((k) => [k, e(k)])) as never);
      const parts = [
        update.toSQL(),
        insert.toSQL(),
        ...writes.map((w, i) => w.build(db, placeholders(`w${i}_`)).toSQL()),
      ];
      return composeQuery(parts, ([moved, event, ...rest]) =>
        [
          `with moved as (${moved}), appended_event as (${event})`,
          ...rest.map((t, i) => `, write_${i + 1} as (${t})`),
          ` select rongcuo_case_version_guard((select count(*) from moved)) as moved`,
        ].join(''),
      );
    });
    statements.set(key, statement);
  }
  return statement;
}

async function writeChange<T>(
  ctx: AppContext,
  db: AnyDb,
  actor: Actor,
  req: TransitionRequest,
  loaded: LoadedCase,
  now: Date,
  change: TransitionChange<T>,
): Promise<TransitionResult<T>> {
  const row = loaded.row;
  const today = todayOf(ctx);
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
  const next = nextEvent(row, {
    type: change.event,
    step: STEP_OF[row.state as CaseState],
    actorId: actor.userId,
    at: now,
    reason: change.reason ?? '',
    payload: { ...(change.payload ?? {}), ...(moved ? { from: row.state, to: state } : {}) },
  });
  const event: AppendedEvent = { seq: next.seq, hash: next.hash };
  const columns: Pick<CaseRow, (typeof MOVED_COLUMNS)[number]> = {
    state: row.state,
    step: row.step,
    stepStartedOn: row.stepStartedOn,
    stepDueOn: row.stepDueOn,
    stepDueProvisional: row.stepDueProvisional,
    packVersion: row.packVersion,
    riskFilingId: row.riskFilingId,
    suspendedSince: row.suspendedSince,
    closedAt: row.closedAt,
    ...(clock ?? {}),
    ...(change.set ?? {}),
    version: row.version + 1,
    eventCount: event.seq,
    headHash: event.hash,
    updatedAt: now,
  };
  columns.state = state;
  const writes = change.writes ?? [];
  const values: Record<string, unknown> = {
    ...prefixed('c_', { ...columns, id: row.id, readVersion: row.version }),
    ...prefixed('e_', next.row),
  };
  writes.forEach((w, i) => Object.assign(values, prefixed(`w${i}_`, w.values)));
  let rows: { moved: unknown }[];
  try {
    rows = await changeStatement(writes).run(db, values);
  } catch (e) {
    // Another change came first: the version guard, or (when the event was inserted first) the
    // event's place in the chain already taken.
    const state = sqlState(e);
    const constraint = (e as { constraint?: unknown }).constraint;
    if (state === 'RC409' || (state === '23505' && constraint === 'case_events_case_id_seq_key')) {
      throw new AppError('CASE_VERSION_CONFLICT', { expectedVersion: req.expectedVersion });
    }
    throw e;
  }
  if (Number(rows[0]?.moved) !== 1) {
    throw new AppError('CASE_VERSION_CONFLICT', { expectedVersion: req.expectedVersion });
  }
  return { case: { ...row, ...columns }, event, result: change.result };
}
