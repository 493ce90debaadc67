/**
 * The committee's read side of a case: GET /api/cases/:id/recommendation (the engine's
 * recommendation with reasons, why-nots and missing facts; the outcome ladder; what deciding
 * requires), GET /api/cases/:id/panel-candidates (who the chair may add to the panel) and
 * POST /api/cases/:id/decision-preview (the decision document as it would read, before deciding;
 * a POST because the reasons can be long, but it changes nothing). For the officers who see the
 * whole file; each read is logged (src/app/queries/recommendation.ts). And, for whoever may apply
 * for an official, GET /api/officials/:id/preliminary-assessment: whether the application form
 * shows the preliminary assessment (the official's jurisdiction's setting).
 */
import type { FastifyInstance } from 'fastify';
import {
  ApplicantAssessmentSetting,
  CaseIdParams,
  OfficialIdParams,
  DecisionPreviewBody,
  DocumentAnswer,
  PanelCandidates,
  RecommendationAnswer,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import {
  applicantAssessmentSetting,
  getPanelCandidates,
  getRecommendation,
  previewDecisionDocument,
} from '../../app/queries/recommendation.js';
import { actorOf } from '../auth/authenticate.js';
import { preferredLang } from '../errors.js';
import { responses, typed } from '../schemas.js';

export async function recommendationRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.get(
    '/cases/:id/recommendation',
    {
      schema: {
        tags: ['cases'],
        summary: '评估建议 · The policy recommendation on a case',
        description:
          'The engine’s recommendation for the case’s recorded facts, with the rules and clauses it rests on, why each more favourable outcome was not reached, and the unknown facts that still matter. Before a decision it is computed now, as the decision will compute it; after, it is the recommendation stored with the determination in force. Also the outcome ladder and what a decision requires. For case officers who see the whole file (403 FORBIDDEN for the parties); the read is logged.',
        params: CaseIdParams,
        response: responses({ 200: RecommendationAnswer }),
      },
    },
    async (req) => getRecommendation(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/cases/:id/panel-candidates',
    {
      schema: {
        tags: ['cases'],
        summary: '可参加研究的成员 · Who may join the panel',
        description:
          'The committee members and chairs of the case’s jurisdiction or above it whom the chair may add to the deliberation: not parties to the case, not yet on the panel. For whoever may add members now (addMember); the read is logged.',
        params: CaseIdParams,
        response: responses({ 200: PanelCandidates }),
      },
    },
    async (req) => getPanelCandidates(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/officials/:id/preliminary-assessment',
    {
      schema: {
        tags: ['officials'],
        summary: '申请时是否显示初步评估 · Whether the application shows a preliminary assessment',
        description:
          'Whether the application form for this official shows the engine’s preliminary assessment (a likely outcome), as the administrator set it for the official’s jurisdiction; by default it does not, and the form shows which conditions the measure weighs. For whoever may apply for the official (404 NOT_FOUND otherwise).',
        params: OfficialIdParams,
        response: responses({ 200: ApplicantAssessmentSetting }),
      },
    },
    async (req) => applicantAssessmentSetting(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/cases/:id/decision-preview',
    {
      schema: {
        tags: ['cases'],
        summary: '认定书预览 · Preview the decision document',
        description:
          'The decision document as it would read if `outcome` were decided today on the current facts, with the departure reasons given; nothing is stored and the number is left out. During deliberation only (409 CASE_WRONG_STATE after: read GET /api/cases/{id}/decision-document). In `lang` (default: Accept-Language, else zh). For case officers who see the whole file; the read is logged.',
        params: CaseIdParams,
        body: DecisionPreviewBody,
        response: responses({ 200: DocumentAnswer }),
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
