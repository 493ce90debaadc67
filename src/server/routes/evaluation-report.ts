/**
 * A survey campaign's report (issue 12): the analysis of its responses under its reporting
 * thresholds, for whoever reads the campaign (src/app/evaluation/report.ts); the read is logged.
 */
import type { FastifyInstance } from 'fastify';
import { CampaignIdParams } from '../../api/evaluation.js';
import {
  CampaignReport,
  EvaluationOverview,
  ReportWorkbookQuery,
} from '../../api/evaluation-report.js';
import type { AppContext } from '../../app/context.js';
import { evaluationOverview } from '../../app/evaluation/overview.js';
import { campaignReport } from '../../app/evaluation/report.js';
import { campaignWorkbook } from '../../app/evaluation/report-workbook.js';
import { sendWorkbook, workbookAnswer } from '../download.js';
import { preferredLang } from '../errors.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';

export async function evaluationReportRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  app.get(
    '/evaluation/campaigns/:id/report',
    {
      schema: {
        tags: ['evaluation'],
        summary: '问卷调查分析报告 · A campaign’s report',
        description:
          'The analysis of the campaign’s responses on its instrument: each scale’s mean and CI, Cronbach’s alpha (raw and standardized) and McDonald’s omega, item figures, parallel analysis, the support–optimism gap, regressions of optimism and willingness to act on the factor scores, promoting and blocking factors, and breakdowns by each demographic item. Nothing under the campaign’s k responses (`reportable: false`); no group under k, with a complement hidden beside a lone hidden group; free text only at the free-text threshold. For whoever reads the campaign (404 CAMPAIGN_NOT_FOUND otherwise).',
        params: CampaignIdParams,
        response: responses({ 200: CampaignReport }),
      },
    },
    async (req) => campaignReport(opts.ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/evaluation/overview',
    {
      schema: {
        tags: ['evaluation'],
        summary: '问卷调查对比与趋势 · Campaigns side by side',
        description:
          'Every campaign the reader may read, with its jurisdiction, period and number of answers, and — from k answers — each scale’s mean score and the support–optimism gap: jurisdictions compared, yearly waves as a trend. A campaign under k gives its count only.',
        response: responses({ 200: EvaluationOverview }),
      },
    },
    async (req) => ({ campaigns: await evaluationOverview(opts.ctx, actorOf(req)) }),
  );
  app.get(
    '/evaluation/campaigns/:id/report.xlsx',
    {
      schema: {
        tags: ['evaluation'],
        summary: '问卷调查分析报告（Excel）· A campaign’s report as a workbook',
        description:
          'Every table of the report, one sheet each: summary, scales (reliability), items, regressions, promoting and blocking factors, structure, breakdowns (hidden groups say so, never a number) and, at the free-text threshold, the open answers. Under k answers, the summary only. Headers in Chinese, or English with lang=en. For whoever reads the campaign; logged as the report’s read.',
        params: CampaignIdParams,
        querystring: ReportWorkbookQuery,
        response: responses({ 200: workbookAnswer() }),
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? preferredLang(req);
      return sendWorkbook(
        reply,
        await campaignWorkbook(opts.ctx, actorOf(req), req.params.id, lang),
      );
    },
  );
}
