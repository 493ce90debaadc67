/**
 * The follow-up visits screen's read (GET /api/visits): for a jurisdiction the reader works (the
 * organization department's liaison, or a committee chair, over it or above it), the follow-up
 * rule of the pack in force there, the officials whose impact period ends in the coming window and
 * who were not drawn yet (the population of the next draw), the draws made with their seed,
 * population and sample, and the visits with their results. Asked for one visit (the workbench's
 * and the reminders' links), it reads the reader's jurisdiction that holds it. Written to the read log
 * ('visits.list'); the presenter lists the fields the screen shows, never a row.
 */
import { inTitleMarks } from '../../policy/title-marks.js';
import { desc, eq, inArray, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { within, type Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import { followUpOf } from '../../policy/results.js';
import type { VisitConclusion, VisitState } from '../../shared/visits.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { invalid } from '../errors.js';
import {
  cases,
  followUpVisits,
  jurisdictions,
  officials,
  readLog,
  units,
  users,
  visitDraws,
} from '../tables.js';
import { candidates, dueOn, windowEnd } from '../visits/draw.js';
import { requireReader, visitPaths, VISIT_DRAWERS } from '../visits/scope.js';
import { visitRef } from '../visits/visit-row.js';
import { under } from './case-list.js';
import { escapeLike } from './paging.js';

export interface VisitPerson {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly officialId: string;
  readonly officialName: string;
  readonly unit: I18nText;
  readonly impactEndsOn: string;
  readonly dueOn: string;
}

export interface VisitItem extends VisitPerson {
  readonly id: string;
  readonly drawId: string;
  /** The case version, for recording the visit (a transition of the case). */
  readonly caseVersion: number;
  readonly state: VisitState;
  readonly visitedOn: string | null;
  readonly visitors: string | null;
  readonly findings: string | null;
  readonly conclusion: VisitConclusion | null;
  readonly reportedOn: string | null;
  readonly abilities: { readonly record: boolean; readonly report: boolean };
}

export interface DrawItem {
  readonly id: string;
  readonly drawnOn: string;
  readonly drawnBy: string;
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly share: number;
  readonly basis: string | null;
  readonly seed: string;
  readonly population: readonly string[];
  readonly selected: readonly string[];
}

export interface VisitsView {
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  /** The jurisdictions the reader may choose among. */
  readonly jurisdictions: readonly { readonly id: string; readonly name: I18nText }[];
  /** The pack's follow-up rule in force here today; null where it sets none. */
  readonly rule: {
    readonly months: number;
    readonly days: number;
    readonly sampleShare: number;
    readonly basis: string | null;
    /** The clause cited, as 《document》article. */
    readonly citation: I18nText | null;
  } | null;
  readonly window: { readonly from: string; readonly to: string } | null;
  /** The officials the next draw would draw from. */
  readonly upcoming: readonly VisitPerson[];
  readonly mayDraw: boolean;
  readonly draws: readonly DrawItem[];
  readonly visits: readonly VisitItem[];
}

export async function visitsView(
  ctx: AppContext,
  actor: Actor,
  input: { readonly jurisdictionId?: string; readonly visitId?: string },
): Promise<VisitsView> {
  const paths = requireReader(actor);
  const today = todayOf(ctx);
  return ctx.store.tx(async (tx) => {
    const mine = await tx
      .select({
        id: jurisdictions.id,
        path: jurisdictions.path,
        packId: jurisdictions.packId,
        nameZh: jurisdictions.nameZh,
        nameEn: jurisdictions.nameEn,
      })
      .from(jurisdictions)
      .where(inArray(jurisdictions.path, paths))
      .orderBy(jurisdictions.path);
    let j = mine[0]!;
    if (input.visitId !== undefined && input.jurisdictionId === undefined) {
      // The reader's first jurisdiction that holds the visit (visitRef: in their scope, or 404).
      const ref = await visitRef(tx, actor, input.visitId);
      j = mine.find((m) => within(ref.jurisdictionPath, m.path)) ?? j;
    }
    if (input.jurisdictionId !== undefined) {
      const [asked] = await tx
        .select({
          id: jurisdictions.id,
          path: jurisdictions.path,
          packId: jurisdictions.packId,
          nameZh: jurisdictions.nameZh,
          nameEn: jurisdictions.nameEn,
        })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, input.jurisdictionId));
      if (!asked || !paths.some((p) => within(asked.path, p))) {
        throw invalid(
          'jurisdictionId',
          '没有该辖区，或不在您的职责范围内。',
          'no such jurisdiction, or it is outside your role’s scope.',
        );
      }
      j = asked;
    }
    const eff = ctx.engine.at(j.packId, today).eff;
    const rule = followUpOf(eff.followUp);
    const clause = rule?.basis ? eff.clauses.get(rule.basis) : undefined;
    const source = clause ? eff.sources.get(clause.source) : undefined;
    const citation = clause
      ? {
          zh: `${source ? `${inTitleMarks(source.title.zh)}` : ''}${clause.article.zh}`,
          en: `${source ? `${source.title.en}, ` : ''}${clause.article.en}`,
        }
      : null;
    const window = rule ? { from: today, to: windowEnd(today, rule.before) } : null;
    const found = window ? await candidates(tx, j.path, window.from, window.to) : [];
    const people = found.length
      ? await tx
          .select({
            caseId: cases.id,
            caseNumber: cases.number,
            officialId: officials.id,
            officialName: officials.name,
            unitZh: units.nameZh,
            unitEn: units.nameEn,
          })
          .from(cases)
          .innerJoin(officials, eq(officials.id, cases.officialId))
          .innerJoin(units, eq(units.id, cases.unitId))
          .where(
            inArray(
              cases.id,
              found.map((f) => f.caseId),
            ),
          )
      : [];
    const personOf = new Map(people.map((p) => [p.caseId, p]));
    const upcoming = found
      .map((f) => {
        const p = personOf.get(f.caseId)!;
        return {
          caseId: f.caseId,
          caseNumber: p.caseNumber,
          officialId: p.officialId,
          officialName: p.officialName,
          unit: { zh: p.unitZh, en: p.unitEn },
          impactEndsOn: f.impactEndsOn,
          dueOn: dueOn(f.impactEndsOn, rule!.before, today),
        };
      })
      .sort((a, b) =>
        a.impactEndsOn < b.impactEndsOn ? -1 : a.impactEndsOn > b.impactEndsOn ? 1 : 0,
      );

    const drawJ = alias(jurisdictions, 'draw_j');
    const draws = await tx
      .select({
        id: visitDraws.id,
        drawnOn: visitDraws.drawnOn,
        drawnBy: users.displayName,
        windowFrom: visitDraws.windowFrom,
        windowTo: visitDraws.windowTo,
        share: visitDraws.share,
        basis: visitDraws.basis,
        seed: visitDraws.seed,
        population: visitDraws.population,
        selected: visitDraws.selected,
      })
      .from(visitDraws)
      .innerJoin(drawJ, eq(drawJ.id, visitDraws.jurisdictionId))
      .innerJoin(users, eq(users.id, visitDraws.drawnBy))
      .where(like(drawJ.path, `${escapeLike(j.path)}%`))
      .orderBy(desc(visitDraws.createdAt));
    const visitRows = await tx
      .select({
        id: followUpVisits.id,
        drawId: followUpVisits.drawId,
        caseId: cases.id,
        caseNumber: cases.number,
        caseVersion: cases.version,
        officialId: officials.id,
        officialName: officials.name,
        unitZh: units.nameZh,
        unitEn: units.nameEn,
        impactEndsOn: followUpVisits.impactEndsOn,
        dueOn: followUpVisits.dueOn,
        state: followUpVisits.state,
        visitedOn: followUpVisits.visitedOn,
        visitors: followUpVisits.visitors,
        findings: followUpVisits.findings,
        conclusion: followUpVisits.conclusion,
        reportedOn: followUpVisits.reportedOn,
        jurisdictionPath: cases.jurisdictionPath,
      })
      .from(followUpVisits)
      .innerJoin(cases, eq(cases.id, followUpVisits.caseId))
      .innerJoin(officials, eq(officials.id, followUpVisits.officialId))
      .innerJoin(units, eq(units.id, cases.unitId))
      .where(under(cases.jurisdictionPath, j.path))
      .orderBy(followUpVisits.dueOn, cases.number);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: j.id,
      what: 'visits.list',
      at: ctx.now(),
      detail: { jurisdictionId: j.id, visits: visitRows.length, upcoming: upcoming.length },
    });
    // What the liaison may do with each visit: the case rules, on the visit as it stands (the
    // case's state is checked again, with the case locked, when they act).
    const liaison = visitPaths(actor, VISIT_DRAWERS);
    const mayAct = (path: string) => liaison.some((p) => within(path, p));
    const drawable = rule !== null && mayAct(j.path);
    return {
      jurisdiction: { id: j.id, name: { zh: j.nameZh, en: j.nameEn } },
      jurisdictions: mine.map((x) => ({ id: x.id, name: { zh: x.nameZh, en: x.nameEn } })),
      rule: rule
        ? {
            months: rule.before.months ?? 0,
            days: rule.before.days ?? 0,
            sampleShare: rule.sampleShare,
            basis: rule.basis ?? null,
            citation,
          }
        : null,
      window,
      upcoming,
      mayDraw: drawable && upcoming.length > 0,
      draws: draws.map((d) => ({
        id: d.id,
        drawnOn: d.drawnOn,
        drawnBy: d.drawnBy,
        windowFrom: d.windowFrom,
        windowTo: d.windowTo,
        share: Number(d.share),
        basis: d.basis,
        seed: d.seed,
        population: d.population,
        selected: d.selected,
      })),
      visits: visitRows.map((v) => ({
        id: v.id,
        drawId: v.drawId,
        caseId: v.caseId,
        caseNumber: v.caseNumber,
        caseVersion: v.caseVersion,
        officialId: v.officialId,
        officialName: v.officialName,
        unit: { zh: v.unitZh, en: v.unitEn },
        impactEndsOn: v.impactEndsOn,
        dueOn: v.dueOn,
        state: v.state,
        visitedOn: v.visitedOn,
        visitors: v.visitors,
        findings: v.findings,
        conclusion: v.conclusion,
        reportedOn: v.reportedOn,
        abilities: {
          record: mayAct(v.jurisdictionPath) && v.state === 'scheduled',
          report: mayAct(v.jurisdictionPath) && v.state === 'done' && v.reportedOn === null,
        },
      })),
    };
  });
}
