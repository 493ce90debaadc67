/**
 * The indicators from case records (issue 12; definitions in src/evaluation/indicator-definitions.ts),
 * computed in SQL over the reader's scope, per jurisdiction and for the whole scope, for a period
 * of China days with each event counted on the day it happened.
 *
 * Who reads them: the organization department's liaison, a committee chair, an auditor or an
 * administrator, over the jurisdiction subtrees they hold one of those roles over (jurisdiction
 * grants, as the results ledger; a unit-scoped grant gives no jurisdiction figures). A jurisdiction
 * asked for must lie in one of those subtrees. Every read is written to the read log.
 *
 * Each family of records is one grouped query, by the jurisdiction the record belongs to (every
 * table read carries its case's jurisdiction_id): the cases opened, the officials registered, the
 * matters, the risk filings, the first determinations (with the median working days, from
 * working-day-index.ts, for each jurisdiction and the whole scope by GROUPING SETS), the reviews
 * and appeals decided, the correction actions due, the corrections reviewed, the visits drawn.
 * Each reads a range of days on an index that holds every column it counts (migration 0026): a
 * province's year over a million cases is an index-only scan of each (bench:indicators).
 */
import { and, count, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor, Role } from '../../domain/roles.js';
import {
  INDICATORS,
  TOLERATED_OUTCOMES,
  type IndicatorDefinition,
  type IndicatorId,
} from '../../evaluation/indicator-definitions.js';
import type { I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AnyDb } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { grantedScopes } from '../queries/case-list.js';
import { escapeLike } from '../queries/paging.js';
import { checkedResultsFilter } from '../queries/results-export.js';
import {
  accountabilityMatters,
  caseChallenges,
  cases,
  correctionActions,
  corrections,
  determinations,
  followUpVisits,
  jurisdictions,
  officials,
  readLog,
  riskFilings,
  visitDraws,
} from '../tables.js';
import {
  INDEX_BASE,
  INDEX_LAST_YEAR,
  workingDayIndex,
  workingDaysSql,
} from './working-day-index.js';

export const INDICATOR_ROLES: readonly Role[] = [
  'org_liaison',
  'committee_chair',
  'auditor',
  'admin',
];

export interface IndicatorsInput {
  /** The period, inclusive (YYYY-MM-DD); default from the first of January of `to`'s year. */
  readonly from?: string;
  /** Default: today. */
  readonly to?: string;
  /** One jurisdiction subtree of the reader's scope (default: all of it). */
  readonly jurisdiction?: string;
}

export interface IndicatorValue {
  readonly id: IndicatorId;
  /** Null for a median, which has no numerator. */
  readonly numerator: number | null;
  readonly denominator: number;
  /** Null when the denominator is 0. */
  readonly value: number | null;
}

export interface JurisdictionIndicators {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: string;
  readonly name: I18nText;
  readonly indicators: readonly IndicatorValue[];
}

export interface IndicatorsReport {
  readonly from: string;
  readonly to: string;
  readonly definitions: readonly IndicatorDefinition[];
  /** Every jurisdiction of the scope, in path order (a parent before its children). */
  readonly jurisdictions: readonly JurisdictionIndicators[];
  /** The whole scope: the sums of the counts, the median over all its determinations. */
  readonly total: readonly IndicatorValue[];
}

/** The counts of one jurisdiction (or of the scope), before they become values. */
interface Counts {
  applications: number;
  exOfficio: number;
  cadres: number;
  matters: number;
  riskFilings: number;
  determinations: number;
  tolerated: number;
  departed: number;
  publicized: number;
  timed: number;
  medianDays: number | null;
  challengesDecided: number;
  challengesChanged: number;
  actionsDue: number;
  actionsConfirmed: number;
  reviewed: number;
  effective: number;
  drawn: number;
  visited: number;
}

function emptyCounts(): Counts {
  return {
    applications: 0,
    exOfficio: 0,
    cadres: 0,
    matters: 0,
    riskFilings: 0,
    determinations: 0,
    tolerated: 0,
    departed: 0,
    publicized: 0,
    timed: 0,
    medianDays: null,
    challengesDecided: 0,
    challengesChanged: 0,
    actionsDue: 0,
    actionsConfirmed: 0,
    reviewed: 0,
    effective: 0,
    drawn: 0,
    visited: 0,
  };
}

/** Numerator and denominator of each indicator, from the counts. */
const PARTS: Record<IndicatorId, (c: Counts) => [number | null, number]> = {
  applicationsPerThousandCadres: (c) => [c.applications, c.cadres],
  exOfficioChecksPerMatter: (c) => [c.exOfficio, c.matters],
  medianWorkingDaysToDecision: (c) => [null, c.timed],
  toleranceRate: (c) => [c.tolerated, c.determinations],
  reversalRate: (c) => [c.challengesChanged, c.challengesDecided],
  departureRate: (c) => [c.departed, c.determinations],
  correctionCompletion: (c) => [c.actionsConfirmed, c.actionsDue],
  correctionEffectiveness: (c) => [c.effective, c.reviewed],
  visitCoverage: (c) => [c.visited, c.drawn],
  riskFilingsPerThousandCadres: (c) => [c.riskFilings, c.cadres],
  publicityShare: (c) => [c.publicized, c.determinations],
};

export function valuesOf(c: Counts): IndicatorValue[] {
  return INDICATORS.map((d) => {
    const [numerator, denominator] = PARTS[d.id](c);
    let value: number | null = null;
    if (denominator > 0) {
      if (d.kind === 'median') value = c.medianDays;
      else if (d.kind === 'perThousand') value = (numerator! * 1000) / denominator;
      else value = numerator! / denominator;
    }
    return { id: d.id, numerator, denominator, value };
  });
}

/** The period, checked: real days in order, within the years the working-day index covers. */
function periodOf(ctx: AppContext, input: IndicatorsInput): { from: string; to: string } {
  const f = checkedResultsFilter({
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
  });
  const to = f.to ?? todayOf(ctx);
  const from = f.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw invalid(
      'from',
      `起始日期 ${from} 晚于截止日期 ${to}，请改正。`,
      `the start of the period ${from} is after its end ${to}: correct it.`,
    );
  }
  if (from < INDEX_BASE || Number(to.slice(0, 4)) > INDEX_LAST_YEAR) {
    throw invalid(
      from < INDEX_BASE ? 'from' : 'to',
      `统计期应在 ${INDEX_BASE} 至 ${INDEX_LAST_YEAR}-12-31 之间。`,
      `the period must lie between ${INDEX_BASE} and ${INDEX_LAST_YEAR}-12-31.`,
    );
  }
  return { from, to };
}

interface ScopeJurisdiction {
  id: string;
  parentId: string | null;
  path: string;
  level: string;
  nameZh: string;
  nameEn: string;
  calendarId: string;
}

/** The jurisdictions under the reader's grants (and under `jurisdiction` when asked), by path. */
async function scopeJurisdictions(
  tx: AnyDb,
  actor: Actor,
  jurisdiction: string | undefined,
): Promise<ScopeJurisdiction[]> {
  const roots = grantedScopes(actor, INDICATOR_ROLES).jurisdictions;
  if (roots.length === 0) throw new AppError('EVALUATION_ROLE_REQUIRED');
  const under = (prefix: string) => sql`${jurisdictions.path} LIKE ${`${escapeLike(prefix)}%`}`;
  let prefixes = roots.map((r) => r.path);
  if (jurisdiction) {
    const [j] = await tx
      .select({ path: jurisdictions.path })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, jurisdiction));
    // Outside the scope reads as not there at all.
    if (!j || !prefixes.some((p) => j.path.startsWith(p))) {
      throw new AppError('ORG_NOT_FOUND', { jurisdiction });
    }
    prefixes = [j.path];
  }
  return tx
    .select({
      id: jurisdictions.id,
      parentId: jurisdictions.parentId,
      path: jurisdictions.path,
      level: jurisdictions.level,
      nameZh: jurisdictions.nameZh,
      nameEn: jurisdictions.nameEn,
      calendarId: jurisdictions.calendarId,
    })
    .from(jurisdictions)
    .where(sql.join(prefixes.map(under), sql` OR `))
    .orderBy(jurisdictions.path);
}

/** The start of a China day and of the day after `to`, as instants (China is UTC+8 all year). */
function instantsOf(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  return { start, end };
}

type Row = { j: string | null } & Record<string, unknown>;

/** Adds each row's counts (named as in Counts) to its jurisdiction's. */
function addRows(byId: Map<string, Counts>, rows: readonly Row[]): void {
  for (const r of rows) {
    const c = r.j === null ? undefined : byId.get(r.j);
    if (!c) continue;
    for (const [k, v] of Object.entries(r)) {
      if (k !== 'j' && k !== 'medianDays') (c as unknown as Record<string, number>)[k] = Number(v);
    }
  }
}

const n = (expr: SQL) => sql<string>`count(*) filter (where ${expr})`;

/**
 * The first determinations made in the period, per jurisdiction and for the whole scope (the row
 * whose j is NULL, from GROUPING SETS): how many, tolerated, departing from the recommendation,
 * publicized by `to`, and the median working days from acceptance on each jurisdiction's calendar.
 * The days of acceptance and of the publicity notice are the determination's own columns (written
 * by decide.ts and issue-document.ts, migration 0026), so the query reads one index and no other
 * table.
 */
async function determinationCounts(
  ctx: AppContext,
  tx: AnyDb,
  scope: readonly ScopeJurisdiction[],
  from: string,
  to: string,
) {
  const ids = scope.map((j) => j.id);
  const byCalendar = new Map<string, string[]>();
  for (const j of scope) {
    const id = ctx.calendars.has(j.calendarId) ? j.calendarId : 'cn';
    byCalendar.set(id, [...(byCalendar.get(id) ?? []), j.id]);
  }
  // The index of the jurisdiction's calendar: one array per calendar in scope.
  const indexOf = (calendarId: string) =>
    sql`${workingDayIndex(ctx.calendars.get(calendarId), to)}::int[]`;
  const calendars = [...byCalendar];
  const arms = calendars.map(
    ([calendarId, js]) =>
      sql`when ${determinations.jurisdictionId} in (${sql.join(
        js.map((id) => sql`${id}`),
        sql`, `,
      )}) then ${indexOf(calendarId)}`,
  );
  const index =
    calendars.length === 1 ? indexOf(calendars[0]![0]) : sql`case ${sql.join(arms, sql` `)} end`;
  const days = workingDaysSql(
    index,
    sql`${determinations.acceptedOn}`,
    sql`${determinations.decidedOn}`,
  );
  return tx
    .select({
      j: determinations.jurisdictionId,
      determinations: count(),
      tolerated: n(inArray(determinations.outcome, [...TOLERATED_OUTCOMES])),
      departed: n(eq(determinations.departs, true)),
      publicized: n(lte(determinations.publicizedOn, to)),
      timed: sql<string>`count(${days})`,
      medianDays: sql<number | null>`percentile_cont(0.5) within group (order by ${days})`,
    })
    .from(determinations)
    .where(
      and(
        inArray(determinations.jurisdictionId, ids),
        gte(determinations.decidedOn, from),
        lte(determinations.decidedOn, to),
        isNull(determinations.supersedesId),
      ),
    )
    .groupBy(sql`grouping sets ((${determinations.jurisdictionId}), ())`);
}

export async function getIndicators(
  ctx: AppContext,
  actor: Actor,
  input: IndicatorsInput = {},
): Promise<IndicatorsReport> {
  const { from, to } = periodOf(ctx, input);
  const { start, end } = instantsOf(from, to);
  return ctx.store.tx(async (tx) => {
    const scope = await scopeJurisdictions(tx, actor, input.jurisdiction || undefined);
    const ids = scope.map((j) => j.id);
    const [opened, cadres, matters, filings, decided, challenges, actions, reviews, visits] =
      await Promise.all([
        tx
          .select({
            j: cases.jurisdictionId,
            applications: n(eq(cases.route, 'application')),
            exOfficio: n(eq(cases.route, 'ex_officio')),
          })
          .from(cases)
          .where(
            and(
              inArray(cases.jurisdictionId, ids),
              gte(cases.createdAt, start),
              lt(cases.createdAt, end),
            ),
          )
          .groupBy(cases.jurisdictionId),
        tx
          .select({ j: officials.managingJurisdictionId, cadres: count() })
          .from(officials)
          .where(inArray(officials.managingJurisdictionId, ids))
          .groupBy(officials.managingJurisdictionId),
        tx
          .select({ j: accountabilityMatters.jurisdictionId, matters: count() })
          .from(accountabilityMatters)
          .where(
            and(
              inArray(accountabilityMatters.jurisdictionId, ids),
              gte(accountabilityMatters.openedOn, from),
              lte(accountabilityMatters.openedOn, to),
            ),
          )
          .groupBy(accountabilityMatters.jurisdictionId),
        tx
          .select({ j: riskFilings.jurisdictionId, riskFilings: count() })
          .from(riskFilings)
          .where(
            and(
              inArray(riskFilings.jurisdictionId, ids),
              gte(riskFilings.filedOn, from),
              lte(riskFilings.filedOn, to),
            ),
          )
          .groupBy(riskFilings.jurisdictionId),
        determinationCounts(ctx, tx, scope, from, to),
        tx
          .select({
            j: caseChallenges.jurisdictionId,
            challengesDecided: count(),
            challengesChanged: n(eq(caseChallenges.status, 'changed')),
          })
          .from(caseChallenges)
          .where(
            and(
              inArray(caseChallenges.jurisdictionId, ids),
              inArray(caseChallenges.status, ['upheld', 'changed']),
              gte(caseChallenges.decidedOn, from),
              lte(caseChallenges.decidedOn, to),
            ),
          )
          .groupBy(caseChallenges.jurisdictionId),
        tx
          .select({
            j: correctionActions.jurisdictionId,
            actionsDue: count(),
            actionsConfirmed: n(
              and(eq(correctionActions.state, 'confirmed'), lte(correctionActions.verifiedOn, to))!,
            ),
          })
          .from(correctionActions)
          .where(
            and(
              inArray(correctionActions.jurisdictionId, ids),
              gte(correctionActions.dueOn, from),
              lte(correctionActions.dueOn, to),
            ),
          )
          .groupBy(correctionActions.jurisdictionId),
        tx
          .select({
            j: corrections.jurisdictionId,
            reviewed: count(),
            effective: n(eq(corrections.state, 'effective')),
          })
          .from(corrections)
          .where(
            and(
              inArray(corrections.jurisdictionId, ids),
              gte(corrections.reviewedOn, from),
              lte(corrections.reviewedOn, to),
            ),
          )
          .groupBy(corrections.jurisdictionId),
        tx
          .select({
            j: followUpVisits.jurisdictionId,
            drawn: count(),
            visited: n(lte(followUpVisits.visitedOn, to)),
          })
          .from(followUpVisits)
          .innerJoin(visitDraws, eq(visitDraws.id, followUpVisits.drawId))
          .where(
            and(
              inArray(followUpVisits.jurisdictionId, ids),
              gte(visitDraws.drawnOn, from),
              lte(visitDraws.drawnOn, to),
            ),
          )
          .groupBy(followUpVisits.jurisdictionId),
        tx.insert(readLog).values({
          userId: actor.userId,
          caseId: null,
          jurisdictionId: input.jurisdiction || null,
          what: 'evaluation.indicators',
          at: ctx.now(),
          detail: { from, to, ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}) },
        }),
      ]);
    const byId = new Map(scope.map((j) => [j.id, emptyCounts()]));
    for (const rows of [opened, cadres, matters, filings, challenges, actions, reviews, visits]) {
      addRows(byId, rows as Row[]);
    }
    addRows(byId, decided);
    const total = emptyCounts();
    for (const c of byId.values()) {
      for (const k of Object.keys(total) as (keyof Counts)[]) {
        if (k !== 'medianDays') total[k] += c[k] as number;
      }
    }
    for (const r of decided) {
      const median = r.medianDays === null ? null : Number(r.medianDays);
      if (r.j === null) total.medianDays = median;
      else if (byId.has(r.j)) byId.get(r.j)!.medianDays = median;
    }
    return {
      from,
      to,
      definitions: INDICATORS,
      jurisdictions: scope.map((j) => ({
        id: j.id,
        parentId: j.parentId,
        level: j.level,
        name: { zh: j.nameZh, en: j.nameEn },
        indicators: valuesOf(byId.get(j.id)!),
      })),
      total: valuesOf(total),
    };
  });
}
