/**
 * The deciding body issues the correction opinion (纠错意见书) after a determination, whatever its
 * outcome: what went wrong, what must be corrected, and the actions — each with its owner (the
 * official or their unit), its deadline in working days on the jurisdiction's calendar, and the
 * evidence of completion it asks for. The opinion takes the next 纠错意见书 number of the body
 * (documents/numbers.ts) and is the case's document of type 'correction'. One opinion per case:
 * more actions are added to it (add-actions.ts), and a failed effectiveness review reopens it.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { determinationInForce } from '../cases/record.js';
import { requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { allocateNumber } from '../documents/numbers.js';
import { AppError } from '../errors.js';
import { corrections } from '../tables.js';
import { checkActions, insertActions, type ActionInput } from './actions.js';
import { correctionTerms } from './policy.js';

export interface IssueOpinionInput extends TransitionRequest {
  readonly problem: string;
  readonly requirement: string;
  readonly actions: readonly ActionInput[];
}

export async function issueCorrection(ctx: AppContext, actor: Actor, req: IssueOpinionInput) {
  const problem = requireText('problem', req.problem, {
    what: { zh: '存在的问题', en: 'what went wrong' },
    ...TEXT_LIMITS.correctionProblem,
  });
  const requirement = requireText('requirement', req.requirement, {
    what: { zh: '纠错要求', en: 'what must be corrected' },
    ...TEXT_LIMITS.correctionRequirement,
  });
  return runTransition(ctx, actor, 'issueCorrection', req, async (s) => {
    const { tx, loaded, today } = s;
    const determination = await determinationInForce(tx, loaded.row.id);
    if (!determination) throw new AppError('CASE_WRONG_STATE', { state: loaded.row.state });
    const terms = correctionTerms(ctx, loaded.row, determination.outcome);
    const actions = checkActions(req.actions, terms.defaultDays);
    const { number } = await allocateNumber(
      tx,
      loaded.jurisdiction,
      'correction',
      Number(today.slice(0, 4)),
    );
    const correction = {
      id: randomUUID(),
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      officialId: loaded.row.officialId,
      determinationId: determination.id,
      documentNumber: number,
      problem,
      requirement,
      state: 'in_progress',
      round: 1,
      issuedOn: today,
      issuedBy: actor.userId,
    };
    await tx.insert(corrections).values(correction);
    const written = await insertActions(ctx, tx, s, correction, actions);
    return {
      event: 'case.correction_issued',
      payload: {
        correctionId: correction.id,
        documentNumber: number,
        determinationId: determination.id,
        problem,
        requirement,
        actions: written,
      },
      result: { correctionId: correction.id, documentNumber: number, actions: written },
    };
  });
}
