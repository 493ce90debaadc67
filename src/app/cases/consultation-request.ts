/** What answering and transcribing an opinion share: the request answered, the opinion's text. */
import { and, eq } from 'drizzle-orm';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppTx } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { consultations } from '../tables.js';
import type { LoadedCase } from './record.js';
import { isUuid, requireText } from './text-input.js';

export function requireOpinion(value: unknown): string {
  return requireText('opinion', value, {
    what: { zh: '会商意见', en: 'the opinion' },
    ...TEXT_LIMITS.opinion,
  });
}

/** The case's consultation request `id`, not yet answered (an opinion is final). */
export async function pendingConsultation(tx: AppTx, loaded: LoadedCase, id: string) {
  const [c] = isUuid(id)
    ? await tx
        .select()
        .from(consultations)
        .where(and(eq(consultations.id, id), eq(consultations.caseId, loaded.row.id)))
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
  return c;
}
