/**
 * A consulted department's officer answers their department's request and signs the opinion
 * themselves: the request must be their department's (the grant's department, over a
 * jurisdiction containing the case). The rule (policies.ts, answerConsultation) admits them only
 * while their department has a request waiting; this checks the very request answered.
 */
import { eq } from 'drizzle-orm';
import { answersFor } from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { consultations } from '../tables.js';
import { pendingConsultation, requireOpinion } from './consultation-request.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface AnswerConsultationInput extends TransitionRequest {
  readonly consultationId: string;
  readonly opinion: string;
}

export async function answerConsultation(
  ctx: AppContext,
  actor: Actor,
  req: AnswerConsultationInput,
) {
  const opinion = requireOpinion(req.opinion);
  return runTransition(ctx, actor, 'answerConsultation', req, async ({ tx, loaded, now }) => {
    const c = await pendingConsultation(tx, loaded, req.consultationId);
    if (!answersFor(actor, c.department, loaded.subject)) {
      throw new AppError(
        'CASE_OUT_OF_SCOPE',
        { consultationId: c.id, department: c.department },
        {
          zh: `该会商请求发给“${c.department}”，您只能答复本部门的会商请求。`,
          en: `This request was sent to '${c.department}'; you answer your own department's requests only.`,
        },
      );
    }
    await tx
      .update(consultations)
      .set({ opinion, respondedBy: actor.userId, respondedAt: now })
      .where(eq(consultations.id, c.id));
    return {
      event: 'case.opinion_signed',
      payload: { consultationId: c.id, department: c.department, opinion },
      result: undefined,
    };
  });
}
