/** The applicant withdraws the application before verification ends; the case ends here. */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface WithdrawInput extends TransitionRequest {
  readonly reason: string;
}

export async function withdrawCase(ctx: AppContext, actor: Actor, req: WithdrawInput) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '撤回理由', en: 'the reason for withdrawing' },
    ...TEXT_LIMITS.withdrawalReason,
  });
  return runTransition(ctx, actor, 'withdraw', req, async ({ now }) => ({
    to: 'withdrawn',
    event: 'case.withdrawn',
    reason,
    set: { closedAt: now },
    result: undefined,
  }));
}
