/**
 * More actions for a correction under way (the organization department or the chair): checked and
 * written like the opinion's own, in the current round. A closed correction takes none; an
 * effectiveness review that finds it did not work reopens it with new ones (review-effect.ts).
 */
import type { Actor } from '../../domain/roles.js';
import { determinationInForce } from '../cases/record.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { checkActions, correctionOf, insertActions, type ActionInput } from './actions.js';
import { correctionTerms } from './policy.js';

export interface AddActionsInput extends TransitionRequest {
  readonly actions: readonly ActionInput[];
}

export async function addCorrectionActions(ctx: AppContext, actor: Actor, req: AddActionsInput) {
  return runTransition(ctx, actor, 'addCorrectionActions', req, async (s) => {
    const correction = await correctionOf(s.tx, s.loaded.row.id);
    const determination = await determinationInForce(s.tx, s.loaded.row.id);
    const terms = correctionTerms(ctx, s.loaded.row, determination?.outcome ?? null);
    const actions = checkActions(req.actions, terms.defaultDays);
    const written = await insertActions(ctx, s.tx, s, correction, actions);
    return {
      event: 'case.correction_actions_added',
      payload: { correctionId: correction.id, round: correction.round, actions: written },
      result: { actions: written },
    };
  });
}
