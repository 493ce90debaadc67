/**
 * The managers' dashboard: open cases by step, overdue work (the count and the most overdue
 * cases), and decisions by month and outcome — aggregated in SQL over the cases in the actor's
 * management scope. Managers are committee chairs, organization-department liaisons,
 * administrators, auditors and policy administrators; each sees the cases under the jurisdictions
 * and units they hold one of those roles over, by the same prefix matches on materialized paths
 * as the case list (case-list.ts). The list of overdue cases is further limited to the cases the
 * actor may open (readScope), so a link never leads to a 404.
 */
import {
  and,
  asc,
  count,
  eq,
  gte,
  inArray,
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
import { cases, determinations, jurisdictions, officials, readLog } from '../tables.js';
import { escapeLike, readScope } from './case-list.js';

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

/** The SQL condition for "cases the actor manages", or undefined when none. */
export function manageScope(actor: Actor): SQL | undefined {
  const conds: SQL[] = [];
  const seen = new Set<string>();
  for (const g of actor.grants) {
    if (!DASHBOARD_ROLES.includes(g.role) || g.scopePath === '') continue;
    if (g.scopeKind !== 'jurisdiction' && g.scopeKind !== 'unit') continue;
    const key = `${g.scopeKind}:${g.scopePath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const column = g.scopeKind === 'jurisdiction' ? cases.jurisdictionPath : cases.unitPath;
    conds.push(like(column, `${escapeLike(g.scopePath)}%`));
  }
  return conds.length === 0 ? undefined : or(...conds);
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
  const scope = manageScope(actor);
  if (!scope) throw new AppError('DASHBOARD_ROLE_REQUIRED');
  const months = input.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    throw invalid('months', '应为 1 到 36 之间的整数。', 'use a whole number from 1 to 36.');
  }
  const today = todayOf(ctx);
  const monthKeys = lastMonths(today, months);
  const from = `${monthKeys[0]}-01`;
  const open = and(scope, not(inArray(cases.state, [...TERMINAL])));
  const overdueWhere = and(
    scope,
    isNull(cases.closedAt),
    isNull(cases.suspendedSince),
    lt(cases.stepDueOn, today),
  );

  return ctx.store.tx(async (tx) => {
    const byStep = await tx
      .select({
        step: cases.step,
        n: count(),
        suspended: sql<number>`count(${cases.suspendedSince})::int`,
      })
      .from(cases)
      .where(open)
      .groupBy(cases.step);
    const [overdueCount] = await tx.select({ n: count() }).from(cases).where(overdueWhere);
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
      .where(and(overdueWhere, readScope(actor)))
      .orderBy(asc(cases.stepDueOn), asc(cases.number))
      .limit(OVERDUE_LIST);
    const month = sql<string>`to_char(${determinations.decidedOn}, 'YYYY-MM')`;
    const decided = await tx
      .select({ month, packId: cases.packId, outcome: determinations.outcome, n: count() })
      .from(determinations)
      .innerJoin(cases, eq(cases.id, determinations.caseId))
      .where(and(scope, gte(determinations.decidedOn, from)))
      .groupBy(month, cases.packId, determinations.outcome);
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
        for (const o of ctx.engine.at(packId, today).eff.outcomes) {
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
