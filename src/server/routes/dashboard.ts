/**
 * GET /api/dashboard: the managers' figures over the cases in their scope
 * (src/app/queries/dashboard.ts) — open cases by step, overdue work, decisions by month.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { getDashboard, OVERDUE_LIST } from '../../app/queries/dashboard.js';
import { actorOf } from '../auth/authenticate.js';
import { DashboardData, DashboardQuery } from '../../api/index.js';
import { responses, typed } from '../schemas.js';

export async function dashboardRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: '仪表盘 · Dashboard',
        description: `For committee chairs, organization-department liaisons, administrators, auditors and policy administrators (403 DASHBOARD_ROLE_REQUIRED otherwise), over the cases under the jurisdictions and units they hold one of those roles over: open cases by step, the overdue count with the ${OVERDUE_LIST} most overdue cases the user may open, and determinations by month and outcome. Aggregated in the database; logged in the read log.`,
        querystring: DashboardQuery,
        response: responses({ 200: DashboardData }),
      },
    },
    async (req) => getDashboard(ctx, actorOf(req), req.query),
  );
}
