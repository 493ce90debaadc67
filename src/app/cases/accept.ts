/** Intake accepts an application: the case moves to verification and is bound to the pack version. */
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { casePolicy } from './record.js';
import { optionalText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function acceptCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  const note = optionalText('note', req.note, {
    what: { zh: '说明', en: 'the note' },
    ...TEXT_LIMITS.note,
  });
  return runTransition(ctx, actor, 'accept', req, async ({ loaded, today }) => {
    // The version in force on the date of the conduct governs the case from now on.
    const version = casePolicy(ctx, loaded.row).eff.version.id;
    return {
      to: 'verification',
      event: 'case.accepted',
      reason: note,
      payload: { packId: loaded.row.packId, packVersion: version },
      // The day of acceptance, kept for the work queue's filter and export (migration 0019).
      set: { packVersion: version, acceptedOn: today },
      result: undefined,
    };
  });
}
