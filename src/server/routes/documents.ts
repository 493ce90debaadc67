/**
 * The official documents (公文) of a case: GET /api/cases/:id/documents (the list, issued and
 * due), GET /api/cases/:id/documents/:type (one document as JSON, text or PDF: as issued, or a
 * preview for the staff before issue) and POST /api/cases/:id/documents/:type/issue (issue it:
 * number, stored content, event). Shapes in src/api/documents.ts; use cases in
 * src/app/documents/case-documents.ts and src/app/cases/issue-document.ts.
 */
import type { FastifyInstance } from 'fastify';
import {
  CaseDocumentsAnswer,
  CaseIdParams,
  DocumentParams,
  DocumentQuery,
  IssueDocumentBody,
  IssuedDocumentAnswer,
  OfficialDocumentAnswer,
} from '../../api/index.js';
import { issueDocument } from '../../app/cases/issue-document.js';
import type { AppContext } from '../../app/context.js';
import { listCaseDocuments, loadCaseDocument } from '../../app/documents/case-documents.js';
import { documentPdf, requireDocumentFonts } from '../../app/documents/pdf.js';
import { getCase } from '../../app/queries/case-view.js';
import { actorOf } from '../auth/authenticate.js';
import { documentAnswer, sendDocumentText, sendPdf } from '../download.js';
import { preferredLang } from '../errors.js';
import { responses, typed } from '../schemas.js';

export async function documentRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.get(
    '/cases/:id/documents',
    {
      schema: {
        tags: ['cases'],
        summary: '案件文书 · The documents of a case',
        description:
          'The official documents the case calls for, each issued (with its number, date and issuer) or due, and whether the caller may issue it now. Staff who see the whole file see every one; the parties see those issued to them (the determination once delivered).',
        params: CaseIdParams,
        response: responses({ 200: CaseDocumentsAnswer }),
      },
    },
    async (req) => ({ documents: await listCaseDocuments(ctx, actorOf(req), req.params.id) }),
  );

  app.get(
    '/cases/:id/documents/:type',
    {
      schema: {
        tags: ['cases'],
        summary: '文书预览与下载 · Read or download a document',
        description:
          'One document of the case, in `lang` (default: Accept-Language, else zh): as issued (every download the same document), or — for staff, before it is issued — a preview without a number. `format=text` or `pdf` downloads it, named by its number; a PDF whose standard faces (仿宋, 黑体, 楷体) are not installed says so in the `x-document-font-notice` header. The read is logged. `subjectId` picks the determination or challenge when the case has several.',
        params: DocumentParams,
        querystring: DocumentQuery,
        response: responses({ 200: documentAnswer(OfficialDocumentAnswer) }),
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? preferredLang(req);
      const format = req.query.format ?? 'json';
      // Without a font no PDF can be made: say so before anything is read or logged.
      if (format === 'pdf') requireDocumentFonts();
      const what = format === 'json' ? 'document' : `document.${format}`;
      const { issued: _issued, ...document } = await loadCaseDocument(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.type,
        req.query.subjectId,
        lang,
        what,
      );
      if (format === 'pdf') {
        return sendPdf(reply, await documentPdf(document, ctx.now()));
      }
      if (format === 'text') {
        return sendDocumentText(reply, document);
      }
      return { document };
    },
  );

  app.post(
    '/cases/:id/documents/:type/issue',
    {
      schema: {
        tags: ['cases'],
        summary: '制发文书 · Issue a document',
        description:
          'Issues a document the case calls for: the number is taken from the jurisdiction’s sequence for the type and year, the document is stored as issued (zh and en) and the event records who issued it. Intake issues the acceptance and refusal notices and the delivery receipt, the chair the review decision (and from the level above the appeal decision), the organization liaison the publicity notice. 409 CASE_PRECONDITION when it is not due or already issued. The determination is issued by the decision.',
        params: DocumentParams,
        body: IssueDocumentBody,
        response: responses({ 200: IssuedDocumentAnswer }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const lang = preferredLang(req);
      const issued = await issueDocument(ctx, actor, {
        caseId: req.params.id,
        expectedVersion: req.body.expectedVersion,
        type: req.params.type,
        ...(req.body.subjectId !== undefined ? { subjectId: req.body.subjectId } : {}),
      });
      const items = await listCaseDocuments(ctx, actor, req.params.id);
      const item = items.find(
        (i) => i.type === issued.result.type && i.subjectId === issued.result.subjectId,
      )!;
      const { issued: _issued, ...document } = await loadCaseDocument(
        ctx,
        actor,
        req.params.id,
        issued.result.type,
        issued.result.subjectId,
        lang,
      );
      return { case: await getCase(ctx, actor, req.params.id), result: { item, document } };
    },
  );
}
