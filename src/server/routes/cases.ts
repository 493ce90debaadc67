/**
 * Opening and reading cases: GET /api/cases (the list), GET /api/cases/:id (the case),
 * GET /api/cases/:id/decision-document, POST /api/cases (an application),
 * POST /api/accountability-matters (the ex-officio route), POST /api/risk-filings.
 * Creating routes take an Idempotency-Key header: a retry with the same key and body answers 200
 * with `Idempotent-Replayed: true` and the case first created.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { recordAccountabilityMatter } from '../../app/cases/open-ex-officio.js';
import { createRiskFiling, type RiskFilingStatus } from '../../app/cases/risk-filing.js';
import { submitApplication } from '../../app/cases/submit-application.js';
import type { FactValue } from '../../policy/model.js';
import { actorOf } from '../auth/authenticate.js';
import { contentDisposition } from '../download.js';
import { preferredLang } from '../errors.js';
import { loadDecisionDocument } from '../../app/documents/decision-document.js';
import { loadDecisionDocumentPdf } from '../../app/documents/pdf.js';
import { listCases, type ListCasesInput } from '../../app/queries/case-list.js';
import { getCase } from '../../app/queries/case-view.js';
import { CASE_STATES, ROUTES, STEP_LABEL } from '../../domain/case-states.js';
import {
  CASE_ID_PARAMS,
  DATE,
  DECISION_DOCUMENT,
  FACTS,
  IDEMPOTENCY_HEADERS,
  object,
  ref,
  responses,
  text,
  UUID,
} from '../schemas.js';

type Facts = Record<string, FactValue | null>;

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

const CREATED = {
  type: 'object',
  properties: { case: ref('Case') },
} as const;

export async function caseRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;

  app.get<{ Querystring: ListCasesInput }>(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '案件列表 · Cases',
        description:
          'The cases the signed-in user may read, newest activity first (or nearest due date first), filtered, in keyset pages: follow `nextCursor` for the next page. A user with no cases in scope gets an empty list.',
        querystring: object({
          state: { type: 'string', enum: [...CASE_STATES] },
          q: {
            type: 'string',
            maxLength: 100,
            description: 'Searches the case number, the title and the official’s name.',
          },
          due: {
            type: 'string',
            enum: ['overdue', 'due_soon'],
            description: 'Open cases past their step’s due date, or due within 3 working days.',
          },
          route: { type: 'string', enum: [...ROUTES] },
          step: {
            type: 'string',
            enum: Object.keys(STEP_LABEL),
            description: 'The step whose clock runs (acceptance, verification, consultation…).',
          },
          sort: {
            type: 'string',
            enum: ['updated', 'due'],
            default: 'updated',
            description:
              'updated: newest activity first; due: nearest step due date first (no clock last).',
          },
          cursor: {
            type: 'string',
            maxLength: 1000,
            description: 'The nextCursor of the previous page; absent for the first page.',
          },
          pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: ref('CaseSummary') },
              total: {
                type: 'integer',
                description: 'The cases that match, counted up to 1,000 (see totalCapped).',
              },
              totalCapped: {
                type: 'boolean',
                description: 'More than `total` cases match (shown as “1,000+”).',
              },
              pageSize: { type: 'integer' },
              nextCursor: {
                type: ['string', 'null'],
                description: 'Pass as `cursor` for the next page; null on the last page.',
              },
            },
          },
        }),
      },
    },
    async (req) => listCases(ctx, actorOf(req), req.query),
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: '查看案件 · A case',
        description:
          'The case as the signed-in user may see it, with `abilities`: the actions they may take now. A case outside their scope is 404 CASE_NOT_FOUND, as if it did not exist.',
        params: CASE_ID_PARAMS,
        response: responses({ 200: ref('Case') }),
      },
    },
    async (req) => getCase(ctx, actorOf(req), req.params.id),
  );

  app.get<{
    Params: { id: string };
    Querystring: { lang?: 'zh' | 'en'; format?: 'json' | 'text' | 'pdf' };
  }>(
    '/cases/:id/decision-document',
    {
      schema: {
        tags: ['cases'],
        summary: '认定书 · The decision document',
        description:
          'The written decision sent to the official, once the case is determined: structured sections and the whole text, in `lang` (default: Accept-Language, else zh). `format=text` downloads it as a plain-text file; `format=pdf` as a PDF laid out as an official document (公文) with an embedded Chinese font (503 DOCUMENT_FONT_MISSING when the server has none).',
        params: CASE_ID_PARAMS,
        querystring: object({
          lang: { type: 'string', enum: ['zh', 'en'] },
          format: { type: 'string', enum: ['json', 'text', 'pdf'], default: 'json' },
        }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              document: DECISION_DOCUMENT,
            },
          },
        }),
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? preferredLang(req);
      if (req.query.format === 'pdf') {
        const { filename, pdf } = await loadDecisionDocumentPdf(
          ctx,
          actorOf(req),
          req.params.id,
          lang,
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', contentDisposition(filename))
          .header('cache-control', 'no-store')
          .send(pdf);
      }
      const document = await loadDecisionDocument(ctx, actorOf(req), req.params.id, lang);
      if (req.query.format === 'text') {
        return reply
          .type('text/plain; charset=utf-8')
          .header(
            'content-disposition',
            contentDisposition(`${document.documentNumber || document.title}.txt`),
          )
          .send(document.text);
      }
      return { document };
    },
  );

  app.post<{
    Body: {
      officialId: string;
      title: string;
      summary: string;
      conductDate: string;
      facts?: Facts;
    };
  }>(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '提出容错申请 · Apply for tolerance',
        description:
          'An official applies for themself, or the party organization of their unit applies for them. The case goes to the organization department that manages the official. 201 with the new case; a replay of the same Idempotency-Key answers 200 with the first case.',
        headers: IDEMPOTENCY_HEADERS,
        body: object(
          {
            officialId: UUID,
            title: text(200, 2, 'The matter, in a few words.'),
            summary: text(20_000, 0, 'What happened, in the applicant’s words.'),
            conductDate: { ...DATE, description: 'When the conduct took place.' },
            facts: FACTS,
          },
          ['officialId', 'title', 'summary', 'conductDate'],
        ),
        response: responses({ 200: CREATED, 201: CREATED }),
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

  app.post<{
    Body: {
      officialId: string;
      summary: string;
      openedOn: string;
      conductDate: string;
      facts?: Facts;
    };
  }>(
    '/accountability-matters',
    {
      schema: {
        tags: ['cases'],
        summary: '登记问责事项（依职权容错审查）· Record an accountability matter (ex officio)',
        description:
          'Recording an accountability matter against an official opens a tolerance check ex officio in the same transaction. For intake officers and investigators of the managing jurisdiction.',
        headers: IDEMPOTENCY_HEADERS,
        body: object(
          {
            officialId: UUID,
            summary: text(20_000, 4, 'The matter under accountability.'),
            openedOn: { ...DATE, description: 'When the accountability investigation opened.' },
            conductDate: { ...DATE, description: 'When the conduct took place.' },
            facts: FACTS,
          },
          ['officialId', 'summary', 'openedOn', 'conductDate'],
        ),
        response: responses({ 200: CREATED, 201: CREATED }),
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

  app.post<{
    Body: { unitId: string; title: string; filedOn: string; status: RiskFilingStatus };
  }>(
    '/risk-filings',
    {
      schema: {
        tags: ['cases'],
        summary: '登记事前风险报备 · Record an ex-ante risk filing',
        description:
          'Records a unit’s ex-ante filing of a risky initiative, with its review status; a case can then be linked to it (POST /api/cases/{id}/risk-filing). For intake officers and investigators over the unit’s jurisdiction.',
        body: object(
          {
            unitId: UUID,
            title: text(200, 2),
            filedOn: DATE,
            status: { type: 'string', enum: ['pending', 'accepted', 'rejected'] },
          },
          ['unitId', 'title', 'filedOn', 'status'],
        ),
        response: responses({
          201: {
            type: 'object',
            properties: {
              riskFiling: {
                type: 'object',
                properties: {
                  id: UUID,
                  jurisdictionId: { type: 'string' },
                  unitId: UUID,
                  title: { type: 'string' },
                  status: { type: 'string' },
                  filedOn: DATE,
                  decidedOn: { type: ['string', 'null'], format: 'date' },
                },
              },
            },
          },
        }),
      },
    },
    async (req, reply) => {
      const filing = await createRiskFiling(ctx, actorOf(req), req.body);
      reply.status(201);
      return { riskFiling: filing };
    },
  );
}
