/**
 * A campaign's report as an official-style PDF (issue 12), in Chinese or English: the wording in
 * report-pdf-text.ts, set on the page by report-pdf-layout.ts with the official documents' fonts
 * and layout. Read as the report is read (campaignReport: whoever reads the campaign; logged as
 * `evaluation.report`); under k answers, a short PDF saying no analysis is given. Without a CJK
 * font nothing is read or logged: DOCUMENT_FONT_MISSING says how to install one.
 */
import type { Actor } from '../../domain/roles.js';
import type { Lang } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { fontNotice, requireDocumentFonts, type RenderedPdf } from '../documents/pdf.js';
import { chinaStamp } from '../queries/workbook.js';
import { loadInstrument } from './instruments.js';
import { campaignReport } from './report.js';
import { renderReportPdf } from './report-pdf-layout.js';
import { reportDocument } from './report-pdf-text.js';

export async function campaignReportPdf(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  lang: Lang,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RenderedPdf> {
  const fonts = requireDocumentFonts(env);
  const report = await campaignReport(ctx, actor, campaignId);
  const { body: instrument } = await loadInstrument(ctx.store.db, report.campaign.instrumentId);
  const day = chinaStamp(ctx.now()).slice(0, 10);
  const document = reportDocument(report, instrument, lang, day);
  const pdf = await renderReportPdf(document, fonts, ctx.now());
  const name = `${report.campaign.title}-${lang === 'zh' ? '分析报告' : 'report'}-${day}.pdf`;
  return { filename: name.replace(/[\\/:*?"<>|\r\n]+/g, '_'), pdf, fontNotice: fontNotice(fonts) };
}
