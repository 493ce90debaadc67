/**
 * The committee's read side of a case: GET /api/cases/:id/recommendation (the engine's
 * recommendation with reasons, why-nots and missing facts; the outcome ladder; what deciding
 * requires), GET /api/cases/:id/panel-candidates (who the chair may add to the panel) and
 * POST /api/cases/:id/decision-preview (the decision document as it would read, before deciding;
 * a POST because the reasons can be long, but it changes nothing). For the officers who see the
 * whole file; each read is logged (src/app/queries/recommendation.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import {
  getPanelCandidates,
  getRecommendation,
  previewDecisionDocument,
} from '../../app/queries/recommendation.js';
import { actorOf } from '../auth/authenticate.js';
import { preferredLang } from '../errors.js';
import {
  CASE_ID_PARAMS,
  DECISION_DOCUMENT,
  I18N_TEXT,
  object,
  responses,
  text,
  UUID,
} from '../schemas.js';

const LABELLED = {
  type: 'object',
  properties: { id: { type: 'string' }, label: I18N_TEXT },
} as const;

const CLAUSE = {
  type: 'object',
  description: 'A clause a rule rests on: its citation (document and article) and paraphrase.',
  properties: { id: { type: 'string' }, citation: I18N_TEXT, text: I18N_TEXT },
} as const;

const NULLABLE_TEXT = { anyOf: [I18N_TEXT, { type: 'null' }] } as const;

const FAILURE = {
  type: 'object',
  description:
    'A condition that did not hold (failed) or is not known (unknown), with the conditions under it that explain why (because, same shape).',
  properties: {
    status: { type: 'string', enum: ['failed', 'unknown'] },
    text: I18N_TEXT,
    rule: { type: ['string', 'null'] },
    clauses: { type: 'array', items: CLAUSE },
    fact: { type: ['string', 'null'] },
    factLabel: NULLABLE_TEXT,
    actual: { ...NULLABLE_TEXT, description: 'The fact’s value in words.' },
    because: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

const RECOMMENDATION_ANSWER = {
  type: 'object',
  properties: {
    recommendation: {
      type: 'object',
      properties: {
        source: {
          type: 'string',
          enum: ['current', 'determination'],
          description:
            "'current': computed now on the current facts, as the decision will compute it; 'determination': stored with the decision in force.",
        },
        determinationId: { type: ['string', 'null'] },
        asOf: { type: 'string', format: 'date' },
        outcome: { type: 'string' },
        label: I18N_TEXT,
        undetermined: { type: 'boolean' },
        possibleOutcomes: { type: 'array', items: LABELLED },
        decidedBy: {
          type: ['object', 'null'],
          properties: { entry: { type: 'string' }, note: NULLABLE_TEXT },
        },
        reasons: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              rule: { type: 'string' },
              kind: { type: 'string' },
              title: I18N_TEXT,
              clauses: { type: 'array', items: CLAUSE },
              facts: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { fact: { type: 'string' }, label: I18N_TEXT, value: I18N_TEXT },
                },
              },
            },
          },
        },
        whyNot: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              outcome: { type: 'string' },
              label: I18N_TEXT,
              entry: { type: 'string' },
              precludedBy: { type: ['string', 'null'] },
              failed: { type: 'array', items: FAILURE },
            },
          },
        },
        missingFacts: {
          type: 'array',
          items: {
            type: 'object',
            properties: { fact: { type: 'string' }, label: I18N_TEXT, help: NULLABLE_TEXT },
          },
        },
        pack: { type: 'string' },
        packTitle: I18N_TEXT,
        version: { type: 'string' },
        time: {
          type: 'object',
          properties: { note: I18N_TEXT, moreLenientLaterVersion: { type: 'boolean' } },
        },
      },
    },
    ladder: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, label: I18N_TEXT, description: NULLABLE_TEXT },
      },
    },
    decision: {
      type: 'object',
      properties: {
        withoutReasons: {
          type: ['string', 'null'],
          description:
            'The one outcome that needs no departure reasons (the recommendation); null when the recommendation is undetermined, so every outcome needs them.',
        },
        minDepartureReasons: { type: 'integer' },
      },
    },
  },
} as const;

export async function recommendationRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;

  app.get<{ Params: { id: string } }>(
    '/cases/:id/recommendation',
    {
      schema: {
        tags: ['cases'],
        summary: '评估建议 · The policy recommendation on a case',
        description:
          'The engine’s recommendation for the case’s recorded facts, with the rules and clauses it rests on, why each more favourable outcome was not reached, and the unknown facts that still matter. Before a decision it is computed now, as the decision will compute it; after, it is the recommendation stored with the determination in force. Also the outcome ladder and what a decision requires. For case officers who see the whole file (403 FORBIDDEN for the parties); the read is logged.',
        params: CASE_ID_PARAMS,
        response: responses({ 200: RECOMMENDATION_ANSWER }),
      },
    },
    async (req) => getRecommendation(ctx, actorOf(req), req.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id/panel-candidates',
    {
      schema: {
        tags: ['cases'],
        summary: '可参加研究的成员 · Who may join the panel',
        description:
          'The committee members and chairs of the case’s jurisdiction or above it whom the chair may add to the deliberation: not parties to the case, not yet on the panel. For whoever may add members now (addMember); the read is logged.',
        params: CASE_ID_PARAMS,
        response: responses({
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: UUID,
                    name: { type: 'string' },
                    canChair: { type: 'boolean' },
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => getPanelCandidates(ctx, actorOf(req), req.params.id),
  );

  app.post<{
    Params: { id: string };
    Body: { outcome: string; departureReasons?: string; lang?: 'zh' | 'en' };
  }>(
    '/cases/:id/decision-preview',
    {
      schema: {
        tags: ['cases'],
        summary: '认定书预览 · Preview the decision document',
        description:
          'The decision document as it would read if `outcome` were decided today on the current facts, with the departure reasons given; nothing is stored and the number is left out. During deliberation only (409 CASE_WRONG_STATE after: read GET /api/cases/{id}/decision-document). In `lang` (default: Accept-Language, else zh). For case officers who see the whole file; the read is logged.',
        params: CASE_ID_PARAMS,
        body: object(
          {
            outcome: { type: 'string', minLength: 1, maxLength: 64 },
            departureReasons: text(20_000),
            lang: { type: 'string', enum: ['zh', 'en'] },
          },
          ['outcome'],
        ),
        response: responses({
          200: { type: 'object', properties: { document: DECISION_DOCUMENT } },
        }),
      },
    },
    async (req) => {
      const { outcome, departureReasons, lang } = req.body;
      const document = await previewDecisionDocument(
        ctx,
        actorOf(req),
        req.params.id,
        { outcome, ...(departureReasons !== undefined ? { departureReasons } : {}) },
        lang ?? preferredLang(req),
      );
      return { document };
    },
  );
}
