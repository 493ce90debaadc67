/**
 * Follow-up visits (回访): GET /api/visits reads the screen (logged); POST /api/visits/draws draws
 * a seeded sample; POST /api/visits/{id}/record records a visit's result; POST /api/visits/report
 * sends results to the organization department. The organization department's liaison works
 * them; a committee chair reads them (src/app/visits/).
 */
import type { FastifyInstance } from 'fastify';
import {
  DrawAnswer,
  DrawBody,
  RecordVisitAnswer,
  RecordVisitBody,
  ReportVisitsAnswer,
  ReportVisitsBody,
  VisitIdParams,
  VisitsQuery,
  VisitsView,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { visitsView } from '../../app/queries/visits.js';
import { drawVisits } from '../../app/visits/draw.js';
import { recordVisit } from '../../app/visits/record-visit.js';
import { reportVisits } from '../../app/visits/report-visits.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';

export async function visitRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.get(
    '/visits',
    {
      schema: {
        tags: ['visits'],
        summary: '回访 · Follow-up visits',
        description:
          'For a jurisdiction the reader works (with those below): the pack’s follow-up rule, the officials whose impact period ends in the coming window and who were not drawn yet, the draws with their seed, population and sample, and the visits. For the organization department’s liaison and committee chairs (403 FORBIDDEN for others). Written to the read log.',
        querystring: VisitsQuery,
        response: responses({ 200: VisitsView }),
      },
    },
    async (req) => visitsView(ctx, actorOf(req), req.query),
  );

  app.post(
    '/visits/draws',
    {
      schema: {
        tags: ['visits'],
        summary: '抽取回访对象 · Draw officials for visits',
        description:
          'Draws at least the pack’s share (rounded up) of the officials whose impact period ends within the pack’s window, by a seeded draw logged with its seed, population and result (409 VISIT_NO_RULE where the pack sets no follow-up, VISIT_NOTHING_TO_DRAW when nobody is left). The organization department’s liaison of the jurisdiction or above.',
        body: DrawBody,
        response: responses({ 201: DrawAnswer }),
      },
    },
    async (req, reply) => {
      const draw = await drawVisits(ctx, actorOf(req), req.body);
      reply.status(201);
      return { draw };
    },
  );

  app.post(
    '/visits/:id/record',
    {
      schema: {
        tags: ['visits'],
        summary: '记录回访结果 · Record a visit',
        description:
          'Records a scheduled visit’s result: the day, who visited, what they found and the conclusion. A transition of the case (expectedVersion is the case version the visit list gave).',
        params: VisitIdParams,
        body: RecordVisitBody,
        response: responses({ 200: RecordVisitAnswer }),
      },
    },
    async (req) => {
      const r = await recordVisit(ctx, actorOf(req), { visitId: req.params.id, ...req.body });
      return { visitId: r.result.visitId, caseVersion: r.case.version };
    },
  );

  app.post(
    '/visits/report',
    {
      schema: {
        tags: ['visits'],
        summary: '报送回访结果 · Send visit results to the organization department',
        description:
          'Marks recorded visits as sent to the organization department today, all or none; each is an event on its case’s hash chain.',
        body: ReportVisitsBody,
        response: responses({ 200: ReportVisitsAnswer }),
      },
    },
    async (req) => reportVisits(ctx, actorOf(req), req.body),
  );
}
