/**
 * Ex-ante risk filings (事前风险报备): GET /api/risk-filings lists the filings of the reader's
 * jurisdictions with the cases linked to each (officers only; logged); POST /api/risk-filings
 * records one for a unit (intake officers and investigators over its jurisdiction). A case is
 * linked to a filing by POST /api/cases/{id}/risk-filing.
 */
import type { FastifyInstance } from 'fastify';
import {
  RiskFilingAnswer,
  RiskFilingBody,
  RiskFilingListQuery,
  RiskFilingPage,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { createRiskFiling } from '../../app/cases/risk-filing.js';
import { listRiskFilings } from '../../app/queries/risk-filings.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';

export async function riskFilingRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.get(
    '/risk-filings',
    {
      schema: {
        tags: ['risk filings'],
        summary: '风险报备清单 · Risk filings',
        description:
          'The ex-ante risk filings of the units in the signed-in officer’s jurisdictions, latest filed first, filtered by title, status, unit (with its sub-units) and filing date, a page at a time; each with the linked cases the officer may read. 403 RISK_FILING_ROLE_REQUIRED for anyone without an officer’s role over a jurisdiction (an official, a unit party organization). Written to the read log.',
        querystring: RiskFilingListQuery,
        response: responses({ 200: RiskFilingPage }),
      },
    },
    async (req) => listRiskFilings(ctx, actorOf(req), req.query),
  );

  app.post(
    '/risk-filings',
    {
      schema: {
        tags: ['risk filings'],
        summary: '登记事前风险报备 · Record an ex-ante risk filing',
        description:
          'Records a unit’s ex-ante filing of a risky initiative — the risks foreseen, the measures, its review status, the day the review ended and the reviewer’s opinion; a case can then be linked to it (POST /api/cases/{id}/risk-filing). For intake officers and investigators over the unit’s jurisdiction.',
        body: RiskFilingBody,
        response: responses({ 201: RiskFilingAnswer }),
      },
    },
    async (req, reply) => {
      const filing = await createRiskFiling(ctx, actorOf(req), req.body);
      reply.status(201);
      return { riskFiling: filing };
    },
  );
}
