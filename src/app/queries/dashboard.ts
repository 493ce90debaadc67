/**
 * The managers' dashboard: open cases by step, overdue work (the count and the most overdue
 * cases), and decisions by month and outcome — aggregated in SQL over the cases in the actor's
 * management scope. Managers are committee chairs, organization-department liaisons,
 * administrators, auditors and policy administrators; each sees the cases under the jurisdictions
 * and units they hold one of those roles over, by the same prefix matches on materialized paths
 * as the case list (case-list.ts). The list of overdue cases is further limited to the cases the
 * actor may open (readScope), so a link never leads to a 404.
 *
 * Built for a million cases (migration 0007): the scope is turned into the ids of the
 * jurisdictions (and units) under the actor's grants, so the counts run on the narrow partial
 * indexes cases_open_step and cases_open_due alone (index-only scans of the open cases in those
 * jurisdictions); the decisions by month are summed from determination_months, a summary the
 * database keeps by a trigger on determinations — except for a manager with a unit-scoped grant,
 * whose decisions are counted from the determinations of the cases in scope.
 */
import {
  type AnyColumn,
  and,
  asc,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { STEP_LABEL, TERMINAL } from '../../domain/case-states.js';
import type { Actor, Role } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError, invalid } from '../errors.js';
import type { AnyDb } from '../db.js';
import { cases, determinations, jurisdictions, officials, readLog, units } from '../tables.js';
import { readScope } from './case-list.js';
import { escapeLike } from './paging.js';
import { caseStepCounts, determinationMonths } from './summary-tables.js';

export const DASHBOARD_ROLES: readonly Role[] = [
  'committee_chair',
  'org_liaison',
  'admin',
  'auditor',
  'policy_admin',
];

/** How many of the most overdue cases the dashboard lists. */
export const OVERDUE_LIST = 10;

export interface DashboardInput {
  /** Months of decisions to show, ending with the current month. Default 12, at most 36. */
  readonly months?: number;
}

export interface Dashboard {
  /** The day the figures are for (China time). */
  readonly today: string;
  readonly totals: {
    readonly open: number;
    readonly overdue: number;
    readonly suspended: number;
    readonly decided: number;
  };
  /** Open cases (not refused, closed or withdrawn) by the step they are at, in procedure order. */
  readonly openByStep: readonly { step: string; label: I18nText; count: number }[];
  readonly overdue: {
    /** All overdue cases in scope: open, not suspended, past their step's due day. */
    readonly count: number;
    /** The most overdue that the actor may open, most overdue first. */
    readonly items: readonly {
      id: string;
      number: string;
      title: string;
      official: string;
      jurisdiction: I18nText;
      step: string;
      stepLabel: I18nText;
      stepDueOn: string;
      /** Working days past the due day, on the jurisdiction's calendar. */
      workingDaysOverdue: number;
    }[];
  };
  /** Determinations made in each month, by outcome (months with none included). */
  readonly outcomesByMonth: {
    readonly months: readonly string[];
    readonly outcomes: readonly { id: string; label: I18nText }[];
    /** counts[outcome index][month index]. */
    readonly counts: readonly (readonly number[])[];
  };
}

/** The path prefixes of the actor's dashboard grants, by kind. */
interface ManagedPaths {
  readonly jurisdiction: readonly string[];
  readonly unit: readonly string[];
}

function managedPaths(actor: Actor): ManagedPaths {
  const jurisdiction = new Set<string>();
  const unit = new Set<string>();
  for (const g of actor.grants) {
    if (!DASHBOARD_ROLES.includes(g.role) || g.scopePath === '') continue;
    if (g.scopeKind === 'jurisdiction') jurisdiction.add(g.scopePath);
    else if (g.scopeKind === 'unit') unit.add(g.scopePath);
  }
  return { jurisdiction: [...jurisdiction], unit: [...unit] };
}

/** The SQL condition for "cases the actor manages" on the materialized paths, or undefined. */
export function manageScope(actor: Actor): SQL | undefined {
  const paths = managedPaths(actor);
  const conds = [
    ...paths.jurisdiction.map((p) => like(cases.jurisdictionPath, `${escapeLike(p)}%`)),
    ...paths.unit.map((p) => like(cases.unitPath, `${escapeLike(p)}%`)),
  ];
  return conds.length === 0 ? undefined : or(...conds);
}

/** `column` starts with one of `prefixes` (a path under one of them). */
const under = (
  column: typeof jurisdictions.path | typeof units.path,
  prefixes: readonly string[],
) => or(...prefixes.map((p) => like(column, `${escapeLike(p)}%`)));

/**
 * The same scope by ids: the case's jurisdiction is one under a jurisdiction grant, or its unit
 * one under a unit grant (whose jurisdictions narrow the index range first). The ids are read
 * first, so the counts' index conditions are plain lists.
 */
async function manageScopeByIds(
  tx: AnyDb,
  paths: ManagedPaths,
): Promise<{ jurisdictionIds: string[]; condition: SQL | undefined }> {
  const conds: (SQL | undefined)[] = [];
  let jurisdictionIds: string[] = [];
  if (paths.jurisdiction.length > 0) {
    const rows = await tx
      .select({ id: jurisdictions.id })
      .from(jurisdictions)
      .where(under(jurisdictions.path, paths.jurisdiction));
    jurisdictionIds = rows.map((j) => j.id);
    conds.push(oneOf(cases.jurisdictionId, jurisdictionIds));
  }
  if (paths.unit.length > 0) {
    const rows = await tx
      .select({ id: units.id, jurisdictionId: units.jurisdictionId })
      .from(units)
      .where(under(units.path, paths.unit));
    conds.push(
      and(
        oneOf(cases.jurisdictionId, [...new Set(rows.map((u) => u.jurisdictionId))]),
        oneOf(
          cases.unitId,
          rows.map((u) => u.id),
        ),
      ),
    );
  }
  return { jurisdictionIds, condition: or(...conds) };
}

/** `column` is one of `values` (false for none). */
function oneOf(column: AnyColumn, values: readonly string[]): SQL {
  return values.length === 0 ? sql`false` : inArray(column, [...values]);
}

/**
 * Open cases by step, with how many are suspended: summed from case_step_counts for jurisdiction
 * grants, the suspended ones (few) counted from the cases through the partial index
 * cases_suspended; all counted from the cases in scope when the actor also manages by unit.
 */
async function openByStepOf(
  tx: AnyDb,
  actor: Actor,
  paths: ManagedPaths,
  jurisdictionIds: readonly string[],
): Promise<{ step: string; n: number; suspended: number }[]> {
  if (paths.unit.length === 0) {
    const rows = await tx
      .select({ step: caseStepCounts.step, n: sql<string>`sum(${caseStepCounts.n})` })
      .from(caseStepCounts)
      .where(
        and(oneOf(caseStepCounts.jurisdictionId, jurisdictionIds), sql`${caseStepCounts.n} <> 0`),
      )
      .groupBy(caseStepCounts.step);
    const suspended = await tx
      .select({ step: cases.step, n: count() })
      .from(cases)
      .where(
        and(
          isNotNull(cases.suspendedSince),
          oneOf(cases.jurisdictionId, jurisdictionIds),
          not(inArray(cases.state, [...TERMINAL])),
        ),
      )
      .groupBy(cases.step);
    const suspendedIn = new Map(suspended.map((r) => [r.step, Number(r.n)]));
    return rows
      .map((r) => ({ step: r.step, n: Number(r.n), suspended: suspendedIn.get(r.step) ?? 0 }))
      .filter((r) => r.n > 0);
  }
  const rows = await tx
    .select({
      step: cases.step,
      n: count(),
      suspended: sql<number>`count(${cases.suspendedSince})::int`,
    })
    .from(cases)
    .where(and(manageScope(actor), not(inArray(cases.state, [...TERMINAL]))))
    .groupBy(cases.step);
  return rows.map((r) => ({ ...r, n: Number(r.n), suspended: Number(r.suspended) }));
}

/**
 * Determinations made since `from`, by month, pack and outcome: summed from determination_months
 * for jurisdiction grants; counted from the determinations of the cases in scope when the actor
 * also manages by unit (the summary is kept per jurisdiction only).
 */
async function decisionsByMonth(
  tx: AnyDb,
  actor: Actor,
  paths: ManagedPaths,
  from: string,
): Promise<{ month: string; packId: string; outcome: string; n: number }[]> {
  if (paths.unit.length === 0) {
    const rows = await tx
      .select({
        month: determinationMonths.month,
        packId: determinationMonths.packId,
        outcome: determinationMonths.outcome,
        n: sql<string>`sum(${determinationMonths.n})`,
      })
      .from(determinationMonths)
      .innerJoin(jurisdictions, eq(jurisdictions.id, determinationMonths.jurisdictionId))
      .where(
        and(
          under(jurisdictions.path, paths.jurisdiction),
          gte(determinationMonths.month, from.slice(0, 7)),
        ),
      )
      .groupBy(determinationMonths.month, determinationMonths.packId, determinationMonths.outcome);
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }
  const month = sql<string>`to_char(${determinations.decidedOn}, 'YYYY-MM')`;
  const rows = await tx
    .select({ month, packId: cases.packId, outcome: determinations.outcome, n: count() })
    .from(determinations)
    .innerJoin(cases, eq(cases.id, determinations.caseId))
    .where(and(manageScope(actor), gte(determinations.decidedOn, from)))
    .groupBy(month, cases.packId, determinations.outcome);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The `n` month keys ('YYYY-MM') ending with the month of `today`. */
export function lastMonths(today: string, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

const STEP_ORDER = Object.keys(STEP_LABEL);

export async function getDashboard(
  ctx: AppContext,
  actor: Actor,
  input: DashboardInput = {},
): Promise<Dashboard> {
  const paths = managedPaths(actor);
  if (paths.jurisdiction.length === 0 && paths.unit.length === 0) {
    throw new AppError('DASHBOARD_ROLE_REQUIRED');
  }
  const months = input.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    throw invalid('months', '应为 1 到 36 之间的整数。', 'use a whole number from 1 to 36.');
  }
  const today = todayOf(ctx);
  const monthKeys = lastMonths(today, months);
  const from = `${monthKeys[0]}-01`;

  return ctx.store.tx(async (tx) => {
    const { jurisdictionIds, condition: scope } = await manageScopeByIds(tx, paths);
    // The predicates of the partial index cases_open_due.
    const overdueWhere = and(
      isNull(cases.closedAt),
      isNull(cases.suspendedSince),
      lt(cases.stepDueOn, today),
    );
    const byStep = await openByStepOf(tx, actor, paths, jurisdictionIds);
    const [overdueCount] = await tx
      .select({ n: count() })
      .from(cases)
      .where(and(scope, overdueWhere));
    const mostOverdue = await tx
      .select({
        id: cases.id,
        number: cases.number,
        title: cases.title,
        official: officials.name,
        jurisdictionZh: jurisdictions.nameZh,
        jurisdictionEn: jurisdictions.nameEn,
        calendarId: jurisdictions.calendarId,
        step: cases.step,
        stepDueOn: cases.stepDueOn,
      })
      .from(cases)
      .innerJoin(officials, eq(officials.id, cases.officialId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .where(and(overdueWhere, manageScope(actor), readScope(actor)))
      .orderBy(asc(cases.stepDueOn), asc(cases.id)) // cases_open_due; ties by id, as in the list
      .limit(OVERDUE_LIST);
    const decided = await decisionsByMonth(tx, actor, paths, from);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'dashboard',
      at: ctx.now(),
    });

    const openByStep = byStep
      .map((r) => ({
        step: r.step,
        label: STEP_LABEL[r.step] ?? { zh: r.step, en: r.step },
        count: Number(r.n),
      }))
      .sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step));

    // Outcome labels from each pack in force today; an id a pack no longer has keeps its id.
    const labels = new Map<string, I18nText>();
    for (const packId of new Set(decided.map((d) => d.packId))) {
      try {
        for (const o of ctx.engine.at(packId, today).outcomes) {
          if (!labels.has(o.id)) labels.set(o.id, o.label);
        }
      } catch {
        // no version in force today: the ids stand for themselves
      }
    }
    const outcomeIds = [...new Set(decided.map((d) => d.outcome))].sort();
    const counts = outcomeIds.map(() => monthKeys.map(() => 0));
    for (const d of decided) {
      const i = outcomeIds.indexOf(d.outcome);
      const j = monthKeys.indexOf(d.month);
      if (i >= 0 && j >= 0) counts[i]![j]! += Number(d.n);
    }

    return {
      today,
      totals: {
        open: openByStep.reduce((s, r) => s + r.count, 0),
        overdue: Number(overdueCount?.n ?? 0),
        suspended: byStep.reduce((s, r) => s + Number(r.suspended), 0),
        decided: counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0),
      },
      openByStep,
      overdue: {
        count: Number(overdueCount?.n ?? 0),
        items: mostOverdue.map((r) => {
          const calendar = ctx.calendars.has(r.calendarId)
            ? ctx.calendars.get(r.calendarId)
            : ctx.calendars.get('cn');
          return {
            id: r.id,
            number: r.number,
            title: r.title,
            official: r.official,
            jurisdiction: { zh: r.jurisdictionZh, en: r.jurisdictionEn },
            step: r.step,
            stepLabel: STEP_LABEL[r.step] ?? { zh: r.step, en: r.step },
            stepDueOn: r.stepDueOn!,
            workingDaysOverdue: -calendar.workingDaysUntil(today, r.stepDueOn!),
          };
        }),
      },
      outcomesByMonth: {
        months: monthKeys,
        outcomes: outcomeIds.map((id) => ({ id, label: labels.get(id) ?? { zh: id, en: id } })),
        counts,
      },
    };
  });
}
