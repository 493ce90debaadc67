/** Intake refuses an application, with written reasons; the case ends here. */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function refuseCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { reasons: string },
) {
  if (req.reasons.trim().length < 4) {
    throw invalid('reasons', '不予受理必须书面说明理由。', 'a refusal must give written reasons.');
  }
  return runTransition(ctx, actor, 'refuse', req, async ({ now }) => ({
    to: 'refused',
    event: 'case.refused',
    reason: req.reasons.trim(),
    set: { closedAt: now },
    result: undefined,
  }));
}
