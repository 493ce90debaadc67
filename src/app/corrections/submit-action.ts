/**
 * The owner of a correction action (the official, or their unit's party organization) submits it
 * as done: an account of what was done and, where the action asks for documents, the files —
 * checked like evidence (add-evidence.ts `checkedFile`) before the transaction, stored once by
 * content. The action moves open → submitted and waits for someone else to verify it.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ownsAction } from '../../domain/correction-conditions.js';
import type { Actor } from '../../domain/roles.js';
import { MAX_EVIDENCE_FILES_PER_UPLOAD, TEXT_LIMITS } from '../../shared/limits.js';
import { storeBlob } from '../blobs/store.js';
import { checkedFile, type CheckedFile } from '../cases/add-evidence.js';
import { requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { correctionActions, correctionFiles } from '../tables.js';

import { actionOf } from './actions.js';

export interface SubmitActionInput extends TransitionRequest {
  readonly actionId: string;
  readonly submission: string;
  readonly files?: readonly { filename: string; mediaType: string; content: Uint8Array }[];
}

async function checkFiles(files: SubmitActionInput['files']): Promise<CheckedFile[]> {
  if (files === undefined) return [];
  if (!Array.isArray(files) || files.length > MAX_EVIDENCE_FILES_PER_UPLOAD) {
    throw invalid(
      'files',
      `一次最多报送 ${MAX_EVIDENCE_FILES_PER_UPLOAD} 个文件。`,
      `submit at most ${MAX_EVIDENCE_FILES_PER_UPLOAD} files at once.`,
    );
  }
  const out: CheckedFile[] = [];
  for (const f of files) out.push(await checkedFile({ ...f, description: '' }));
  return out;
}

export async function submitCorrection(ctx: AppContext, actor: Actor, req: SubmitActionInput) {
  const submission = requireText('submission', req.submission, {
    what: { zh: '整改落实情况', en: 'an account of what was done' },
    ...TEXT_LIMITS.correctionSubmission,
  });
  const files = await checkFiles(req.files);
  return runTransition(ctx, actor, 'submitCorrection', req, async ({ tx, loaded, now, today }) => {
    const action = await actionOf(tx, loaded.row.id, req.actionId);
    const owner = loaded.subject.correction?.actions.find((a) => a.id === action.id);
    if (!owner || !ownsAction(actor, owner)) {
      throw new AppError(
        'CASE_ROLE_REQUIRED',
        { actionId: action.id },
        {
          zh: '该整改事项不由您（您所在单位）负责，不能报送。',
          en: 'You (or your unit) do not answer for this correction action, so you cannot submit it.',
        },
      );
    }
    if (action.state !== 'open') {
      throw new AppError('CORRECTION_ACTION_STATE', { actionId: action.id, state: action.state });
    }
    const stored = [];
    for (const f of files) {
      await storeBlob(ctx, tx, f.sha256, f.size, f.content);
      const row = {
        id: randomUUID(),
        actionId: action.id,
        caseId: loaded.row.id,
        jurisdictionId: loaded.row.jurisdictionId,
        sha256: f.sha256,
        filename: f.filename,
        mediaType: f.mediaType,
        uploadedBy: actor.userId,
        uploadedAt: now,
      };
      await tx.insert(correctionFiles).values(row);
      stored.push({ fileId: row.id, filename: f.filename, sha256: f.sha256, size: f.size });
    }
    await tx
      .update(correctionActions)
      .set({ state: 'submitted', submittedOn: today, submittedBy: actor.userId, submission })
      .where(eq(correctionActions.id, action.id));
    return {
      event: 'case.correction_submitted',
      payload: { actionId: action.id, seq: action.seq, submission, files: stored },
      result: { actionId: action.id, files: stored },
    };
  });
}
