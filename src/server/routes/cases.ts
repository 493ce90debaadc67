/**
 * Opening and reading cases: GET /api/cases (the list), GET /api/cases/:id (the case),
 * GET /api/cases/:id/decision-document, POST /api/cases (an application),
 * POST /api/accountability-matters (the ex-officio route). (Risk filings: risk-filings.ts.)
 * Creating routes take an Idempotency-Key header: a retry with the same key and body answers 200
 * with `Idempotent-Replayed: true` and the case first created.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AccountabilityMatterBody,
  ApplicationBody,
  CaseExportQuery,
  CaseFilterOptions,
  CaseIdParams,
  CaseListQuery,
  CasePage,
  CaseView,
  CreatedCase,
  DecisionDocumentQuery,
  DocumentAnswer,
  IdempotencyHeaders,
  Ref,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { recordAccountabilityMatter } from '../../app/cases/open-ex-officio.js';
import { submitApplication } from '../../app/cases/submit-application.js';
import { actorOf } from '../auth/authenticate.js';
import {
  documentAnswer,
  sendDocumentText,
  sendPdf,
  sendWorkbook,
  workbookAnswer,
} from '../download.js';
import { preferredLang } from '../errors.js';
import { loadDecisionDocument } from '../../app/documents/decision-document.js';
import { loadDecisionDocumentPdf } from '../../app/documents/pdf.js';
import { listCases } from '../../app/queries/case-list.js';
import { exportCases } from '../../app/queries/case-export.js';
import { caseFilterOptions } from '../../app/queries/case-filter-options.js';
import { EXPORT_MAX_ROWS } from '../../shared/limits.js';
import { getCase } from '../../app/queries/case-view.js';
import { responses, typed, type Api } from '../schemas.js';

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/** Reading cases: the list and one case. */
function caseReads(app: Api, ctx: AppContext) {
  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '案件列表 · Cases',
        description:
          'The cases the signed-in user may read, newest activity first (or nearest due date first), filtered, in keyset pages: follow `nextCursor` for the next page. A user with no cases in scope gets an empty list.',
        querystring: CaseListQuery,
        response: responses({ 200: CasePage }),
      },
    },
    async (req) => listCases(ctx, actorOf(req), req.query),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: '查看案件 · A case',
        description:
          'The case as the signed-in user may see it, with `abilities`: the actions they may take now. A case outside their scope is 404 CASE_NOT_FOUND, as if it did not exist.',
        params: CaseIdParams,
        response: responses({ 200: Ref(CaseView) }),
      },
    },
    async (req) => getCase(ctx, actorOf(req), req.params.id),
  );
}

/** The decision document: JSON, plain text or an official-document PDF. */
function decisionDocumentRoute(app: Api, ctx: AppContext) {
  app.get(
    '/cases/:id/decision-document',
    {
      schema: {
        tags: ['cases'],
        summary: '认定书 · The decision document',
        description:
          'The written decision sent to the official, once the case is determined: structured sections and the whole text, in `lang` (default: Accept-Language, else zh). `format=text` downloads it as a plain-text file; `format=pdf` as a PDF laid out as an official document (公文) with an embedded Chinese font (503 DOCUMENT_FONT_MISSING when the server has none).',
        params: CaseIdParams,
        querystring: DecisionDocumentQuery,
        response: responses({ 200: documentAnswer(DocumentAnswer) }),
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? preferredLang(req);
      if (req.query.format === 'pdf') {
        return sendPdf(
          reply,
          await loadDecisionDocumentPdf(ctx, actorOf(req), req.params.id, lang),
        );
      }
      const document = await loadDecisionDocument(ctx, actorOf(req), req.params.id, lang);
      if (req.query.format === 'text') {
        return sendDocumentText(reply, document);
      }
      return { document };
    },
  );
}

/** Opening cases: an application, an accountability matter (ex officio). */
function caseOpening(app: Api, ctx: AppContext) {
  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '提出容错申请 · Apply for tolerance',
        description:
          'An official applies for themself, or the party organization of their unit applies for them. The case goes to the organization department that manages the official. 201 with the new case; a replay of the same Idempotency-Key answers 200 with the first case.',
        headers: IdempotencyHeaders,
        body: ApplicationBody,
        response: responses({ 200: CreatedCase, 201: CreatedCase }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await submitApplication(ctx, actor, req.body, idempotencyKey(req));
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(r.replayed ? 200 : 201);
      return { case: await getCase(ctx, actor, r.case.id) };
    },
  );

  app.post(
    '/accountability-matters',
    {
      schema: {
        tags: ['cases'],
        summary: '登记问责事项（依职权容错审查）· Record an accountability matter (ex officio)',
        description:
          'Recording an accountability matter against an official opens a tolerance check ex officio in the same transaction. For intake officers and investigators of the managing jurisdiction.',
        headers: IdempotencyHeaders,
        body: AccountabilityMatterBody,
        response: responses({ 200: CreatedCase, 201: CreatedCase }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await recordAccountabilityMatter(ctx, actor, req.body, idempotencyKey(req));
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(r.replayed ? 200 : 201);
      return { case: await getCase(ctx, actor, r.case.id) };
    },
  );
}

/** Finding and taking away: the filter bar's options and the Excel export of a list. */
function caseFinding(app: Api, ctx: AppContext) {
  app.get(
    '/cases/filters',
    {
      schema: {
        tags: ['cases'],
        summary: '案件筛选项 · The work queue’s filter options',
        description:
          'The units inside the signed-in user’s read scope (for the unit tree picker) and the outcomes of the policies in force there (for the outcome filter).',
        response: responses({ 200: CaseFilterOptions }),
      },
    },
    async (req) => caseFilterOptions(ctx, actorOf(req)),
  );

  app.get(
    '/cases/export.xlsx',
    {
      schema: {
        tags: ['cases'],
        summary: '导出案件清单（Excel）· Export the case list to Excel',
        description: `Every case of the list GET /api/cases would show with the same filters (scope, filters and order alike), as an Excel workbook: a title row (what was exported, by whom, when), a frozen header (Chinese, or English with lang=en), dates as Excel dates, the identity card number masked. At most ${EXPORT_MAX_ROWS} rows; a longer list ends with a note row. Written to the read log with its filters.`,
        querystring: CaseExportQuery,
        response: responses({ 200: workbookAnswer() }),
      },
    },
    async (req, reply) => {
      const { lang: asked, ...filters } = req.query;
      const lang = asked ?? preferredLang(req);
      const exported = await exportCases(ctx, actorOf(req), filters, lang);
      return sendWorkbook(reply, exported, {
        'x-export-rows': String(exported.rows),
        'x-export-capped': String(exported.capped),
      });
    },
  );
}

export async function caseRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  caseFinding(app, opts.ctx);
  caseReads(app, opts.ctx);
  decisionDocumentRoute(app, opts.ctx);
  caseOpening(app, opts.ctx);
}
