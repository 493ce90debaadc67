/**
 * Issuing the clearing notice (澄清正名通报): the chair of the deciding body issues it in the body's
 * name, with the body's next number for the type (…容澄〔year〕n号, documents/numbers.ts), once the
 * determination is notified. The notice is stored as issued, in zh and en, as a case document
 * (case_documents), so that every download is the same; the clearing keeps its id and number and
 * waits for the decision on publicity (publicize.ts, close-clearing.ts).
 */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { noticeInputOf } from '../documents/case-documents.js';
import { renderNotice } from '../documents/notices.js';
import { allocateNumber } from '../documents/numbers.js';
import { caseDocuments, nameClearings } from '../tables.js';
import { clearingForChange, withClearing } from './subject.js';

export async function issueClearingNotice(ctx: AppContext, actor: Actor, req: TransitionRequest) {
  return runTransition(
    ctx,
    actor,
    'issueClearingNotice',
    req,
    async ({ tx, loaded, now, today }) => {
      const k = await clearingForChange(tx, loaded.row.id);
      const year = Number(today.slice(0, 4));
      const { number } = await allocateNumber(tx, loaded.jurisdiction, 'clearing', year);
      const slot = { type: 'clearing' as const, subjectId: k.id };
      const input = await noticeInputOf(ctx, tx, loaded, slot, number, today);
      const documentId = randomUUID();
      await tx.insert(caseDocuments).values({
        id: documentId,
        caseId: loaded.row.id,
        jurisdictionId: loaded.row.jurisdictionId,
        docType: 'clearing',
        subjectId: k.id,
        number,
        issuedOn: today,
        issuedBy: actor.userId,
        issuedAt: now,
        content: {
          zh: renderNotice('clearing', input, 'zh'),
          en: renderNotice('clearing', input, 'en'),
        },
      });
      await tx
        .update(nameClearings)
        .set({
          state: 'notice_issued',
          noticeDocumentId: documentId,
          noticeNumber: number,
          noticeIssuedOn: today,
          noticeIssuedBy: actor.userId,
        })
        .where(eq(nameClearings.id, k.id));
      const issued = { clearingId: k.id, documentId, number, issuedOn: today };
      return { event: 'case.clearing_notice_issued', payload: issued, result: issued };
    },
    { subject: withClearing },
  );
}
