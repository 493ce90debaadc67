/**
 * Issuing an official document of a case (制发公文): the officer whose job it is (intake: the
 * acceptance and refusal notices and the delivery receipt; the chair: the review and appeal
 * decisions — an appeal's from the level above; the organization liaison: the publicity notice)
 * issues a document the case calls for. The document gets its number from the jurisdiction's
 * gap-free counter in this transaction and is stored as issued, in zh and en, so that every
 * later download is the same document; the event records the number and who issued it. A
 * publicity notice also writes its day on the determination it publicizes (publicized_on). The
 * determination (认定书) is issued by the committee's decision (decide.ts) and not here.
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import { DOCUMENT_TYPE_LABEL, type DocumentType } from '../../shared/documents.js';
import { documentSlots, mayIssue, noticeInputOf } from '../documents/case-documents.js';
import { renderNotice } from '../documents/notices.js';
import { allocateNumber } from '../documents/numbers.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { AppTx } from '../db.js';
import { caseDocuments, determinations, jurisdictions } from '../tables.js';
import { precondition } from './preconditions.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface IssueDocumentInput extends TransitionRequest {
  readonly type: DocumentType;
  /** Which determination or challenge, when the case has several; else the one due. */
  readonly subjectId?: string;
}

export interface IssuedDocument {
  readonly documentId: string;
  readonly type: DocumentType;
  readonly subjectId: string;
  readonly number: string;
  readonly issuedOn: string;
}

async function jurisdictionRow(tx: AppTx, id: string) {
  const [j] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, id));
  if (!j) throw new AppError('NOT_FOUND', { jurisdiction: id });
  return j;
}

export async function issueDocument(ctx: AppContext, actor: Actor, req: IssueDocumentInput) {
  return runTransition(ctx, actor, 'issueDocument', req, async ({ tx, loaded, now, today }) => {
    const label = DOCUMENT_TYPE_LABEL[req.type];
    if (req.type === 'determination') {
      throw precondition(
        { type: req.type },
        '认定书由集体研究作出认定时制发，已有文号，无需另行制发。',
        'The determination is issued, with its number, when the committee decides.',
      );
    }
    if (!mayIssue(actor, req.type, loaded)) {
      throw new AppError(
        'CASE_ROLE_REQUIRED',
        { action: 'issueDocument', type: req.type },
        {
          zh: `${label.zh}由负责该环节的工作人员制发，你没有制发权限。`,
          en: `The ${label.en.toLowerCase()} is issued by the officer of that step; you may not issue it.`,
        },
      );
    }
    const slot = (await documentSlots(tx, loaded)).find(
      (s) => s.type === req.type && (req.subjectId === undefined || s.subjectId === req.subjectId),
    );
    if (!slot) {
      throw precondition(
        { type: req.type },
        `本案目前无需制发${label.zh}：该文书在相应环节完成后才可制发。`,
        `The case does not call for a ${label.en.toLowerCase()} now: it is issued once its step is done.`,
      );
    }
    const [existing] = await tx
      .select({ number: caseDocuments.number })
      .from(caseDocuments)
      .where(
        and(
          eq(caseDocuments.caseId, loaded.row.id),
          eq(caseDocuments.docType, slot.type),
          eq(caseDocuments.subjectId, slot.subjectId),
        ),
      );
    if (existing) {
      throw precondition(
        { type: req.type, number: existing.number },
        `${label.zh}已经制发（${existing.number}），不能重复制发；请在“文书”栏下载。`,
        `The ${label.en.toLowerCase()} was already issued (${existing.number}); download it from Documents.`,
      );
    }
    // An appeal is decided, and its decision issued and numbered, by the level above.
    const issuer =
      slot.type === 'appeal_decision' && loaded.jurisdiction.parentId
        ? await jurisdictionRow(tx, loaded.jurisdiction.parentId)
        : loaded.jurisdiction;
    const year = Number(today.slice(0, 4));
    const { number } = await allocateNumber(tx, issuer, slot.type, year);
    const input = await noticeInputOf(ctx, tx, loaded, slot, number, today);
    const type = slot.type as Exclude<DocumentType, 'determination'>;
    const documentId = randomUUID();
    await tx.insert(caseDocuments).values({
      id: documentId,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      docType: slot.type,
      subjectId: slot.subjectId,
      number,
      issuedOn: today,
      issuedBy: actor.userId,
      issuedAt: now,
      content: { zh: renderNotice(type, input, 'zh'), en: renderNotice(type, input, 'en') },
    });
    if (slot.type === 'publicity') {
      // The determination publicized keeps the day, for the indicators' publicity share (0026).
      await tx
        .update(determinations)
        .set({ publicizedOn: today })
        .where(eq(determinations.id, slot.subjectId));
    }
    const issued: IssuedDocument = {
      documentId,
      type: slot.type,
      subjectId: slot.subjectId,
      number,
      issuedOn: today,
    };
    return { event: 'case.document_issued', payload: { ...issued }, result: issued };
  });
}
