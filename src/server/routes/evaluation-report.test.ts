/**
 * GET /api/evaluation/campaigns/{id}/report over HTTP on both stores: seed000-v1 answered through
 * the public answering endpoint by 12 respondents, then read by the committee chair — every figure
 * validated against the response schema, nothing under k, no other role, the read logged.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type {
  CampaignList,
  CampaignReport,
  CampaignView,
  EvaluationOverview,
  IssueTokensAnswer,
} from '../../api/index.js';
import { installInstruments } from '../../app/evaluation/instruments.js';
import { readLog, type Schema } from '../../app/tables.js';
import { scaleSpecOf, shippedInstrument } from '../../evaluation/instrument.js';
import { synthesize } from '../../evaluation/synthetic.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from '../testing/http.js';

const instrument = shippedInstrument('seed000-v1');
const spec = scaleSpecOf(instrument);
const PLANT = {
  levels: { toleranceAccountability: -0.9 },
  weights: { toleranceAccountability: 0.45 },
  supportLevel: 1.2,
  optimismLevel: -0.2,
  willingnessLevel: 0.4,
  common: 0.4,
  blankShare: 0.02,
};

describeStores<Schema>('a campaign’s report over HTTP', (getStore) => {
  let w: HttpWorld;
  let liaison: Client;

  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    await installInstruments(w.ctx, [instrument]);
    liaison = await signIn(w, 'liaison');
  }, 120_000);

  /** A campaign of seed000-v1 (threshold k when given) answered by n synthetic respondents. */
  async function answered(n: number, thresholdK?: number): Promise<string> {
    const made = await liaison.post('/api/evaluation/campaigns', {
      jurisdictionId: w.ids.area,
      title: 'X新区2025年度容错纠错机制实施情况问卷调查',
      instrumentId: instrument.id,
      invitedUnitIds: [w.ids.unit],
      invitedCount: 50,
      opensOn: '2025-03-03',
      closesOn: '2025-03-31',
      ...(thresholdK === undefined ? {} : { thresholdK }),
    });
    const c = made.json() as CampaignView;
    await liaison.post(`/api/evaluation/campaigns/${c.id}/open`, { expectedVersion: 0 });
    const issued = await liaison.post(`/api/evaluation/campaigns/${c.id}/tokens`, { count: n });
    const tokens = (issued.json() as IssueTokensAnswer).tokens;
    const sheets = synthesize(spec, instrument.demographics, PLANT, n, 11);
    for (const [i, token] of tokens.entries()) {
      const sent = await w.app.inject({
        method: 'POST',
        url: `/api/survey/${token}`,
        payload: {
          answers: sheets[i]!.answers,
          demographics: sheets[i]!.demographics,
          openAnswers: {},
        },
      });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    return c.id;
  }

  it('gives the chair every figure of 12 responses, breakdowns under the thresholds, the (empty) free text at 10 or more', async () => {
    const id = await answered(12);
    const chair = await signIn(w, 'chair');
    const res = await chair.get(`/api/evaluation/campaigns/${id}/report`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as CampaignReport;
    expect(report).toMatchObject({
      n: 12,
      reportable: true,
      instrument: { id: 'seed000-v1', validated: false },
    });
    expect(report.analysis!.factors).toHaveLength(spec.factors.length);
    expect(report.analysis!.factors[0]!.alpha).toEqual(expect.any(Number));
    for (const b of report.breakdowns) {
      for (const g of b.groups) expect(g.n === null || g.n === 0 || g.n >= 5).toBe(true);
      expect(b.groups.filter((g) => g.n === null).length).not.toBe(1);
    }
    expect(report.openAnswers).toEqual(
      instrument.openQuestions.map((q) => ({ id: q.id, text: q.text, answers: [] })),
    );
    const logged = await w.ctx.store.db
      .select()
      .from(readLog)
      .where(and(eq(readLog.what, 'evaluation.report'), eq(readLog.jurisdictionId, w.ids.area)));
    expect(logged.length).toBeGreaterThan(0);
  });

  it('gives no figure under k responses', async () => {
    const id = await answered(4);
    const report = (
      await liaison.get(`/api/evaluation/campaigns/${id}/report`)
    ).json() as CampaignReport;
    expect(report).toMatchObject({
      n: 4,
      reportable: false,
      analysis: null,
      breakdowns: [],
      openAnswers: null,
    });
  });

  it('is not for other roles', async () => {
    const id = await answered(5);
    const intake = await signIn(w, 'intake');
    expect((await intake.get(`/api/evaluation/campaigns/${id}/report`)).statusCode).toBe(403);
  });

  it('sets campaigns side by side: means and the gap from k answers, the count only under k', async () => {
    const big = await answered(8, 7);
    const small = await answered(3);
    const res = await liaison.get('/api/evaluation/overview');
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as EvaluationOverview).campaigns;
    const b = rows.find((r) => r.campaignId === big)!;
    const s = rows.find((r) => r.campaignId === small)!;
    expect(b).toMatchObject({ n: 8, reportable: true, thresholdK: 7, state: 'open' });
    // Each campaign's k and whether it takes answers today, as the campaign list gives them.
    const listed = (await liaison.get('/api/evaluation/campaigns')).json() as CampaignList;
    for (const r of [b, s]) {
      const c = listed.campaigns.find((l) => l.id === r.campaignId)!;
      expect([r.thresholdK, r.answering]).toEqual([c.thresholdK, c.answering]);
    }
    expect(Object.keys(b.means!)).toEqual(spec.factors.map((f) => f.id));
    expect(b.gap).toBeCloseTo(b.means!['support']! - b.means!['optimism']!, 10);
    expect(s).toMatchObject({ n: 3, reportable: false, means: null, gap: null });
    const intake = await signIn(w, 'intake');
    expect((await intake.get('/api/evaluation/overview')).statusCode).toBe(403);
  });

  it('gives every table as a workbook, one sheet each, in Chinese or English; the summary only under k', async () => {
    const id = await answered(12);
    const res = await liaison.get(`/api/evaluation/campaigns/${id}/report.xlsx?lang=zh`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['概况', '信度', '题目', '回归', '促进与阻碍因素', '分组', '开放题']),
    );
    const scales = book.getWorksheet('信度')!;
    expect(scales.getRow(1).getCell(7).value).toBe('α');
    expect(scales.rowCount).toBe(1 + spec.factors.length);
    expect(scales.getRow(2).getCell(1).value).toBe('政治势能');
    const en = await liaison.get(`/api/evaluation/campaigns/${id}/report.xlsx?lang=en`);
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(enBook.getWorksheet('Scales')!.getRow(2).getCell(1).value).toBe(
      'Political potential energy',
    );
    const small = await answered(4);
    const under = await liaison.get(`/api/evaluation/campaigns/${small}/report.xlsx?lang=en`);
    const underBook = new ExcelJS.Workbook();
    await underBook.xlsx.load(under.rawPayload as unknown as ArrayBuffer);
    expect(underBook.worksheets.map((s) => s.name)).toEqual(['Summary']);
  });

  it('gives the report as a PDF to whoever reads the campaign, named after it; 403 for other roles, 404 for no campaign', async () => {
    const id = await answered(12);
    const res = await liaison.get(`/api/evaluation/campaigns/${id}/report.pdf?lang=zh`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename=".*\.pdf"; filename\*=UTF-8''X%E6%96%B0%E5%8C%BA.*\.pdf$/,
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const intake = await signIn(w, 'intake');
    expect((await intake.get(`/api/evaluation/campaigns/${id}/report.pdf`)).statusCode).toBe(403);
    const none = await liaison.get(
      '/api/evaluation/campaigns/00000000-0000-4000-8000-000000000000/report.pdf?lang=en',
    );
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: { code: 'CAMPAIGN_NOT_FOUND' } });
  });
});
