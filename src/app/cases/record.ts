/** Loading a case with what its permissions and deadlines depend on, in one statement. */
import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import type { CaseSubject } from '../../domain/policies.js';
import type { Procedure } from '../../policy/model.js';
import { compiled, compiledFamily, placeholders, prefixed, type AnyDb } from '../compiled.js';
import type { AppContext } from '../context.js';
import { chinaDate, today } from '../context.js';
import { AppError } from '../errors.js';
import { limitOf } from './deadlines.js';
import { rowFromJson, rowsFromJson } from '../json-rows.js';
import { cases, deliberationMembers, determinations, jurisdictions } from '../tables.js';

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

/** States before any determination exists: no notification to look for. */
const UNDECIDED_STATES = ['submitted', 'refused', 'verification', 'consultation', 'deliberation'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the determination in force has been filed upward: a 'case.filed_upward' event names it.
 * After a review or an appeal that upholds the determination, its filing still counts; a changed
 * determination is a new one and is filed again. Looked for only in the states after notification.
 */
export const FILED_UPWARD = sql<boolean>`case when ${cases.state} in ('notified', 'publicity', 'filed') then exists (select 1 from case_events e where e.case_id = ${cases.id} and e.type = 'case.filed_upward' and e.payload->>'determinationId' = (select d.id::text from determinations d where d.case_id = ${cases.id} order by d.created_at desc limit 1)) else false end`;

/**
 * What a case's permissions and deadlines depend on beyond its own row, as columns of the one
 * statement that reads the case: the deliberation members, the determination in force (the
 * latest) and when it was notified (milliseconds since the epoch; looked for only once a
 * determination can exist). getCase adds its own columns to the same statement.
 */
export const CASE_DEPENDENCIES = {
  members: sql<unknown>`(select coalesce(json_agg(m), '[]'::json) from deliberation_members m where m.case_id = ${cases.id})`,
  determination: sql<unknown>`(select row_to_json(d) from determinations d where d.case_id = ${cases.id} order by d.created_at desc limit 1)`,
  filedUpward: FILED_UPWARD,
  notifiedAt: sql<number | null>`case when ${cases.state} in (${sql.join(
    UNDECIDED_STATES.map((s) => sql`${s}`),
    sql`, `,
  )}) then null else (select (extract(epoch from e.at) * 1000)::float8 from case_events e where e.case_id = ${cases.id} and e.payload->>'to' = 'notified' and e.payload->>'from' in ('determined', 'under_review', 'under_appeal') order by e.seq desc limit 1) end`,
};

/** The loaded case from the row, its jurisdiction and the CASE_DEPENDENCIES columns. */
export function loadedCaseOf(
  ctx: AppContext,
  found: {
    readonly row: CaseRow;
    readonly jurisdiction: JurisdictionRow;
    readonly members: unknown;
    readonly determination: unknown;
    readonly notifiedAt: number | null;
    readonly filedUpward: boolean;
  },
): LoadedCase {
  const { row, jurisdiction } = found;
  const members = rowsFromJson(deliberationMembers, found.members);
  const determination =
    found.determination === null || found.determination === undefined
      ? undefined
      : rowFromJson(determinations, found.determination as Record<string, unknown>);
  const procedure = procedureOf(ctx, row);
  const notified =
    found.notifiedAt === null || found.notifiedAt === undefined
      ? undefined
      : chinaDate(new Date(Number(found.notifiedAt)));
  const challengeWindowEnds =
    determination === undefined
      ? undefined
      : challengeWindowEnd(ctx, jurisdiction.calendarId, procedure, notified);
  return {
    row,
    jurisdiction,
    members,
    determination,
    procedure,
    subject: subjectOf(ctx, row, members, challengeWindowEnds, found.filedUpward === true),
  };
}

// Built once: drizzle would build the text again on every load (see compiled.ts).
const LOAD = compiled('load_case', (db) =>
  db
    .select({ row: cases, jurisdiction: jurisdictions, ...CASE_DEPENDENCIES })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(eq(cases.id, sql.placeholder('caseId'))),
);

/**
 * Further columns read in the same statement as the case, for a use case that needs them (e.g.
 * the current value of the fact being recorded): subqueries over `cases`, with placeholders from
 * `p` filled by `values`. The same key must always build the same columns.
 */
export interface ReadWithCase {
  readonly key: string;
  readonly columns: (p: (name: string) => Placeholder) => Record<string, SQL>;
  readonly values: Readonly<Record<string, unknown>>;
}

const loadWith = compiledFamily('load_case_with', (db, read: ReadWithCase) =>
  db
    .select({
      row: cases,
      jurisdiction: jurisdictions,
      ...CASE_DEPENDENCIES,
      extra: sql<unknown>`json_build_object(${sql.join(
        Object.entries(read.columns(placeholders('x_'))).map(
          ([name, column]) => sql`${name}::text, ${column}`,
        ),
        sql`, `,
      )})`,
    })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(eq(cases.id, sql.placeholder('caseId'))),
);

/** Loads a case in one statement (one consistent snapshot of the row and its dependencies). */
export async function loadCase(ctx: AppContext, db: AnyDb, caseId: string): Promise<LoadedCase>;
/** …with further columns read in the same statement, returned as `extra`. */
export async function loadCase(
  ctx: AppContext,
  db: AnyDb,
  caseId: string,
  read: ReadWithCase,
): Promise<LoadedCase & { readonly extra: Readonly<Record<string, unknown>> }>;
export async function loadCase(
  ctx: AppContext,
  db: AnyDb,
  caseId: string,
  read?: ReadWithCase,
): Promise<LoadedCase & { readonly extra?: Readonly<Record<string, unknown>> }> {
  if (!UUID.test(caseId)) throw new AppError('CASE_NOT_FOUND', { caseId });
  if (!read) {
    const [found] = await LOAD.run(db, { caseId });
    if (!found) throw new AppError('CASE_NOT_FOUND', { caseId });
    return loadedCaseOf(ctx, found);
  }
  const [found] = await loadWith(read.key, read).run(db, {
    caseId,
    ...prefixed('x_', read.values),
  });
  if (!found) throw new AppError('CASE_NOT_FOUND', { caseId });
  return { ...loadedCaseOf(ctx, found), extra: (found.extra ?? {}) as Record<string, unknown> };
}

/** Whether `caseId` looks like a case id at all (anything else is simply not found). */
export function isCaseId(caseId: string): boolean {
  return UUID.test(caseId);
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
  filedUpward: boolean,
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
    filedUpward,
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
