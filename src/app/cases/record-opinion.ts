/**
 * The investigator transcribes a consulted department's written reply (据书面复函录入): only for a
 * department with no user in the system — a department with users signs its opinion itself
 * (answer-consultation.ts) — and only with the reply's reference and date, which the card and the
 * trail show. An opinion is final.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { consultations } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { pendingConsultation, requireOpinion } from './consultation-request.js';
import { requireDay, requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface RecordOpinionInput extends TransitionRequest {
  readonly consultationId: string;
  readonly opinion: string;
  /** The written reply's reference (文号) and date. */
  readonly replyReference: string;
  readonly replyDate: string;
}

export async function recordOpinion(ctx: AppContext, actor: Actor, req: RecordOpinionInput) {
  const opinion = requireOpinion(req.opinion);
  const replyReference = requireText('replyReference', req.replyReference, {
    what: { zh: '复函文号', en: "the reply's reference" },
    ...TEXT_LIMITS.replyReference,
  });
  // Its bounds, the day the opinion was asked for and today, are checked with the consultation.
  const replyDate = requireDay('replyDate', req.replyDate, {
    what: { zh: '复函日期', en: "the reply's date" },
    notADay: {
      zh: '应为复函日期，如 2026-03-03。',
      en: "use the reply's date, such as 2026-03-03.",
    },
  });
  return runTransition(ctx, actor, 'recordOpinion', req, async ({ tx, loaded, now, today }) => {
    const c = await pendingConsultation(tx, loaded, req.consultationId);
    const staffed = loaded.subject.consultations?.find((x) => x.department === c.department);
    if (staffed?.staffed !== false) {
      throw new AppError(
        'CASE_PRECONDITION',
        { consultationId: c.id, department: c.department },
        {
          zh: `“${c.department}”在本系统中有经办人员，其会商意见由该部门自行签署，核实人员不代为录入。`,
          en: `'${c.department}' has its own users in the system: they sign its opinion themselves; the investigator does not record it for them.`,
        },
      );
    }
    if (replyDate > today || replyDate < c.requestedAt.toISOString().slice(0, 10)) {
      throw invalid(
        'replyDate',
        '复函日期应在征求意见之日与今天之间。',
        'the reply must be dated between the day the opinion was asked for and today.',
      );
    }
    await tx
      .update(consultations)
      .set({
        opinion,
        respondedBy: actor.userId,
        respondedAt: now,
        replyReference,
        replyDate,
      })
      .where(eq(consultations.id, c.id));
    return {
      event: 'case.opinion_transcribed',
      payload: {
        consultationId: c.id,
        department: c.department,
        opinion,
        transcribed: { replyReference, replyDate },
      },
      result: undefined,
    };
  });
}
