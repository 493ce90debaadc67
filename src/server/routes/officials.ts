/**
 * GET /api/officials: the officials the signed-in user may open a matter for (themself, their
 * unit's officials for a unit party organization, the officials managed in their jurisdiction for
 * intake officers and investigators), searchable by name and paged, each with its managing
 * jurisdiction's policy pack and what the user may open for them. Scoped in the query; logged.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { listOfficials } from '../../app/queries/officials.js';
import { actorOf } from '../auth/authenticate.js';
import { OfficialsPage, OfficialsQuery } from '../../api/index.js';
import { presentOfficial } from '../presenters/official.js';
import { responses, typed } from '../schemas.js';

export async function officialRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.get(
    '/officials',
    {
      schema: {
        tags: ['officials'],
        summary: '可办理的干部 · Officials I may open a matter for',
        description:
          'An official sees themself; a unit party organization the officials of its unit subtree; intake officers and investigators the officials managed within their jurisdiction subtree. Others get an empty list. Sorted with the user themself first, then by name.',
        querystring: OfficialsQuery,
        response: responses({ 200: OfficialsPage }),
      },
    },
    async (req) => {
      const r = await listOfficials(ctx, actorOf(req), req.query);
      return { ...r, items: r.items.map(presentOfficial) };
    },
  );
}
