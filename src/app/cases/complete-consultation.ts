/** Consultation ends when every department asked has answered: the case goes to deliberation. */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { consultations } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function completeConsultation(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  const note = optionalText('note', req.note, {
    what: { zh: '说明', en: 'the note' },
    ...TEXT_LIMITS.note,
  });
  return runTransition(ctx, actor, 'completeConsultation', req, async ({ tx, loaded }) => {
    const rows = await tx
      .select({ department: consultations.department, opinion: consultations.opinion })
      .from(consultations)
      .where(eq(consultations.caseId, loaded.row.id));
    if (rows.length === 0) {
      throw new AppError(
        'CASE_PRECONDITION',
        { consultations: 0 },
        {
          zh: '尚未向任何部门征求意见；请先发起会商。',
          en: 'No department has been consulted yet; request a consultation first.',
        },
      );
    }
    const missing = [...new Set(rows.filter((r) => r.opinion === null).map((r) => r.department))];
    if (missing.length > 0) {
      throw new AppError(
        'CASE_PRECONDITION',
        { missingOpinions: missing },
        {
          zh: `以下部门尚未反馈会商意见：${missing.join('、')}。请在收到全部意见后再结束会商。`,
          en: `These departments have not given their opinion yet: ${missing.join(', ')}. End the consultation once all opinions are in.`,
        },
      );
    }
    return {
      to: 'deliberation',
      event: 'case.consultation_completed',
      reason: note,
      payload: { opinions: rows.length },
      result: undefined,
    };
  });
}
