/** A consulted department's opinion is recorded against its request; an opinion is final. */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { consultations } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface RecordOpinionInput extends TransitionRequest {
  readonly consultationId: string;
  readonly opinion: string;
}

export async function recordOpinion(ctx: AppContext, actor: Actor, req: RecordOpinionInput) {
  const opinion = requireText('opinion', req.opinion, {
    what: { zh: '会商意见', en: 'the opinion' },
    ...TEXT_LIMITS.opinion,
  });
  return runTransition(ctx, actor, 'recordOpinion', req, async ({ tx, loaded, now }) => {
    const [c] = isUuid(req.consultationId)
      ? await tx
          .select()
          .from(consultations)
          .where(
            and(eq(consultations.id, req.consultationId), eq(consultations.caseId, loaded.row.id)),
          )
      : [];
    if (!c) {
      throw invalid(
        'consultationId',
        '本案没有该会商请求。',
        'this case has no such consultation request.',
      );
    }
    if (c.opinion !== null) {
      throw new AppError(
        'CASE_PRECONDITION',
        { consultationId: c.id, department: c.department },
        {
          zh: `“${c.department}”的会商意见已经记录，不能更改；如有新意见，请重新发起会商。`,
          en: `The opinion of '${c.department}' is already recorded and cannot be changed; request a new consultation for a further opinion.`,
        },
      );
    }
    await tx
      .update(consultations)
      .set({ opinion, respondedBy: actor.userId, respondedAt: now })
      .where(eq(consultations.id, c.id));
    return {
      event: 'case.opinion_recorded',
      payload: { consultationId: c.id, department: c.department, opinion },
      result: undefined,
    };
  });
}
