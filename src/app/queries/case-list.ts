/**
 * The case list: the cases an actor may read, filtered and paged, scoped in SQL so that it stays
 * cheap with a million cases. Scope mirrors the 'read' rule of policies.ts: an official sees the
 * cases about them or that they applied for; a unit's party organization its unit subtree; officers
 * their jurisdiction subtree (a committee chair above therefore sees the levels below). Prefix
 * matches on the materialized paths use the cases_jurisdiction_state index; the due filters use
 * the partial cases_due index (open, unsuspended cases), with the due-soon horizon computed once
 * per calendar.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, TEXT_LIMITS } from '../../shared/limits.js';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  isNull,
  like,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  CASE_STATES,
  ROUTES,
  STATE_LABEL,
  STEP_LABEL,
  type CaseState,
} from '../../domain/case-states.js';
import { refusal, type CaseAction, type CaseSubject, STAFF } from '../../domain/policies.js';
import type { Actor, Role } from '../../domain/roles.js';
import type { I18nText, Procedure } from '../../policy/model.js';
import { procedureOf } from '../cases/record.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { invalid } from '../errors.js';
import { cases, jurisdictions, officials, readLog } from '../tables.js';
import { dueSoonHorizon, dueStatusOf, type DueStatus } from './due.js';

export interface ListCasesInput {
  readonly state?: string;
  /** Searches the case number, the title and the official's name. */
  readonly q?: string;
  readonly due?: 'overdue' | 'due_soon';
  readonly route?: string;
  /** The step whose clock runs (acceptance, verification, …; see STEP_LABEL). */
  readonly step?: string;
  /**
   * 'updated' (default): newest activity first; 'due': the nearest step due date first, cases
   * without a running clock last. The due filters always sort by due date.
   */
  readonly sort?: 'updated' | 'due';
  /** 1-based. Default 1. */
  readonly page?: number;
  /** 1–100. Default 20. */
  readonly pageSize?: number;
}

/** Actions whose rule depends only on the case row (not on members, determination or window). */
export const LIST_ACTIONS = [
  'accept',
  'refuse',
  'withdraw',
  'completeVerification',
  'completeConsultation',
  'notify',
  'endPublicity',
  'fileUpward',
  'suspend',
  'resume',
  'requestExtension',
] as const satisfies readonly CaseAction[];
export type ListAction = (typeof LIST_ACTIONS)[number];

export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: CaseState;
  readonly stateLabel: I18nText;
  readonly route: string;
  readonly official: { readonly id: string; readonly name: string };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly step: string;
  readonly stepLabel: I18nText;
  readonly stepDueOn: string | null;
  readonly dueStatus: DueStatus | null;
  readonly suspended: boolean;
  readonly version: number;
  readonly updatedAt: string;
  /** What the actor may do from the list (open the case for everything else). */
  readonly abilities: Record<ListAction, boolean>;
}

export interface CaseListPage {
  readonly items: readonly CaseSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Officers read the cases in their scope; unit party organizations those of their unit tree. */
const READ_ROLES: readonly Role[] = [...STAFF, 'unit_party'];

/** Escapes LIKE's wildcards (and its escape character) in a literal. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQL condition for "cases the actor may read", or undefined when they may read none. */
export function readScope(actor: Actor): SQL | undefined {
  const conds: SQL[] = [eq(cases.applicantUserId, actor.userId)];
  if (actor.officialId !== null) conds.push(eq(cases.officialId, actor.officialId));
  const seen = new Set<string>();
  for (const g of actor.grants) {
    if (!READ_ROLES.includes(g.role) || g.scopePath === '') continue;
    if (g.scopeKind !== 'jurisdiction' && g.scopeKind !== 'unit') continue;
    const key = `${g.scopeKind}:${g.scopePath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const column = g.scopeKind === 'jurisdiction' ? cases.jurisdictionPath : cases.unitPath;
    conds.push(like(column, `${escapeLike(g.scopePath)}%`));
  }
  return or(...conds);
}

/** A page or page-size parameter: a whole number from 1 to `max`, or `fallback` when absent. */
export function pageNumber(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(field, `应为 1 到 ${max} 之间的整数。`, `use a whole number from 1 to ${max}.`);
  }
  return value;
}

export async function listCases(
  ctx: AppContext,
  actor: Actor,
  input: ListCasesInput = {},
): Promise<CaseListPage> {
  const page = pageNumber(input.page, 'page', 1, 1_000_000);
  const pageSize = pageNumber(input.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (input.state !== undefined && !(CASE_STATES as readonly string[]).includes(input.state)) {
    throw invalid(
      'state',
      `应为以下之一：${CASE_STATES.join('、')}。`,
      `use one of: ${CASE_STATES.join(', ')}.`,
    );
  }
  if (input.route !== undefined && !(ROUTES as readonly string[]).includes(input.route)) {
    throw invalid(
      'route',
      `应为以下之一：${ROUTES.join('、')}。`,
      `use one of: ${ROUTES.join(', ')}.`,
    );
  }
  if (input.due !== undefined && input.due !== 'overdue' && input.due !== 'due_soon') {
    throw invalid(
      'due',
      '应为 overdue（逾期）或 due_soon（即将到期）。',
      'use overdue or due_soon.',
    );
  }
  if (input.step !== undefined && !Object.hasOwn(STEP_LABEL, input.step)) {
    const steps = Object.keys(STEP_LABEL);
    throw invalid(
      'step',
      `应为以下之一：${steps.join('、')}。`,
      `use one of: ${steps.join(', ')}.`,
    );
  }
  if (input.sort !== undefined && input.sort !== 'updated' && input.sort !== 'due') {
    throw invalid('sort', '应为 updated（最近办理）或 due（期限）。', 'use updated or due.');
  }
  const q = typeof input.q === 'string' ? input.q.trim() : '';
  if (q.length > TEXT_LIMITS.search.max)
    throw invalid(
      'q',
      `搜索词不能超过 ${TEXT_LIMITS.search.max} 个字符。`,
      `use at most ${TEXT_LIMITS.search.max} characters.`,
    );

  const today = todayOf(ctx);
  const horizons = new Map(
    ctx.calendars.ids().map((id) => [id, dueSoonHorizon(ctx.calendars.get(id), today)]),
  );
  const where: (SQL | undefined)[] = [readScope(actor)];
  if (input.state !== undefined) where.push(eq(cases.state, input.state));
  if (input.route !== undefined) where.push(eq(cases.route, input.route));
  if (input.step !== undefined) where.push(eq(cases.step, input.step));
  if (q !== '') {
    const pattern = `%${escapeLike(q)}%`;
    where.push(
      or(ilike(cases.number, pattern), ilike(cases.title, pattern), ilike(officials.name, pattern)),
    );
  }
  if (input.due !== undefined) {
    // The predicates of the partial index cases_due, so the planner can use it.
    where.push(isNull(cases.closedAt), isNull(cases.suspendedSince));
    if (input.due === 'overdue') {
      where.push(lt(cases.stepDueOn, today));
    } else {
      where.push(
        gte(cases.stepDueOn, today),
        or(
          ...[...horizons].map(([calendarId, horizon]) =>
            and(eq(jurisdictions.calendarId, calendarId), lte(cases.stepDueOn, horizon)),
          ),
        ),
      );
    }
  }
  const condition = and(...where);
  // By due date: open cases first (a closed case keeps its last due date), then the nearest due
  // date; ASC puts NULLs (no clock) last in both stores.
  const order =
    input.due !== undefined
      ? [asc(cases.stepDueOn), asc(cases.number)]
      : input.sort === 'due'
        ? [asc(sql`${cases.closedAt} is not null`), asc(cases.stepDueOn), asc(cases.number)]
        : [desc(cases.updatedAt), asc(cases.id)];

  return ctx.store.tx(async (tx) => {
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(cases)
      .innerJoin(officials, eq(officials.id, cases.officialId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .where(condition);
    const rows = await tx
      .select({
        id: cases.id,
        number: cases.number,
        title: cases.title,
        state: cases.state,
        route: cases.route,
        officialId: cases.officialId,
        officialName: officials.name,
        jurisdictionId: cases.jurisdictionId,
        jurisdictionPath: cases.jurisdictionPath,
        jurisdictionNameZh: jurisdictions.nameZh,
        jurisdictionNameEn: jurisdictions.nameEn,
        calendarId: jurisdictions.calendarId,
        unitPath: cases.unitPath,
        applicantUserId: cases.applicantUserId,
        packId: cases.packId,
        packVersion: cases.packVersion,
        conductDate: cases.conductDate,
        step: cases.step,
        stepDueOn: cases.stepDueOn,
        suspendedSince: cases.suspendedSince,
        version: cases.version,
        updatedAt: cases.updatedAt,
        filedUpwardOn: cases.filedUpwardOn,
        publicityEndedOn: cases.publicityEndedOn,
      })
      .from(cases)
      .innerJoin(officials, eq(officials.id, cases.officialId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .where(condition)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'case.list',
      at: ctx.now(),
    });

    const procedures = new Map<string, Procedure>();
    const items = rows.map((r): CaseSummary => {
      const state = r.state as CaseState;
      const key = `${r.packId}|${r.packVersion ?? ''}|${r.conductDate}`;
      let procedure = procedures.get(key);
      if (!procedure) {
        procedure = procedureOf(ctx, r);
        procedures.set(key, procedure);
      }
      const subject: CaseSubject = {
        state,
        jurisdictionPath: r.jurisdictionPath,
        unitPath: r.unitPath,
        officialId: r.officialId,
        applicantUserId: r.applicantUserId,
        members: [],
        requires: {
          consultation: procedure.consultation.required,
          publicity: procedure.publicity.required,
          filingUpward: procedure.filingUpward.required,
        },
        challengeWindowOpen: false,
        filedUpward: r.filedUpwardOn !== null,
        publicityDone: r.publicityEndedOn !== null,
        suspended: r.suspendedSince !== null,
      };
      const abilities = {} as Record<ListAction, boolean>;
      for (const a of LIST_ACTIONS) abilities[a] = refusal(actor, a, subject) === null;
      const horizon = horizons.get(r.calendarId) ?? today;
      return {
        id: r.id,
        number: r.number,
        title: r.title,
        state,
        stateLabel: STATE_LABEL[state],
        route: r.route,
        official: { id: r.officialId, name: r.officialName },
        jurisdiction: {
          id: r.jurisdictionId,
          name: { zh: r.jurisdictionNameZh, en: r.jurisdictionNameEn },
        },
        step: r.step,
        stepLabel: STEP_LABEL[r.step] ?? { zh: r.step, en: r.step },
        stepDueOn: r.stepDueOn,
        dueStatus: dueStatusOf({ ...r, state }, today, horizon),
        suspended: r.suspendedSince !== null,
        version: r.version,
        updatedAt: r.updatedAt.toISOString(),
        abilities,
      };
    });
    return { items, total: Number(total), page, pageSize };
  });
}
