/** Intake accepts an application: the case moves to verification and is bound to the pack version. */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { casePolicy } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function acceptCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  return runTransition(ctx, actor, 'accept', req, async ({ loaded }) => {
    // The version in force on the date of the conduct governs the case from now on.
    const version = casePolicy(ctx, loaded.row).eff.version.id;
    return {
      to: 'verification',
      event: 'case.accepted',
      reason: req.note ?? '',
      payload: { packId: loaded.row.packId, packVersion: version },
      set: { packVersion: version },
      result: undefined,
    };
  });
}
