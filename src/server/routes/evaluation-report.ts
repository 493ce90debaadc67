/**
 * A survey campaign's report (issue 12): the analysis of its responses under its reporting
 * thresholds, for whoever reads the campaign (src/app/evaluation/report.ts); the read is logged.
 */
import type { FastifyInstance } from 'fastify';
import { CampaignIdParams } from '../../api/evaluation.js';
import {
  CampaignReport,
  EvaluationOverview,
  ReportPdfQuery,
  ReportWorkbookQuery,
} from '../../api/evaluation-report.js';
import type { AppContext } from '../../app/context.js';
import { evaluationOverview } from '../../app/evaluation/overview.js';
import { campaignReport } from '../../app/evaluation/report.js';
import { campaignReportPdf } from '../../app/evaluation/report-pdf.js';
import { campaignWorkbook } from '../../app/evaluation/report-workbook.js';
import { fileAnswer, sendPdf, sendWorkbook, workbookAnswer } from '../download.js';
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
  app.get(
    '/evaluation/campaigns/:id/report.pdf',
    {
      schema: {
        tags: ['evaluation'],
        summary: '问卷调查分析报告（PDF）· A campaign’s report as a PDF',
        description:
          'The report laid out as an official document (A4, GB/T 9704 margins, 仿宋 body, tables ruled in lines): 一、调查基本情况 (period, invited, answered, response rate, anonymity and k), 二、总体评价 (support, optimism, willingness; the support–optimism gap with paired t, p and d_z in words), 三、影响因素 (promoting and blocking factors with their β and p), 四、量表信度 (α and ω_t per scale; ω_h), 五、分组情况 (hidden groups say why, never a number), 六、说明 (validation, methods, missing answers), signed by the jurisdiction’s organization department and dated. Under k answers a one-page PDF saying no analysis is given. In Chinese, or English with lang=en. For whoever reads the campaign; logged as the report’s read. 503 DOCUMENT_FONT_MISSING when the server has no CJK font (nothing is read or logged then); a fallback for a standard face is named in `x-document-font-notice`.',
        params: CampaignIdParams,
        querystring: ReportPdfQuery,
        response: responses({
          200: fileAnswer('The report.', { 'application/pdf': 'The report as a PDF.' }),
        }),
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? preferredLang(req);
      return sendPdf(reply, await campaignReportPdf(opts.ctx, actorOf(req), req.params.id, lang));
    },
  );
}
