/**
 * GET /api/evaluation/indicators: the indicators from case records (issue 12) over the reader's
 * jurisdictions, per jurisdiction and for the whole scope (src/app/evaluation/indicators.ts).
 */
import type { FastifyInstance } from 'fastify';
import { IndicatorsQuery, IndicatorsReport } from '../../api/index.js';
import { getIndicators } from '../../app/evaluation/indicators.js';
import type { AppContext } from '../../app/context.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';

export async function evaluationIndicatorRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  app.get(
    '/evaluation/indicators',
    {
      schema: {
        tags: ['evaluation'],
        summary: '实施评估指标 · Implementation indicators',
        description:
          'The indicators from case records of seed 000’s evaluation model — applications per thousand cadres, ex-officio checks per accountability matter, median working days to decision, tolerance, reversal and departure rates, correction completion and effectiveness, follow-up visit coverage, risk filings per thousand cadres, determinations publicized — each with its zh/en definition, formula and the factor it informs, and its numerator, denominator and value (null when the denominator is 0), for every jurisdiction under the reader’s grants and for the whole scope, over a period of China days (default: the year to date). For organization-department liaisons, committee chairs, auditors and administrators over their jurisdictions (403 EVALUATION_ROLE_REQUIRED otherwise; 404 ORG_NOT_FOUND for a jurisdiction outside the scope); 400 VALIDATION for a period that is not one. Computed in the database; logged in the read log.',
        querystring: IndicatorsQuery,
        response: responses({ 200: IndicatorsReport }),
      },
    },
    async (req) => getIndicators(ctx, actorOf(req), req.query),
  );
}
