/**
 * Deciding a review or an appeal. A review is decided by the committee chair of the jurisdiction
 * that decided (the same body); an appeal by a committee chair of a jurisdiction strictly above
 * (policies.ts, decideAppeal). Either way the decision is impartial and reasoned.
 *
 * - 'upheld': the determination in force stands.
 * - 'changed': a new determination replaces it, linked by supersedes_id, with basis 'review' or
 *   'appeal', the original recommendation copied (the engine's advice does not change with who
 *   decides), and the document number of the original suffixed -R1 / -A1.
 *
 * The challenge row records the result. The case returns to 'notified': the result is given to
 * the parties with this decision, and the review and appeal window runs afresh from today.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { caseChallenges, cases, determinations } from '../tables.js';
import { precondition } from './preconditions.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, requireText } from './text-input.js';
import { casePolicy } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function decideChallenge(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { result: 'upheld' | 'changed'; outcome?: string; reasons: string },
) {
  if (req.result !== 'upheld' && req.result !== 'changed') {
    throw invalid('result', '应为 upheld（维持）或 changed（变更）。', 'use upheld or changed.');
  }
  const reasons = requireText('reasons', req.reasons, {
    what: { zh: '复核、申诉决定的理由', en: 'the reasons for the review or appeal decision' },
    ...TEXT_LIMITS.challengeReasons,
  });
  // Which action applies depends on the case's state; the transition checks it again on the case
  // it reads (a change in between fails the version check).
  const state = await currentState(ctx, req.caseId);
  const kind = state === 'under_appeal' ? 'appeal' : 'review';
  const action = kind === 'appeal' ? 'decideAppeal' : 'decideReview';
  return runTransition(ctx, actor, action, req, async ({ tx, loaded, actor, now, today }) => {
    const row = loaded.row;
    const [challenge] = await tx
      .select()
      .from(caseChallenges)
      .where(
        and(
          eq(caseChallenges.caseId, row.id),
          eq(caseChallenges.kind, kind),
          eq(caseChallenges.status, 'pending'),
        ),
      )
      .limit(1);
    const [original] = challenge
      ? await tx
          .select()
          .from(determinations)
          .where(eq(determinations.id, challenge.determinationId))
      : [];
    if (!challenge || !original) {
      throw precondition(
        { kind },
        `本案没有待决定的${kind === 'review' ? '复核' : '申诉'}申请。`,
        `The case has no pending ${kind}.`,
      );
    }
    const outcomes = casePolicy(ctx, row).eff.outcomes.map((o) => o.id);
    let resultDetermination: typeof determinations.$inferInsert | undefined;
    if (req.result === 'upheld') {
      if (req.outcome !== undefined && req.outcome !== original.outcome) {
        throw invalid(
          'outcome',
          `维持原认定时结果应为原结果“${original.outcome}”；要改变结果请选择变更。`,
          `upholding keeps the outcome '${original.outcome}'; choose changed to change it.`,
        );
      }
    } else {
      if (req.outcome === undefined || !outcomes.includes(req.outcome)) {
        throw invalid(
          'outcome',
          `变更认定须给出新的结果，应为以下之一：${outcomes.join('、')}。`,
          `a changed decision needs the new outcome, one of: ${outcomes.join(', ')}.`,
        );
      }
      if (req.outcome === original.outcome) {
        throw invalid(
          'outcome',
          `新结果与原认定相同（${original.outcome}）；结果不变请选择维持。`,
          `the new outcome is the same as the original (${original.outcome}); choose upheld instead.`,
        );
      }
      const suffix = kind === 'review' ? 'R1' : 'A1';
      // Keep "the latest determination is the one in force" true even if clocks disagree.
      const createdAt = new Date(Math.max(now.getTime(), original.createdAt.getTime() + 1));
      resultDetermination = {
        id: randomUUID(),
        caseId: row.id,
        jurisdictionId: row.jurisdictionId,
        outcome: req.outcome,
        recommendedOutcome: original.recommendedOutcome,
        recommendation: original.recommendation,
        departureReasons: req.outcome === original.recommendedOutcome ? '' : reasons,
        minutes: reasons,
        documentNumber: `${original.documentNumber}-${suffix}`,
        decidedOn: today,
        decidedBy: actor.userId,
        supersedesId: original.id,
        basis: kind,
        createdAt,
      };
      await tx.insert(determinations).values(resultDetermination);
    }
    await tx
      .update(caseChallenges)
      .set({
        status: req.result,
        resultDeterminationId: resultDetermination?.id ?? null,
        decidedAt: now,
      })
      .where(eq(caseChallenges.id, challenge.id));
    const inForce = resultDetermination ?? original;
    return {
      to: 'notified',
      event: kind === 'review' ? 'case.review_decided' : 'case.appeal_decided',
      reason: reasons,
      payload: {
        challengeId: challenge.id,
        kind,
        result: req.result,
        previousDeterminationId: original.id,
        determinationId: inForce.id,
        documentNumber: inForce.documentNumber,
        outcome: inForce.outcome,
        previousOutcome: original.outcome,
      },
      // The decision is given to the parties today: the window counts from it. A changed
      // determination is a new one, neither publicized nor filed upward yet.
      set: {
        notifiedOn: today,
        ...(resultDetermination ? { publicityEndedOn: null, filedUpwardOn: null } : {}),
      },
      result: {
        challengeId: challenge.id,
        result: req.result,
        determinationId: inForce.id,
        documentNumber: inForce.documentNumber,
        outcome: inForce.outcome,
      },
    };
  });
}

async function currentState(ctx: AppContext, caseId: string): Promise<CaseState | undefined> {
  if (!isUuid(caseId)) return undefined;
  const [row] = await ctx.store.db
    .select({ state: cases.state })
    .from(cases)
    .where(eq(cases.id, caseId));
  return row?.state as CaseState | undefined;
}
