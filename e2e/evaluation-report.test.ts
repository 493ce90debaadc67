/**
 * A survey campaign's report (issue 12) in Chromium (see harness.ts), on the demo. The demo has no
 * campaign yet, so the organization department's liaison makes one through the API inside the
 * browser (create on seed000-v1, open, issue 30 tokens) and 30 answer sheets are posted to the
 * public answering endpoint, with varied answers (synthetic, seeded) and a rank band of only three
 * respondents. Then the committee chair reads the report, in Chinese and in English: the model's
 * boxes, the gap and forest charts drawn, the reliability table with every scale and its items,
 * the small rank band (and its complement) hidden with the threshold sentence and no number, the
 * free text at its threshold; axe finds nothing serious; at 390 px nothing scrolls sideways; the
 * print layout is shot too. A second campaign of three responses shows only the threshold sentence.
 *
 * The demo store holds no instrument yet (the integrator installs the shipped ones at start-up):
 * when seed000-v1 is missing, the test installs it into its copy of the store first.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport } from '../src/api/index.js';
import { today } from '../src/app/context.js';
import { DEMO_JURISDICTIONS } from '../src/app/demo.js';
import { installInstruments, loadInstrument } from '../src/app/evaluation/instruments.js';
import { units } from '../src/app/tables.js';
import { scaleSpecOf, shippedInstrument } from '../src/evaluation/instrument.js';
import { synthesize } from '../src/evaluation/synthetic.js';
import {
  axeViolations,
  expectFits,
  PHONE,
  realProblems,
  settle,
  useBrowserWorld,
} from './harness.js';
import { eq } from 'drizzle-orm';

const w = useBrowserWorld();

const INSTRUMENT = 'seed000-v1';
const instrument = shippedInstrument(INSTRUMENT);
const spec = scaleSpecOf(instrument);

/** Optimism driven by two factors, one of them rated low (the seed's blocking factor). */
const PLANT = {
  levels: { toleranceAccountability: -1.2, politicalEnergy: 0.9 },
  weights: { toleranceAccountability: 0.7, politicalEnergy: 0.5 },
  supportLevel: 1.2,
  optimismLevel: -0.3,
  willingnessLevel: 0.4,
  common: 0.3,
  blankShare: 0.02,
};

interface Sheet {
  answers: Record<string, number | null>;
  demographics: Record<string, string>;
  openAnswers: Record<string, string>;
}

/** n sheets; the first three in the county-level band (under k = 5), the rest split between two. */
function sheets(n: number): Sheet[] {
  return synthesize(spec, instrument.demographics, PLANT, n, 2026).map((s, i): Sheet => ({
    answers: { ...s.answers },
    demographics: {
      ...s.demographics,
      rankBand: i < 3 ? 'countyUp' : i < 3 + Math.floor((n - 3) / 2) ? 'section' : 'staff',
    },
    openAnswers:
      i % 4 === 0 ? { biggestObstacle: `容错认定标准不够明确，基层把握有难度（${i}）。` } : {},
  }));
}

/**
 * Run inside the browser as the signed-in liaison: create a campaign, open it, issue tokens and
 * post each sheet to /api/survey/:token. Returns the campaign's id.
 */
async function campaignThroughTheBrowser(
  page: Page,
  input: { title: string; unitId: string; opensOn: string; closesOn: string; sheets: Sheet[] },
): Promise<string> {
  return page.evaluate(
    async ({ title, unitId, opensOn, closesOn, sheets, jurisdictionId, instrumentId }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const post = async (path: string, body: unknown) => {
        const res = await fetch(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return res.json() as Promise<Record<string, unknown>>;
      };
      const made = await post('/api/evaluation/campaigns', {
        jurisdictionId,
        title,
        instrumentId,
        invitedUnitIds: [unitId],
        invitedCount: 60,
        opensOn,
        closesOn,
      });
      const id = made['id'] as string;
      await post(`/api/evaluation/campaigns/${id}/open`, { expectedVersion: made['version'] });
      const issued = await post(`/api/evaluation/campaigns/${id}/tokens`, {
        count: sheets.length,
      });
      const tokens = issued['tokens'] as string[];
      for (const [i, token] of tokens.entries()) await post(`/api/survey/${token}`, sheets[i]);
      return id;
    },
    { ...input, jurisdictionId: DEMO_JURISDICTIONS.area.id, instrumentId: INSTRUMENT },
  );
}

let campaignId = '';
let smallCampaignId = '';

beforeAll(async () => {
  const db = w.app.ctx.store.db;
  const installed = await loadInstrument(db, INSTRUMENT).then(
    () => true,
    () => false,
  );
  // The demo store lacks the shipped instruments until start-up installs them (see the header).
  if (!installed) await installInstruments(w.app.ctx, [instrument]);
  const [unit] = await db
    .select()
    .from(units)
    .where(eq(units.jurisdictionId, DEMO_JURISDICTIONS.area.id))
    .limit(1);
  const page = await w.newPage();
  await page.goto(w.url + '/workbench');
  await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
  await page.getByRole('button', { name: /退\s*出|Sign out/ }).waitFor();
  const day = today(w.app.ctx);
  const days = { unitId: unit!.id, opensOn: day, closesOn: plusDays(day, 30) };
  campaignId = await campaignThroughTheBrowser(page, {
    ...days,
    title: 'X新区2026年度容错纠错机制实施情况问卷调查',
    sheets: sheets(30),
  });
  smallCampaignId = await campaignThroughTheBrowser(page, {
    ...days,
    title: 'X新区2026年度容错纠错机制实施情况问卷调查（试点单位）',
    sheets: sheets(3),
  });
  await page.context().close();
}, 180_000);

function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const T = {
  zh: {
    notValidated: '本问卷尚未经过实地检验，分析结果仅供参考',
    hidden: '不足 5 人，不予显示',
    hiddenComplement: '为防推算，不予显示',
    gapTest: /均值比.*均值(高|低) \d+\.\d\d 分.*配对 t 检验：t\(\d+\) = -?\d+\.\d\d，p.*d_z = /,
    notReportable: '答卷不足 5 份，不予分析。',
    responses: /邀请 60 人，回收有效答卷 30 份，回收率 50\.0%/,
    parallel: /平行分析建议提取 \d+ 个因子/,
    noStructure: /平行分析未能得出因子结构/,
  },
  en: {
    notValidated:
      'This instrument has not been validated in the field; the results are indicative only',
    hidden: 'Fewer than 5: not shown',
    hiddenComplement: 'Hidden so that a small group cannot be worked out',
    gapTest:
      /The mean of .* is \d+\.\d\d points (higher|lower) than .*Paired t-test: t\(\d+\) = -?\d+\.\d\d, p.*d_z = /,
    notReportable: 'Fewer than 5 responses: no analysis is given.',
    responses: /30 responses from 60 invited \(response rate 50\.0%\)/,
    parallel: /Parallel analysis suggests \d+ factors/,
    noStructure: /Parallel analysis gave no factor structure/,
  },
} as const;

async function chairOn(lang: 'zh' | 'en', id: string): Promise<Page> {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  // Signed out, the address asked for shows the sign-in page, then the report once signed in.
  await page.goto(`${w.url}/evaluation/campaigns/${id}/report`);
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'chair', 'demo-committee_chair-2025');
  await page.getByTestId('evaluation-report').waitFor();
  await settle(page);
  return page;
}

async function reportOf(page: Page, id: string): Promise<CampaignReport> {
  return page.evaluate(
    async (path) => (await fetch(path)).json() as Promise<CampaignReport>,
    `/api/evaluation/campaigns/${id}/report`,
  );
}

/** Every chart is drawn: a canvas of some size in its box. */
async function expectCharts(page: Page, testIds: readonly string[]): Promise<void> {
  for (const id of testIds) {
    const canvas = page.getByTestId(id).locator('canvas');
    await canvas.first().waitFor();
    const box = await canvas.first().boundingBox();
    expect(box?.width ?? 0, id).toBeGreaterThan(100);
    expect(box?.height ?? 0, id).toBeGreaterThan(100);
  }
}

async function readsTheReport(lang: 'zh' | 'en'): Promise<void> {
  const page = await chairOn(lang, campaignId);
  const t = T[lang];
  const report = await reportOf(page, campaignId);
  expect(report).toMatchObject({ n: 30, reportable: true });
  const analysis = report.analysis!;

  await page.getByTestId('validation-note').getByText(t.notValidated).waitFor();
  await page.getByTestId('report-head').getByText(t.responses).waitFor();

  // The model: one box per factor of the instrument, each with its mean.
  const factorIds = instrument.dimensions.flatMap((d) => d.factors.map((f) => f.id));
  await expect
    .poll(() => page.locator('[data-testid^="model-factor-"]').count())
    .toBe(factorIds.length);
  const politicalMean = analysis.factors.find((f) => f.id === 'politicalEnergy')!.mean!;
  await page
    .getByTestId('model-factor-politicalEnergy')
    .getByText(politicalMean.toFixed(2))
    .waitFor();

  await expectCharts(page, [
    'chart-gap',
    ...analysis.regressions.map((r) => `chart-forest-${r.outcome}`),
  ]);
  expect(analysis.regressions.length).toBe(2);
  await expect.poll(() => page.getByTestId('gap-test').textContent()).toMatch(t.gapTest);

  // Reliability: a row per scale (factors and outcomes), with its alpha; items on expanding.
  const rows = page.getByTestId('reliability-table').locator('tr[data-row-key]');
  await expect.poll(() => rows.count()).toBe(spec.factors.length);
  for (const f of analysis.factors) {
    const row = page.getByTestId('reliability-table').locator(`tr[data-row-key="${f.id}"]`);
    await row.getByText(f.alpha!.toFixed(3), { exact: true }).first().waitFor();
  }
  await page
    .getByTestId('reliability-table')
    .locator('tr[data-row-key="support"]')
    .getByRole('button')
    .first()
    .click();
  await expect
    .poll(() => page.getByTestId('items-support').locator('tr[data-row-key]').count())
    .toBe(spec.factors.find((f) => f.id === 'support')!.items.length);
  // Parallel analysis, or (when the correlations cannot bear it) why not, in the notes.
  if (analysis.structure !== null) {
    await page.getByTestId('parallel-analysis').getByText(t.parallel).waitFor();
  } else {
    await page.getByTestId('structure').getByText(t.noStructure).waitFor();
    const why = analysis.notes.find((n) => n.what === 'parallel analysis' || n.what === 'EFA');
    if (why)
      await page.getByTestId('analysis-notes').getByText(why[lang], { exact: false }).waitFor();
  }

  // The rank band of three is hidden, and its complement with it: the sentence, never a number.
  const ranks = report.breakdowns.find((b) => b.id === 'rankBand')!;
  expect(ranks.groups.filter((g) => g.n === null).length).toBe(2);
  const hidden = page.getByTestId('breakdown-rankBand').getByTestId('hidden-group');
  await expect.poll(() => hidden.count()).toBe(2);
  // One is under k; the other is hidden beside it so that the total cannot give it back.
  expect((await hidden.allTextContents()).sort()).toEqual([t.hidden, t.hiddenComplement].sort());

  // Free text: 30 responses reach the threshold of 10.
  expect(report.openAnswers).not.toBeNull();
  await page
    .getByTestId('open-answers')
    .getByText(/容错认定标准不够明确/)
    .first()
    .waitFor();

  expect(await axeViolations(page)).toEqual([]);
  await w.shot(page, `evaluation-report-${lang}`);

  await page.setViewportSize(PHONE);
  await expectFits(page);
  await w.shot(page, `evaluation-report-${lang}-phone`);
  if (lang === 'zh') {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ media: 'print' });
    await w.shot(page, 'evaluation-report-zh-print');
  }
  expect(realProblems(w.problems)).toEqual([]);
}

describe('a campaign’s report', () => {
  it('zh: the chair reads every section, the small group hidden', async () => {
    await readsTheReport('zh');
  }, 150_000);

  it('en: the same report in English, on a phone too', async () => {
    await readsTheReport('en');
  }, 150_000);

  it('under k responses: the threshold sentence and nothing else', async () => {
    const page = await chairOn('zh', smallCampaignId);
    await page.getByTestId('not-reportable').getByText(T.zh.notReportable).waitFor();
    expect(await page.getByTestId('model-diagram').count()).toBe(0);
    expect(await page.getByTestId('reliability-section').count()).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-report-under-k');
    expect(realProblems(w.problems)).toEqual([]);
  }, 60_000);
});
