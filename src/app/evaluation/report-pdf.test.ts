/**
 * A campaign's report as an official-style PDF, read back through its fonts' ToUnicode maps: a
 * seed000-v1 campaign of 150 synthetic answers with a planted support–optimism gap, a blocking
 * factor and a rank band under k, in Chinese and English; and a campaign under k, whose PDF says
 * no analysis is given. The answers go straight into the table (the answering path has its own
 * tests, evaluation.test.ts and the routes'); what is tested here is what the PDF says.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { scaleSpecOf, shippedInstrument } from '../../evaluation/instrument.js';
import { synthesize, type Plant } from '../../evaluation/synthetic.js';
import { fixed } from '../../shared/figures.js';
import { describeStores } from '../../store/testing/harness.js';
import { findDocumentFonts } from '../documents/pdf.js';
import { pdfText, type PdfText } from '../documents/testing/pdf-text.js';
import { readLog, surveyResponses, type Schema } from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { createCampaign } from './create-campaign.js';
import { installInstruments } from './instruments.js';
import { openCampaign } from './open-campaign.js';
import { campaignReport, type CampaignReport } from './report.js';
import { campaignReportPdf } from './report-pdf.js';
import { renderReportPdf } from './report-pdf-layout.js';
import { reportDocument } from './report-pdf-text.js';
import { campaignInput } from './testing.js';

const instrument = shippedInstrument('seed000-v1');
const spec = scaleSpecOf(instrument);
const PLANT: Plant = {
  levels: { politicalEnergy: 0.8, toleranceAccountability: -0.9 },
  weights: { politicalEnergy: 0.3, toleranceAccountability: 0.45 },
  supportLevel: 1.2,
  optimismLevel: -0.2,
  willingnessLevel: 0.4,
  common: 0.4,
  blankShare: 0.02,
};
/** Rank bands: 3 staff members (under k), 80 at section level, 67 above (hidden beside them). */
const BANDS: readonly string[] = [
  ...Array<string>(3).fill('staff'),
  ...Array<string>(80).fill('section'),
  ...Array<string>(67).fill('countyUp'),
];

const NO_FONT =
  'no CJK font on this machine: apt-get install fonts-noto-cjk, or set RONGCUO_CJK_FONT';

/** The PDFs are kept (not committed) to be looked at page by page (`pdftoppm -png -r 60`). */
const OUT = 'test-artifacts/evaluation-report';
function keep(name: string, pdf: Buffer): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/${name}`, pdf);
}

/** A PDF's text run together without spaces (a line break may take a space away). */
const flat = (lines: readonly string[]) => lines.join('').replace(/\s+/g, '');

describeStores<Schema>('a campaign’s report as PDF', (getStore) => {
  let w: World;
  let liaison: Actor;
  let full: string;
  let small: string;

  /** A seed000-v1 campaign of the world's new area, open, with `n` synthetic answers. */
  async function answered(n: number, bands: readonly string[] = []): Promise<string> {
    const { id } = await createCampaign(
      w.ctx,
      liaison,
      campaignInput(w, { instrumentId: instrument.id, invitedCount: 250 }),
    );
    await openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 0 });
    const sheets = synthesize(spec, instrument.demographics, PLANT, n, 7);
    await w.ctx.store.db.insert(surveyResponses).values(
      sheets.map((s, i) => ({
        id: crypto.randomUUID(),
        campaignId: id,
        submittedOn: null,
        demographics: { ...s.demographics, ...(bands[i] ? { rankBand: bands[i] } : {}) },
        answers: { ...s.answers },
        openAnswers: {},
      })),
    );
    return id;
  }

  let zh: PdfText;
  let en: PdfText;
  let report: CampaignReport;

  beforeAll(async () => {
    w = await buildWorld(getStore());
    liaison = w.actors.liaison!;
    await installInstruments(w.ctx, [instrument]);
    full = await answered(150, BANDS);
    small = await answered(4);
    if (!findDocumentFonts()) return;
    const zhPdf = await campaignReportPdf(w.ctx, liaison, full, 'zh');
    expect(zhPdf.filename).toMatch(
      /^X新区2025年度容错纠错机制实施情况问卷调查-分析报告-\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    report = await campaignReport(w.ctx, liaison, full);
    const enPdf = await renderReportPdf(
      reportDocument(report, instrument, 'en', '2025-03-03'),
      findDocumentFonts()!,
      w.ctx.now(),
    );
    keep('report-zh.pdf', zhPdf.pdf);
    keep('report-en.pdf', enPdf);
    zh = pdfText(zhPdf.pdf);
    en = pdfText(enPdf);
  }, 120_000);

  it('sets out every section in Chinese: the gap, the blocking factor named, alphas as the page writes them, the signature', () => {
    expect(findDocumentFonts(), NO_FONT).toBeDefined();
    const text = flat(zh.lines);
    expect(zh.title).toBe('关于X新区容错纠错机制执行情况问卷调查的分析报告');
    for (const section of [
      '一、调查基本情况',
      '二、总体评价',
      '三、影响因素',
      '四、量表信度',
      '五、分组情况',
      '六、说明',
    ]) {
      expect(zh.lines, section).toContain(section);
    }
    expect(text).toContain('回收有效答卷150份，回收率60.0%');
    expect(text).toContain('答卷不足5份的不出具分析结果');
    expect(text).toMatch(
      /配对t检验：t\(149\)=[\d.]+，p<0\.001，效应量d_z=[\d.]+。差异在0\.05水平上显著/,
    );
    expect(text).toMatch(/（二）阻碍因素1\.容错与问责的张力：均值[\d.]+分/);
    expect(text).toContain('尚未经过实地检验');
    expect(text).toContain('Schmid–Leiman');
    expect(text).toContain('成对删除（pairwise）');
    for (const f of report.analysis!.factors) {
      expect(zh.lines, f.id).toContain(fixed(f.alpha, 3));
    }
    expect(zh.lines).toContain('X新区组织部门');
    expect(zh.lines.some((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l))).toBe(true);
    expect(zh.lines).toContain('— 2 —');
  });

  it('says why a hidden group is hidden and prints no figure of it', () => {
    const doc = reportDocument(report, instrument, 'zh', '2025-04-01');
    const at = doc.blocks.findIndex((b) => b.kind === 'caption' && b.text.includes('您的职级'));
    const table = doc.blocks[at + 1]!;
    if (table.kind !== 'table') throw new Error('no table under the caption');
    expect(table.columns.map((c) => c.title)).toEqual([
      '量表',
      '科员及以下',
      '乡科级',
      '县处级及以上',
    ]);
    expect(table.rows[0]).toEqual(['人数', '不足5人，不予显示', '80', '为防推算，不予显示']);
    for (const row of table.rows.slice(1)) {
      expect([row[1], row[3]]).toEqual(['—', '—']);
      expect(row[2]).toMatch(/^\d\.\d\d$/);
    }
    expect(zh.lines).toContain('80');
    expect(zh.lines).not.toContain('67');
    expect(zh.lines).toContain('不足5人，不予显示');
    expect(zh.lines).toContain('为防推算，不予显示');
  });

  it('is complete in English too, with the same structure', () => {
    const text = en.lines.join(' ').replace(/\s+/g, ' ');
    for (const section of [
      'I. The survey',
      'II. Overall assessment',
      'III. What promotes',
      'IV. Reliability of the scales',
      'V. By group',
      'VI. Notes',
    ]) {
      expect(text, section).toContain(section);
    }
    expect(text).toMatch(
      /2\. Blocking factors 1\. Tension between tolerance and accountability: mean/,
    );
    expect(text).toContain('under 5, not shown');
    expect(text).toContain('Organization department, X New Area');
    expect(en.title).toMatch(/^Report on the survey .* in X New Area$/);
  });

  it('under k answers gives a short PDF saying no analysis is given, and logs the read', async () => {
    const reads = () =>
      w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.what, 'evaluation.report'), eq(readLog.userId, liaison.userId)));
    const before = (await reads()).length;
    const { pdf } = await campaignReportPdf(w.ctx, liaison, small, 'zh');
    expect((await reads()).length).toBe(before + 1);
    keep('withheld-zh.pdf', pdf);
    const read = pdfText(pdf);
    expect(flat(read.lines)).toContain('回收答卷不足5份，不予出具分析结果');
    expect(read.lines).not.toContain('二、总体评价');
    expect(read.pages).toBe(1);
  });
});
