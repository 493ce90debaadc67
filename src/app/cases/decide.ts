/**
 * The committee decides (集体研究认定): the engine's recommendation on the case's current facts is
 * computed and stored with its reasons; the decision needs the votes of a majority of the members
 * who sit (not recused, no conflict) for the outcome decided, minutes, and written reasons when it
 * departs from the recommendation. The determination gets its official number (认定书 文号, e.g.
 * X新容认〔2026〕42号) from the jurisdiction's gap-free counter, in this transaction.
 */
import { MIN_DEPARTURE_REASONS } from '../../shared/case.js';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import type { Evaluation } from '../../policy/engine.js';
import { PolicyError } from '../../policy/errors.js';
import type { FactValue, I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import { allocateNumber } from '../documents/numbers.js';
import { bandOf, departsFrom } from './band.js';
import { determinations } from '../tables.js';
import { currentFacts } from './record-fact.js';
import { applicationFor, type ApplicationColumns } from './result-application.js';
import { feedBackToMatter } from '../matters/feedback.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText, requireText } from './text-input.js';
import type { CaseRow, LoadedCase } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';
import { resultsOf, requireOutcome } from './vote.js';

export interface DecideInput extends TransitionRequest {
  readonly outcome: string;
  readonly minutes: string;
  /** Required when the outcome departs from the recommendation: MIN_DEPARTURE_REASONS or more. */
  readonly departureReasons?: string;
}

export { MIN_DEPARTURE_REASONS };

export async function decideCase(ctx: AppContext, actor: Actor, req: DecideInput) {
  const minutes = requireText('minutes', req.minutes, {
    what: { zh: '会议纪要', en: 'the minutes of the meeting' },
    ...TEXT_LIMITS.minutes,
  });
  const departureReasons = optionalText('departureReasons', req.departureReasons, {
    what: { zh: '不采纳建议的理由', en: 'the reasons for departing' },
    ...TEXT_LIMITS.departureReasons,
  });
  return runTransition(ctx, actor, 'decide', req, async ({ tx, loaded, now, today }) => {
    const row = loaded.row;
    const outcome = requireOutcome(ctx, row, req.outcome);
    const label = outcomeLabels(ctx, row);
    const votes = requireMajority(loaded.members, outcome, label);

    const facts = await currentFacts(tx, row.id);
    const recommendation = recommendationOn(ctx, row, facts, today);
    const recommended = recommendation.outcome;
    const departs = departsFrom(recommendation, outcome);
    if (departs) requireDepartureReasons(departureReasons, outcome, recommendation, label);

    const decided = { outcome, recommendedOutcome: recommended, departs };
    const applied = applicationFor(ctx, row, outcome, today);
    const determination = await insertDetermination(tx, loaded, {
      ...applied,
      outcome,
      departs,
      recommendation,
      departureReasons,
      minutes,
      decidedOn: today,
      decidedBy: actor.userId,
      createdAt: now,
    });
    // The outcome fed back to the accountability matter, if the case was opened on one.
    const matter = await feedBackToMatter(tx, loaded, {
      outcome,
      inForceOn: today,
      basis: 'first',
      facts,
    });
    return {
      to: 'determined',
      event: 'case.decided',
      reason: departs ? departureReasons : '',
      payload: {
        ...determination,
        ...decided,
        application: applied.application,
        version: recommendation.version,
        facts,
        votes,
        ...(matter ? { matter } : {}),
      },
      // The outcome in force, kept on the case for the work queue's filter (migration 0019).
      set: { outcomeInForce: outcome },
      result: { ...determination, ...decided },
    };
  });
}

/** An outcome's label on the case's ladder (its id where the ladder does not have it). */
export type OutcomeLabels = (id: string) => I18nText;

export function outcomeLabels(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
): OutcomeLabels {
  return (id) => resultsOf(ctx, row).find((o) => o.id === id)?.label ?? { zh: id, en: id };
}

/** The votes of the members who sit, as the decision's event records them. */
export interface Votes {
  /** Votes by outcome. */
  readonly tally: Record<string, number>;
  /** How many members sit (not recused, no conflict declared). */
  readonly sitting: number;
  /** The majority of them: the votes an outcome needs. */
  readonly needed: number;
}

/**
 * The votes; refuses the decision unless a majority of the members who sit voted `outcome`.
 * `voteOf` reads a member's vote: on the determination (default), or on a review decided
 * collectively (decide-challenge.ts).
 */
export function requireMajority(
  members: LoadedCase['members'],
  outcome: string,
  label: OutcomeLabels,
  voteOf: (m: LoadedCase['members'][number]) => string | null = (m) => m.vote,
): Votes {
  const sitting = members.filter((m) => !m.recused && m.conflict === null);
  const tally: Record<string, number> = {};
  for (const m of sitting) {
    const vote = voteOf(m);
    if (vote !== null) tally[vote] = (tally[vote] ?? 0) + 1;
  }
  const forOutcome = tally[outcome] ?? 0;
  const needed = Math.floor(sitting.length / 2) + 1;
  if (sitting.length === 0 || forOutcome < needed) {
    throw new AppError(
      'CASE_PRECONDITION',
      { outcome, votesFor: forOutcome, sitting: sitting.length, needed, tally },
      {
        zh: `“${label(outcome).zh}”获得 ${forOutcome} 票，未达到参加研究成员（${sitting.length} 人，不含回避成员）的过半数，至少需要 ${needed} 票。`,
        en: `'${label(outcome).en}' has ${forOutcome} votes, short of a majority of the ${sitting.length} sitting members (recused members excluded); it needs at least ${needed}.`,
      },
    );
  }
  return { tally, sitting: sitting.length, needed };
}

/**
 * Departing from the recommendation (deciding outside its band) needs written reasons of
 * MIN_DEPARTURE_REASONS at least.
 */
function requireDepartureReasons(
  departureReasons: string,
  outcome: string,
  recommendation: Evaluation,
  label: OutcomeLabels,
): void {
  if ([...departureReasons].length >= MIN_DEPARTURE_REASONS) return;
  const recommended = recommendation.outcome;
  const band = bandOf(recommendation);
  const named = (lang: 'zh' | 'en') =>
    band.map((o) => (lang === 'zh' ? `“${label(o).zh}”` : `'${label(o).en}'`));
  const rec =
    band.length === 0
      ? {
          zh: '根据已认定的事实，规则尚不能给出确定的建议结果',
          en: 'the established facts do not let the rules give a definite recommendation',
        }
      : band.length === 1
        ? {
            zh: `规则建议的结果为${named('zh')[0]}，与认定的“${label(outcome).zh}”不一致`,
            en: `the rules recommend ${named('en')[0]}, not '${label(outcome).en}'`,
          }
        : {
            zh: `规则建议在${named('zh').join('、')}范围内认定，认定的“${label(outcome).zh}”不在此范围内`,
            en: `the rules recommend deciding within ${named('en').join(', ')}, and '${label(outcome).en}' is outside that band`,
          };
  throw new AppError(
    'DEPARTURE_REASONS_REQUIRED',
    {
      outcome,
      recommendedOutcome: recommended,
      recommended: band,
      missingFacts: recommendation.missingFacts,
    },
    {
      zh: `${rec.zh}，必须在 departureReasons 中书面说明认定理由（至少 ${MIN_DEPARTURE_REASONS} 个字）。`,
      en: `${rec.en}, so written reasons (at least ${MIN_DEPARTURE_REASONS} characters) are required in departureReasons.`,
    },
  );
}

/**
 * Stores the case's first determination (basis 'first', superseding none) with the recommendation
 * it was decided against, numbered in the jurisdiction's sequence of determinations for the year.
 */
async function insertDetermination(
  tx: AppTx,
  loaded: Pick<LoadedCase, 'row' | 'jurisdiction'>,
  d: {
    readonly outcome: string;
    readonly departs: boolean;
    readonly recommendation: Evaluation;
    readonly departureReasons: string;
    readonly minutes: string;
    readonly decidedOn: string;
    readonly decidedBy: string;
    readonly createdAt: Date;
  } & ApplicationColumns,
): Promise<{ determinationId: string; documentNumber: string; impactEndsOn: string | null }> {
  const row = loaded.row;
  const year = Number(d.decidedOn.slice(0, 4));
  const { number: documentNumber } = await allocateNumber(
    tx,
    loaded.jurisdiction,
    'determination',
    year,
  );
  const id = randomUUID();
  await tx.insert(determinations).values({
    id,
    caseId: row.id,
    jurisdictionId: row.jurisdictionId,
    outcome: d.outcome,
    recommendedOutcome: d.recommendation.outcome,
    recommendedOutcomes: [...bandOf(d.recommendation)],
    departs: d.departs,
    recommendation: JSON.parse(JSON.stringify(d.recommendation)) as Evaluation,
    departureReasons: d.departureReasons,
    minutes: d.minutes,
    documentNumber,
    decidedOn: d.decidedOn,
    decidedBy: d.decidedBy,
    supersedesId: null,
    basis: 'first',
    application: d.application,
    impactEndsOn: d.impactEndsOn,
    createdAt: d.createdAt,
    // Kept on the determination for the indicators' working days to decision (migration 0026).
    acceptedOn: row.acceptedOn,
  });
  return { determinationId: id, documentNumber, impactEndsOn: d.impactEndsOn };
}

/**
 * The recommendation the committee decides against: the rules applied to the case's current facts
 * as of the conduct, with the more lenient later version where it helps (从旧兼从轻) as of `today`.
 * One function, so that what the deliberation page shows is what the decision stores.
 */
export function recommendationOn(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'conductDate'>,
  facts: Record<string, FactValue | null>,
  today: string,
): Evaluation {
  try {
    return ctx.engine.evaluate(row.packId, facts, { at: row.conductDate, decidedAt: today });
  } catch (e) {
    if (e instanceof PolicyError) {
      throw new AppError('POLICY_INPUT', { code: e.code }, e.diagnostics[0]?.message);
    }
    throw e;
  }
}
