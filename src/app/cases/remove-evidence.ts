/**
 * Withdrawing a file uploaded by mistake: only its uploader, only while they may still add
 * evidence to the case (a party before the facts close, an investigator during verification and
 * consultation: the rule of `addEvidence`), and only a file no current fact rests on. The file is
 * not deleted: its row and content stay in the store, marked with who withdrew it, when and why;
 * the event keeps it in the trail, and the case file shows it apart from the active files.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { caseFacts, evidence } from '../tables.js';
import { isUuid, requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface RemoveEvidenceInput extends TransitionRequest {
  readonly evidenceId: string;
  readonly reason: string;
}

export async function removeEvidence(ctx: AppContext, actor: Actor, req: RemoveEvidenceInput) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '撤除理由', en: 'the reason for removing the file' },
    ...TEXT_LIMITS.withdrawalReason,
  });
  if (!isUuid(req.evidenceId)) throw new AppError('NOT_FOUND', { evidenceId: req.evidenceId });
  return runTransition(ctx, actor, 'addEvidence', req, async ({ tx, loaded, now }) => {
    const [file] = await tx
      .select()
      .from(evidence)
      .where(and(eq(evidence.id, req.evidenceId), eq(evidence.caseId, loaded.row.id)));
    if (!file) throw new AppError('NOT_FOUND', { evidenceId: req.evidenceId });
    if (file.uploadedBy !== actor.userId) {
      throw invalid(
        'evidenceId',
        `证据“${file.filename}”不是您上传的；只有上传人可以撤除。`,
        `'${file.filename}' was not uploaded by you; only its uploader can remove it.`,
      );
    }
    if (file.withdrawnAt) {
      throw invalid(
        'evidenceId',
        `证据“${file.filename}”已经撤除。`,
        `'${file.filename}' has already been removed.`,
      );
    }
    const [citing] = await tx
      .select({ fact: caseFacts.fact })
      .from(caseFacts)
      .where(
        and(
          eq(caseFacts.caseId, loaded.row.id),
          isNull(caseFacts.supersededAt),
          sql`${caseFacts.evidenceIds} @> ${JSON.stringify([file.id])}::jsonb`,
        ),
      )
      .limit(1);
    if (citing) {
      throw invalid(
        'evidenceId',
        `事实“${citing.fact}”以证据“${file.filename}”为依据，不能撤除；请先重新记录该事实。`,
        `the fact '${citing.fact}' rests on '${file.filename}', so it cannot be removed; record that fact again first.`,
      );
    }
    await tx
      .update(evidence)
      .set({ withdrawnAt: now, withdrawnBy: actor.userId, withdrawalReason: reason })
      .where(eq(evidence.id, file.id));
    return {
      event: 'case.evidence_removed',
      reason,
      payload: { evidenceId: file.id, sha256: file.sha256, filename: file.filename },
      result: { evidenceId: file.id },
    };
  });
}
