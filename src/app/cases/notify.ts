/** The written decision is delivered to the official: the review and appeal window starts. */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { determinationInForce } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function notifyDecision(ctx: AppContext, actor: Actor, req: TransitionRequest) {
  return runTransition(ctx, actor, 'notify', req, async ({ tx, loaded, today }) => {
    const d = await determinationInForce(tx, loaded.row.id);
    if (!d) {
      throw new AppError(
        'CASE_PRECONDITION',
        {},
        { zh: '本案尚无认定决定，无法反馈。', en: 'The case has no decision to notify yet.' },
      );
    }
    return {
      to: 'notified',
      event: 'case.notified',
      payload: { determinationId: d.id, documentNumber: d.documentNumber, outcome: d.outcome },
      set: { notifiedOn: today },
      result: { documentNumber: d.documentNumber },
    };
  });
}
