/**
 * GET /api/officials: the officials the signed-in user may open a matter for (themself, their
 * unit's officials for a unit party organization, the officials managed in their jurisdiction for
 * intake officers and investigators), searchable by name and paged, each with its managing
 * jurisdiction's policy pack and what the user may open for them. Scoped in the query; logged.
 * GET /api/officials/:id/record: one official's record (干部容错纠错记录), logged.
 * GET /api/officials/:id/application-window: when an application for the official is in time.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { listOfficials } from '../../app/queries/officials.js';
import { officialRecord } from '../../app/queries/official-record.js';
import { applicationWindowFor } from '../../app/queries/application-window.js';
import { actorOf } from '../auth/authenticate.js';
import {
  ApplicationWindowAnswer,
  ApplicationWindowQuery,
  OfficialIdParams,
  OfficialRecord,
  OfficialRecordParams,
  OfficialsPage,
  OfficialsQuery,
} from '../../api/index.js';
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

  app.get(
    '/officials/:id/record',
    {
      schema: {
        tags: ['officials'],
        summary: '干部容错纠错记录 · An official’s record',
        description:
          'Everything the mechanism holds about one official, oldest first: each case the reader may read with its outcome in force and result application (what stays unaffected, the impact period and its last day), corrections, talks, follow-up visits (for the official and those who read visits) and name clearings (a referral’s basis for officers only), and the accountability matters recorded against them (officers only). For the official themself, and for the case officers, overseers and unit party organizations whose jurisdiction or unit holds the official; others get 403 OFFICIAL_RECORD_ROLE_REQUIRED, an official outside their scope 404 OFFICIAL_NOT_FOUND. Logged as official.record.',
        params: OfficialRecordParams,
        response: responses({ 200: OfficialRecord }),
      },
    },
    async (req) => officialRecord(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/officials/:id/application-window',
    {
      schema: {
        tags: ['officials'],
        summary: '申请时限 · When an application is in time',
        description:
          'The application window of the measure that would govern an application for this official (the managing jurisdiction’s pack in force on `conductDate`), in words with its clause, and its last day on the jurisdiction’s working-day calendar where the day it counts from is known (`notifiedOn` for a window counted from the notification of the accountability decision). `window` is null where the measure sets none. POST /api/cases refuses an application outside it (422 APPLICATION_OUT_OF_TIME). For whoever may apply for the official (404 NOT_FOUND otherwise).',
        params: OfficialIdParams,
        querystring: ApplicationWindowQuery,
        response: responses({ 200: ApplicationWindowAnswer }),
      },
    },
    async (req) => applicationWindowFor(ctx, actorOf(req), req.params.id, req.query),
  );
}
