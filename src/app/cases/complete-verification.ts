/**
 * The investigator ends verification once the six elements are assessed. The case goes to
 * consultation when its pack requires it (the pack's departments are asked at once), otherwise
 * straight to deliberation.
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { requireAssessed } from './assess.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText } from './text-input.js';
import { openConsultations } from './request-consultation.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function completeVerification(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  const note = optionalText('note', req.note, {
    what: { zh: '说明', en: 'the note' },
    ...TEXT_LIMITS.note,
  });
  return runTransition(ctx, actor, 'completeVerification', req, async ({ tx, loaded, now }) => {
    await requireAssessed(tx, loaded.row.id);
    const consultation = loaded.procedure.consultation;
    if (!consultation.required) {
      return {
        to: 'deliberation',
        event: 'case.verification_completed',
        reason: note,
        payload: { consultationRequired: false },
        result: { consultations: [] as { consultationId: string; department: string }[] },
      };
    }
    const { created } = await openConsultations(
      tx,
      loaded.row,
      consultation.departments,
      actor.userId,
      now,
    );
    return {
      to: 'consultation',
      event: 'case.verification_completed',
      reason: note,
      payload: { consultationRequired: true, consultations: created },
      result: { consultations: created },
    };
  });
}
