/**
 * Drawing officials in an impact period for follow-up visits (回访抽查, issue 11; domain.md §7).
 *
 * The organization department's liaison draws for a jurisdiction and everything below it. The
 * pack in force there today says when (`followUp.before`: the visit is due that long before the
 * impact period ends) and how many (`followUp.sampleShare`). The population is every determination
 * in force in the subtree — on a case notified, publicized, filed or closed — whose impact period
 * ends between today and `before` from today, and that was not drawn before; the sample is
 * ⌈share × n⌉ of it by the seeded draw of sample.ts. In one transaction: the draw (seed,
 * population, selected), one visit per determination drawn (due `before` its period ends, or today
 * if that has passed), an event `case.visit_drawn` on each selected case's hash chain (the case rule
 * drawVisit checked on the locked case), and the draw in the administration trail ('visits.draw').
 * Two draws for one jurisdiction run one after the other (its row is locked); a draw for a
 * jurisdiction above or below at the same moment that takes the same official fails on
 * follow_up_visits' unique determination, rolls back and says so (VISIT_DRAWN_MEANWHILE).
 */
import { randomUUID } from 'node:crypto';
import { and, between, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { VISIT_SEED_MAX_LENGTH } from '../../shared/visits.js';
import type { CalendarSpan, FollowUp } from '../../policy/model.js';
import { followUpOf } from '../../policy/results.js';
import { recordAdminEvent } from '../admin/events.js';
import { authorizeCase } from '../cases/transition.js';
import { loadCaseForChange } from '../cases/record.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AppTx } from '../db.js';
import { addDaysIso, monthsEndIso } from '../dates.js';
import { AppError, invalid } from '../errors.js';
import { sqlState } from '../../store/index.js';
import { under } from '../queries/case-list.js';
import { cases, determinations, followUpVisits, jurisdictions, visitDraws } from '../tables.js';
import { appendCaseEvent } from './chain.js';
import { newSeed, orderedPopulation, redraw } from './sample.js';
import { requireDrawer } from './scope.js';
import { inForce, withFollowUp } from './subject.js';

/** The states in which a determination stands and its impact period may be followed up. */
export const FOLLOWED_STATES = ['notified', 'publicity', 'filed', 'closed'] as const;

export interface DrawInput {
  readonly jurisdictionId: string;
  /** A seed given by the liaison (e.g. drawn in public); a random one when absent. */
  readonly seed?: string;
}

export interface DrawResult {
  readonly id: string;
  readonly jurisdictionId: string;
  readonly drawnOn: string;
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly share: number;
  readonly basis: string | null;
  readonly seed: string;
  readonly population: readonly string[];
  readonly selected: readonly string[];
  readonly visitIds: readonly string[];
}

/** The last day of the window: `before` from `day`. */
export function windowEnd(day: string, before: CalendarSpan): string {
  return addDaysIso(monthsEndIso(day, before.months ?? 0), before.days ?? 0);
}

/** The day a visit is due: `before` the impact period ends (today at the earliest). */
export function dueOn(impactEndsOn: string, before: CalendarSpan, today: string): string {
  const due = addDaysIso(monthsEndIso(impactEndsOn, -(before.months ?? 0)), -(before.days ?? 0));
  return due < today ? today : due;
}

const SEED = new RegExp(`^[\\x21-\\x7e]{1,${VISIT_SEED_MAX_LENGTH}}$`);

/** The follow-up rule of the pack in force in a jurisdiction today; refused where there is none. */
export function followUpRule(ctx: AppContext, packId: string, day: string): FollowUp {
  const rule = followUpOf(ctx.engine.at(packId, day).eff.followUp);
  if (!rule) throw new AppError('VISIT_NO_RULE', { packId });
  return rule;
}

/** The candidates of a draw: determinations in force in the subtree, period ending in the window. */
export async function candidates(
  tx: AppTx,
  path: string,
  from: string,
  to: string,
): Promise<{ id: string; caseId: string; impactEndsOn: string }[]> {
  const rows = await tx
    .select({
      id: determinations.id,
      caseId: determinations.caseId,
      impactEndsOn: determinations.impactEndsOn,
    })
    .from(determinations)
    .innerJoin(cases, eq(cases.id, determinations.caseId))
    .where(
      and(
        under(cases.jurisdictionPath, path),
        inArray(cases.state, [...FOLLOWED_STATES]),
        isNotNull(determinations.impactEndsOn),
        between(determinations.impactEndsOn, from, to),
        inForce(tx),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(followUpVisits)
            .where(eq(followUpVisits.determinationId, determinations.id)),
        ),
      ),
    );
  return rows.map((r) => ({ id: r.id, caseId: r.caseId, impactEndsOn: r.impactEndsOn! }));
}

export async function drawVisits(
  ctx: AppContext,
  actor: Actor,
  input: DrawInput,
): Promise<DrawResult> {
  const seed = input.seed === undefined || input.seed === '' ? newSeed() : input.seed.trim();
  if (!SEED.test(seed)) {
    throw invalid(
      'seed',
      `随机种子应为 1 至 ${VISIT_SEED_MAX_LENGTH} 个可见字符（字母、数字或符号，不含空格）。`,
      `the seed is 1 to ${VISIT_SEED_MAX_LENGTH} visible characters (letters, digits or symbols, no spaces).`,
    );
  }
  return drawOnce(ctx, actor, input.jurisdictionId, seed).catch((e: unknown) => {
    // A draw for a jurisdiction above or below, at the same moment, drew one of the same officials
    // (follow_up_visits.determination_id is unique): nothing was written; draw again.
    if (sqlState(e) === '23505') throw new AppError('VISIT_DRAWN_MEANWHILE');
    throw e;
  });
}

function drawOnce(
  ctx: AppContext,
  actor: Actor,
  jurisdictionId: string,
  seed: string,
): Promise<DrawResult> {
  return ctx.store.tx(async (tx) => {
    // Draws for one jurisdiction run one after the other: the second sees whom the first drew.
    const [j] = await tx
      .select({ id: jurisdictions.id, path: jurisdictions.path, packId: jurisdictions.packId })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, jurisdictionId))
      .for('update');
    if (!j) throw invalid('jurisdictionId', '没有该辖区。', 'no such jurisdiction.');
    requireDrawer(actor, j.path);
    const today = todayOf(ctx);
    const now = ctx.now();
    const rule = followUpRule(ctx, j.packId, today);
    const windowTo = windowEnd(today, rule.before);
    const found = await candidates(tx, j.path, today, windowTo);
    const population = orderedPopulation(found.map((c) => c.id));
    if (population.length === 0) {
      throw new AppError('VISIT_NOTHING_TO_DRAW', { windowFrom: today, windowTo });
    }
    const selected = redraw(seed, population, rule.sampleShare);
    const id = randomUUID();
    await tx.insert(visitDraws).values({
      id,
      jurisdictionId: j.id,
      drawnOn: today,
      drawnBy: actor.userId,
      windowFrom: today,
      windowTo,
      share: rule.sampleShare,
      basis: rule.basis ?? null,
      seed,
      population,
      selected,
    });
    const byId = new Map(found.map((c) => [c.id, c]));
    const visitIds: string[] = [];
    for (const determinationId of selected) {
      const c = byId.get(determinationId)!;
      const loaded = await withFollowUp(tx, await loadCaseForChange(ctx, tx, c.caseId), today);
      authorizeCase(actor, 'drawVisit', loaded.subject);
      const visitId = randomUUID();
      const due = dueOn(c.impactEndsOn, rule.before, today);
      await tx.insert(followUpVisits).values({
        id: visitId,
        drawId: id,
        caseId: c.caseId,
        determinationId,
        officialId: loaded.row.officialId,
        jurisdictionId: loaded.row.jurisdictionId,
        impactEndsOn: c.impactEndsOn,
        dueOn: due,
        state: 'scheduled',
      });
      await appendCaseEvent(ctx, tx, loaded, actor, now, {
        type: 'case.visit_drawn',
        payload: {
          visitId,
          drawId: id,
          determinationId,
          seed,
          share: rule.sampleShare,
          impactEndsOn: c.impactEndsOn,
          dueOn: due,
        },
      });
      visitIds.push(visitId);
    }
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'visits.draw',
        targetKind: 'jurisdiction',
        targetId: j.id,
        scopePath: j.path,
        at: now,
        payload: {
          drawId: id,
          seed,
          share: rule.sampleShare,
          basis: rule.basis ?? null,
          windowFrom: today,
          windowTo,
          population,
          selected,
        },
      },
      ctx.settings.crypto.trailHash,
    );
    return {
      id,
      jurisdictionId: j.id,
      drawnOn: today,
      windowFrom: today,
      windowTo,
      share: rule.sampleShare,
      basis: rule.basis ?? null,
      seed,
      population,
      selected,
      visitIds,
    };
  });
}
