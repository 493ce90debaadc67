/** Intake refuses an application, with written reasons; the case ends here. */
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function refuseCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { reasons: string },
) {
  // A refusal must give written reasons.
  const reasons = requireText('reasons', req.reasons, {
    what: { zh: '不予受理的理由', en: 'the reasons for refusing' },
    ...TEXT_LIMITS.refusalReasons,
  });
  return runTransition(ctx, actor, 'refuse', req, async ({ now }) => ({
    to: 'refused',
    event: 'case.refused',
    reason: reasons,
    set: { closedAt: now },
    result: undefined,
  }));
}
