/**
 * Accountability linkage (问责衔接) over HTTP: the matter's transitions on the case opened on it —
 * POST /api/cases/:id/matter/circumstances and …/matter/referral, declared from MATTERS_API
 * (src/api/matters.ts) through `transitionRoute`, each answered with the fresh case — and
 * GET /api/accountability-matters, the matters of the reader's jurisdictions (logged).
 */
import type { FastifyInstance } from 'fastify';
import type { CaseIdParams } from '../../api/index.js';
import { MATTERS_API, MatterList, MatterListQuery, type TSchema } from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { recordCircumstances } from '../../app/matters/record-circumstances.js';
import { recordReferral } from '../../app/matters/record-referral.js';
import { listMatters } from '../../app/queries/matters.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';
import { transitionRoute, tr, type TransitionRouteDef } from './case-actions.js';

/** A matter transition, by its name in MATTERS_API, tagged 'matters'. */
function route<N extends keyof typeof MATTERS_API, P extends TSchema = typeof CaseIdParams>(
  app: FastifyInstance,
  ctx: AppContext,
  name: N,
  def: TransitionRouteDef<(typeof MATTERS_API)[N], P>,
) {
  transitionRoute(app, ctx, MATTERS_API[name], { tag: 'matters', ...def });
}

export async function matterRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  route(base, ctx, 'recordCircumstances', {
    path: 'matter/circumstances',
    summary: '记录问责情形 · Record the matter’s circumstances',
    description:
      'The intake officer or investigator who holds the accountability matter records its circumstances under the accountability regulation (Art. 17 no accountability or exemption, Art. 18 lighter or reduced, Art. 19 heavier), replacing those recorded before, and the lifelong-accountability flag with the major decision it concerns (name, day, deciding body). Only on a case opened on a matter (409 CASE_PRECONDITION, reason MATTER_NONE, otherwise).',
    run: (actor, b, p) => recordCircumstances(ctx, actor, { ...tr(p, b), ...b }),
  });
  route(base, ctx, 'recordReferral', {
    path: 'matter/referral',
    summary: '移送 · Record the referral',
    description:
      'Records the criminal referral (移送) of the accountability matter to the supervisory commission or the judicial organs: the day, the basis and the receiving body’s receipt number. The matter is then referred: it stays with the competent body and no tolerance determination concludes it. Once per matter (409 CASE_PRECONDITION, reason MATTER_REFERRED, after).',
    run: (actor, b, p) => recordReferral(ctx, actor, { ...tr(p, b), ...b }),
  });

  typed(base).get(
    '/accountability-matters',
    {
      schema: {
        tags: ['matters'],
        summary: '问责事项台账 · Accountability matters',
        description:
          'The accountability matters of the jurisdictions the reader works (with those below), latest opened first, filtered by status and the lifelong flag, each with its case. For intake officers, investigators and auditors (403 MATTER_ROLE_REQUIRED for others). Written to the read log (matter.list).',
        querystring: MatterListQuery,
        response: responses({ 200: MatterList }),
      },
    },
    async (req) => listMatters(ctx, actorOf(req), req.query),
  );
}
