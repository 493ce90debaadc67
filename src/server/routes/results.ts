/**
 * Result applications for the organization department (结果运用台账, issue 11): GET /api/results
 * (JSON, keyset pages), GET /api/results/filters (the jurisdictions and units to filter by) and
 * GET /api/results/export (a workbook, CSV or an XML batch in the `.lrmx` field names), for the
 * organization-department liaison, a committee chair, an auditor or an administrator over their
 * jurisdictions (src/app/queries/results-export.ts, results-list.ts). Every list page and every
 * export is written to the read log with its filter.
 */
import type { FastifyInstance } from 'fastify';
import {
  ResultFilterOptions,
  ResultsExportQuery,
  ResultsPage,
  ResultsQuery,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { exportResults, type ResultsFilter } from '../../app/queries/results-export.js';
import { listResults, resultFilterOptions } from '../../app/queries/results-list.js';
import { actorOf } from '../auth/authenticate.js';
import { fileAnswer, sendTextFile, sendWorkbook, XLSX } from '../download.js';
import { preferredLang } from '../errors.js';
import { responses, typed } from '../schemas.js';

const WHO =
  'For the organization-department liaison, a committee chair, an auditor or an administrator, over the cases of their jurisdictions (anyone else: 403).';

/** The query's filter in the query layer's names. */
function filterOf(q: {
  jurisdiction?: string;
  unit?: string;
  from?: string;
  to?: string;
}): ResultsFilter {
  return {
    ...(q.jurisdiction ? { jurisdictionId: q.jurisdiction } : {}),
    ...(q.unit ? { unitId: q.unit } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

export async function resultRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.get(
    '/results',
    {
      schema: {
        tags: ['results'],
        summary: '认定结果运用台账 · Result applications',
        description: `The determinations in force with their result application — what stays unaffected, the impact period and until when, the correction required — and the notes the cadre appointment and removal form (干部任免审批表) receives, ordered by the day decided and the case number, in keyset pages (follow \`nextCursor\`). Filter by jurisdiction, unit (each with what lies under it) and the period decided. ${WHO} Each page read is written to the read log with its filter.`,
        querystring: ResultsQuery,
        response: responses({ 200: ResultsPage }),
      },
    },
    async (req) => {
      const { cursor, pageSize, ...filters } = req.query;
      return listResults(ctx, actorOf(req), {
        ...filterOf(filters),
        ...(cursor ? { cursor } : {}),
        ...(pageSize !== undefined ? { pageSize } : {}),
      });
    },
  );

  app.get(
    '/results/filters',
    {
      schema: {
        tags: ['results'],
        summary: '结果运用台账筛选项 · Filter options of the result applications',
        description: `The jurisdictions and units inside the signed-in user's export scope, parents before children (names and ids only). ${WHO}`,
        response: responses({ 200: ResultFilterOptions }),
      },
    },
    async (req) => resultFilterOptions(ctx, actorOf(req)),
  );

  app.get(
    '/results/export',
    {
      schema: {
        tags: ['results'],
        summary: '导出认定结果运用情况 · Export result applications',
        description: `Every row GET /api/results would list with the same filters, as a file for the HR and assessment systems: an Excel workbook (format=xlsx, the default), CSV (format=csv) or an XML batch of Person records in the .lrmx field names of the appointment form (format=lrmx: XingMing, ShenFenZheng, GongZuoDanWei, XianRenZhiWu, JiangChengQingKuang, NianDuKaoHeJieGuo). Headers in Chinese, or English with lang=en (the lrmx fields are Chinese always). The identity card number is written in full, for matching. ${WHO} Written to the read log with the filter, the format and the rows; the X-Export-Rows header gives the rows.`,
        querystring: ResultsExportQuery,
        response: responses({
          200: fileAnswer('The file.', {
            [XLSX]: 'The .xlsx workbook.',
            'text/csv': 'The CSV file.',
            'application/xml': 'The .lrmx XML batch.',
          }),
        }),
      },
    },
    async (req, reply) => {
      const { format, lang: asked, ...filters } = req.query;
      const lang = asked ?? preferredLang(req);
      const exported = await exportResults(
        ctx,
        actorOf(req),
        filterOf(filters),
        format ?? 'xlsx',
        lang,
      );
      const headers = { 'x-export-rows': String(exported.rows) };
      if (exported.format === 'xlsx') return sendWorkbook(reply, exported, headers);
      return sendTextFile(
        reply,
        {
          filename: exported.filename,
          type:
            exported.format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/xml; charset=utf-8',
          text: exported.text,
        },
        headers,
      );
    },
  );
}
