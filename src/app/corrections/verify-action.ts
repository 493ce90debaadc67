/**
 * Verifying a submitted correction action (核实), by someone other than its submitter:
 * - confirmed: the action is done; when every action of the correction is confirmed, the
 *   correction is closed and its effectiveness review falls due so many months later (the pack's
 *   results.<outcome>.correction.reviewAfter, default three);
 * - not confirmed: back to open, with the reasons and a new deadline in working days;
 * - inconclusive: kept under watch, with the reasons, and verified again later.
 * "Done" (every action confirmed) and "worked" (the review) stay separate, as in CAPA practice.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { MAX_ACTION_DAYS, VERDICTS, type Verdict } from '../../shared/corrections.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { determinationInForce, type LoadedCase } from '../cases/record.js';
import type { AppTx } from '../db.js';
import { optionalText, requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { monthsEndIso } from '../dates.js';
import { AppError, invalid } from '../errors.js';
import { correctionActions, corrections } from '../tables.js';
import { actionOf, correctionOf, workingDeadline } from './actions.js';
import { correctionTerms } from './policy.js';

export interface VerifyActionInput extends TransitionRequest {
  readonly actionId: string;
  readonly verdict: Verdict;
  /** Required unless confirmed. */
  readonly reasons?: string;
  /** Not confirmed: the new time limit in working days from today. */
  readonly dueDays?: number;
}

function checkInput(req: VerifyActionInput) {
  if (!VERDICTS.includes(req.verdict)) {
    throw invalid(
      'verdict',
      '请选择核实结论：核实到位（confirmed）、未整改到位（not_confirmed）或暂难认定（inconclusive）。',
      "choose the verdict: 'confirmed', 'not_confirmed' or 'inconclusive'.",
    );
  }
  const what = { zh: '核实意见及理由', en: 'the reasons for the verdict' };
  const reasons =
    req.verdict === 'confirmed'
      ? optionalText('reasons', req.reasons, { what, ...TEXT_LIMITS.correctionReasons })
      : requireText('reasons', req.reasons, { what, ...TEXT_LIMITS.correctionReasons });
  if (req.verdict === 'not_confirmed') {
    const d = req.dueDays;
    if (!Number.isInteger(d) || d! < 1 || d! > MAX_ACTION_DAYS) {
      throw invalid(
        'dueDays',
        `退回重新整改的，请规定新的完成时限（1 至 ${MAX_ACTION_DAYS} 个工作日）。`,
        `a returned action needs a new time limit of 1 to ${MAX_ACTION_DAYS} working days.`,
      );
    }
  }
  return reasons;
}

export async function verifyCorrection(ctx: AppContext, actor: Actor, req: VerifyActionInput) {
  const reasons = checkInput(req);
  return runTransition(ctx, actor, 'verifyCorrection', req, async (s) => {
    const { tx, loaded, today } = s;
    const action = await actionOf(tx, loaded.row.id, req.actionId);
    if (action.state !== 'submitted' && action.state !== 'watch') {
      throw new AppError('CORRECTION_ACTION_STATE', { actionId: action.id, state: action.state });
    }
    if (action.submittedBy === actor.userId) {
      throw new AppError(
        'CASE_PRECONDITION',
        { actionId: action.id, reason: 'CORRECTION_OWN_SUBMISSION' },
        {
          zh: '整改情况须由报送人以外的人员核实。',
          en: 'A correction action is verified by someone other than the person who submitted it.',
        },
      );
    }
    const due =
      req.verdict === 'not_confirmed' ? workingDeadline(ctx, loaded, today, req.dueDays!) : null;
    await tx
      .update(correctionActions)
      .set({
        state:
          req.verdict === 'confirmed'
            ? 'confirmed'
            : req.verdict === 'not_confirmed'
              ? 'open'
              : 'watch',
        verifiedOn: today,
        verifiedBy: actor.userId,
        verdict: req.verdict,
        verdictReasons: reasons === '' ? null : reasons,
        ...(due
          ? {
              dueDays: req.dueDays!,
              dueOn: due.due,
              dueProvisional: due.provisional,
              returnedCount: action.returnedCount + 1,
            }
          : {}),
      })
      .where(eq(correctionActions.id, action.id));
    const closed =
      req.verdict === 'confirmed' ? await closeIfDone(ctx, s, action.correctionId) : null;
    return {
      event: 'case.correction_verified',
      payload: {
        actionId: action.id,
        seq: action.seq,
        verdict: req.verdict,
        reasons,
        ...(due ? { dueOn: due.due } : {}),
        ...(closed ? { correctionClosed: closed } : {}),
      },
      result: { verdict: req.verdict, correctionClosed: closed },
    };
  });
}

/**
 * Closes the correction when no action of it is left unconfirmed; its effectiveness review then
 * falls due `reviewAfterMonths` later. Returns the closure, or null while actions remain.
 */
async function closeIfDone(
  ctx: AppContext,
  s: {
    tx: AppTx;
    loaded: LoadedCase;
    today: string;
  },
  correctionId: string,
) {
  const [left] = await s.tx
    .select({ id: correctionActions.id })
    .from(correctionActions)
    .where(
      and(
        eq(correctionActions.correctionId, correctionId),
        ne(correctionActions.state, 'confirmed'),
      ),
    )
    .limit(1);
  if (left) return null;
  const correction = await correctionOf(s.tx, s.loaded.row.id);
  const determination = await determinationInForce(s.tx, s.loaded.row.id);
  const terms = correctionTerms(ctx, s.loaded.row, determination?.outcome ?? null);
  const reviewDueOn = monthsEndIso(s.today, terms.reviewAfterMonths);
  await s.tx
    .update(corrections)
    .set({ state: 'awaiting_review', closedOn: s.today, reviewDueOn })
    .where(eq(corrections.id, correction.id));
  return { closedOn: s.today, reviewDueOn, reviewAfterMonths: terms.reviewAfterMonths };
}
