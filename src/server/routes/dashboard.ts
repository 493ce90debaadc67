/**
 * GET /api/dashboard: the managers' figures over the cases in their scope
 * (src/app/queries/dashboard.ts) — open cases by step, overdue work, decisions by month.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { getDashboard, OVERDUE_LIST } from '../../app/queries/dashboard.js';
import { actorOf } from '../auth/authenticate.js';
import { DATE, I18N_TEXT, object, responses, UUID } from '../schemas.js';

const COUNT = { type: 'integer', minimum: 0 } as const;

export async function dashboardRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  app.get<{ Querystring: { months?: number } }>(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: '仪表盘 · Dashboard',
        description: `For committee chairs, organization-department liaisons, administrators, auditors and policy administrators (403 DASHBOARD_ROLE_REQUIRED otherwise), over the cases under the jurisdictions and units they hold one of those roles over: open cases by step, the overdue count with the ${OVERDUE_LIST} most overdue cases the user may open, and determinations by month and outcome. Aggregated in the database; logged in the read log.`,
        querystring: object({
          months: {
            type: 'integer',
            minimum: 1,
            maximum: 36,
            default: 12,
            description: 'Months of decisions, ending with the current month.',
          },
        }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              today: DATE,
              totals: {
                type: 'object',
                properties: { open: COUNT, overdue: COUNT, suspended: COUNT, decided: COUNT },
              },
              openByStep: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { step: { type: 'string' }, label: I18N_TEXT, count: COUNT },
                },
              },
              overdue: {
                type: 'object',
                properties: {
                  count: COUNT,
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: UUID,
                        number: { type: 'string' },
                        title: { type: 'string' },
                        official: { type: 'string' },
                        jurisdiction: I18N_TEXT,
                        step: { type: 'string' },
                        stepLabel: I18N_TEXT,
                        stepDueOn: DATE,
                        workingDaysOverdue: COUNT,
                      },
                    },
                  },
                },
              },
              outcomesByMonth: {
                type: 'object',
                properties: {
                  months: { type: 'array', items: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
                  outcomes: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { id: { type: 'string' }, label: I18N_TEXT },
                    },
                  },
                  counts: {
                    type: 'array',
                    description: 'counts[i][j]: decisions with outcome i in month j.',
                    items: { type: 'array', items: COUNT },
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => getDashboard(ctx, actorOf(req), req.query),
  );
}
