/**
 * The deciding body reviews whether the closed correction worked (成效评估), once its review has
 * fallen due: `effective` — the problem has not returned — ends it; `not_effective` reopens it in
 * the next round with new actions (at least one), as a failed CAPA effectiveness check does.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { REVIEW_FINDINGS, type ReviewFinding } from '../../shared/corrections.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { determinationInForce } from '../cases/record.js';
import { requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { corrections } from '../tables.js';
import {
  checkActions,
  correctionOf,
  insertActions,
  type ActionInput,
  type WrittenAction,
} from './actions.js';
import { correctionTerms } from './policy.js';

export interface ReviewEffectInput extends TransitionRequest {
  readonly finding: ReviewFinding;
  readonly reasons: string;
  /** Not effective: the new actions of the next round. */
  readonly actions?: readonly ActionInput[];
}

export interface ReviewResult {
  readonly finding: ReviewFinding;
  readonly round: number;
  readonly actions: readonly WrittenAction[];
}

export async function reviewCorrection(ctx: AppContext, actor: Actor, req: ReviewEffectInput) {
  if (!REVIEW_FINDINGS.includes(req.finding)) {
    throw invalid(
      'finding',
      '请选择评估结论：整改有效（effective）或整改成效不明显（not_effective）。',
      "choose the finding: 'effective' or 'not_effective'.",
    );
  }
  const reasons = requireText('reasons', req.reasons, {
    what: { zh: '评估意见及依据', en: 'the reasons for the finding' },
    ...TEXT_LIMITS.correctionReasons,
  });
  return runTransition<ReviewResult>(ctx, actor, 'reviewCorrection', req, async (s) => {
    const { tx, loaded, today } = s;
    const correction = await correctionOf(tx, loaded.row.id);
    const reviewed = { reviewedOn: today, reviewedBy: actor.userId, reviewFinding: reasons };
    if (req.finding === 'effective') {
      await tx
        .update(corrections)
        .set({ state: 'effective', reviewDueOn: null, ...reviewed })
        .where(eq(corrections.id, correction.id));
      return {
        event: 'case.correction_reviewed',
        payload: { correctionId: correction.id, finding: req.finding, reasons },
        result: { finding: req.finding, round: correction.round, actions: [] },
      };
    }
    const determination = await determinationInForce(tx, loaded.row.id);
    const terms = correctionTerms(ctx, loaded.row, determination?.outcome ?? null);
    const actions = checkActions(req.actions, terms.defaultDays);
    const round = correction.round + 1;
    await tx
      .update(corrections)
      .set({ state: 'in_progress', round, closedOn: null, reviewDueOn: null, ...reviewed })
      .where(eq(corrections.id, correction.id));
    const written = await insertActions(ctx, tx, s, { id: correction.id, round }, actions);
    return {
      event: 'case.correction_reopened',
      payload: {
        correctionId: correction.id,
        finding: req.finding,
        reasons,
        round,
        actions: written,
      },
      result: { finding: req.finding, round, actions: written },
    };
  });
}
