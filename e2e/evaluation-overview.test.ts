/**
 * 各地区与历年对比 and 案卷指标 (issue 12) in Chromium (see harness.ts), on the demo's evaluation:
 * A City's liaison, who oversees X New Area too, goes from 政策执行评估 to the overview — X New
 * Area's two yearly waves as a trend, its quick check under k showing its count and the threshold
 * sentence only, this year's surveys side by side with each mean as the API gives it — opens a
 * wave's report (its Excel workbook button answers a workbook), then the case-record indicators:
 * grouped by factor, each formula on screen, a row opened to its definition, X New Area and a
 * quarter chosen, the values as the API gives them, the jurisdictions side by side as well. axe finds nothing serious; at 390 px nothing
 * scrolls sideways. A short English pass checks the texts. Screenshots:
 * test-artifacts/screenshots/evaluation-overview-*.png, evaluation-indicators-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EvaluationOverview, IndicatorsReport } from '../src/api/index.js';
import { DEMO_JURISDICTIONS } from '../src/app/demo.js';
import { INDICATORS } from '../src/evaluation/indicator-definitions.js';
import {
  axeViolations,
  expectFits,
  PHONE,
  realProblems,
  settle,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();

/** The indicator whose formula, definition and figures the test reads. */
const rate = INDICATORS.find((d) => d.id === 'toleranceRate')!;
const AREA = DEMO_JURISDICTIONS.area.id;
const CITY = DEMO_JURISDICTIONS.city.id;

const T = {
  zh: {
    overview: '各地区与历年对比',
    indicators: '案卷指标',
    hidden: '不足 5 人，不予显示',
    workbook: '下载 Excel 工作簿',
    group: '实施过程 · 政策协调',
  },
  en: {
    overview: 'Jurisdictions and years',
    indicators: 'Case-record indicators',
    hidden: 'Fewer than 5: not shown',
    workbook: 'Download Excel workbook',
    group: 'Implementation process · Policy coordination',
  },
} as const;

async function signedIn(lang: 'zh' | 'en'): Promise<Page> {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  await page.goto(`${w.url}/evaluation`);
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'city-liaison', 'demo-org_liaison-2025');
  await page.getByTestId('campaign-table').waitFor();
  return page;
}

async function get<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json() as Promise<T>, path);
}

/** The text of a table cell by row key and column (1-based, after any expand column). */
function cell(page: Page, table: string, rowKey: string, column: number) {
  return page.getByTestId(table).locator(`tr[data-row-key="${rowKey}"] > td`).nth(column);
}

async function readsTheOverview(page: Page): Promise<EvaluationOverview['campaigns']> {
  await page.getByTestId('eval-nav-overview').click();
  await page.getByTestId('compare-table').waitFor();
  await settle(page);
  const { campaigns } = await get<EvaluationOverview>(page, '/api/evaluation/overview');
  const area = campaigns.filter((c) => c.jurisdiction.id === AREA);
  // Two yearly waves with figures make X New Area's trend; the quick check is under k.
  expect(area.filter((c) => c.reportable).length).toBe(2);
  const trend = page.getByTestId(`trend-${AREA}`);
  await expect.poll(() => trend.locator('tr[data-row-key]').count()).toBe(area.length);
  expect(await trend.getByTestId('chart-trend').locator('canvas').count()).toBe(1);
  const small = area.find((c) => !c.reportable && c.n > 0)!;
  const smallRow = trend.locator(`tr[data-row-key="${small.campaignId}"]`);
  await smallRow.getByTestId('wave-hidden').waitFor();
  expect(await smallRow.textContent()).toContain(String(small.n));
  await page.getByTestId(`trend-${CITY}`).getByTestId('chart-trend').waitFor();

  // This year side by side: every reportable survey's mean of the blocking factor, as the API says.
  const year = campaigns
    .filter((c) => c.reportable)
    .map((c) => c.opensOn.slice(0, 4))
    .sort()
    .at(-1)!;
  const thisYear = campaigns.filter((c) => c.opensOn.startsWith(year) && c.state !== 'draft');
  const row = page
    .getByTestId('compare-table')
    .locator('tr[data-row-key="scale:toleranceAccountability"]');
  for (const c of thisYear.filter((c) => c.reportable)) {
    await row.getByText(c.means!['toleranceAccountability']!.toFixed(2), { exact: true }).waitFor();
  }
  await expect
    .poll(() => page.getByTestId('compare-table').getByTestId('compare-hidden').count())
    .toBe(thisYear.filter((c) => !c.reportable).length);
  expect(await page.getByTestId('chart-compare').locator('canvas').count()).toBe(1);
  return campaigns;
}

async function readsTheIndicators(page: Page, lang: 'zh' | 'en'): Promise<void> {
  await page.getByTestId('eval-nav-indicators').click();
  await page.getByTestId('indicator-table').waitFor();
  await settle(page);
  const table = page.getByTestId('indicator-table');
  await table.getByText(T[lang].group, { exact: true }).waitFor();
  await table.getByText(rate.formula[lang], { exact: true }).waitFor();
  const factors = new Set(INDICATORS.map((d) => d.factor));
  expect(await table.locator('tr.rc-indicators-group').count()).toBe(factors.size);
  await table.locator('tr[data-row-key="toleranceRate"]').getByRole('button').first().click();
  await page.getByTestId('detail-toleranceRate').getByText(rate.definition[lang]).waitFor();
}

/** The tolerance rate's value and its parts on screen, as the API gives them for `query`. */
async function showsToleranceAsTheApi(page: Page, query: string) {
  const report = await get<IndicatorsReport>(page, `/api/evaluation/indicators?${query}`);
  const tolerance = report.total.find((v) => v.id === 'toleranceRate')!;
  const value =
    tolerance.value === null ? '分母为零，不予计算' : `${(tolerance.value * 100).toFixed(1)}%`;
  await expect
    .poll(() => cell(page, 'indicator-table', 'toleranceRate', 2).textContent())
    .toBe(value);
  await expect
    .poll(() => cell(page, 'indicator-table', 'toleranceRate', 3).textContent())
    .toBe(`${tolerance.numerator} / ${tolerance.denominator}`);
  return tolerance;
}

/** The jurisdictions side by side: each one's tolerance rate as the API gives it, "—" with none. */
async function showsJurisdictionsAsTheApi(page: Page, query: string) {
  const report = await get<IndicatorsReport>(page, `/api/evaluation/indicators?${query}`);
  const rates = report.jurisdictions.map((j) => ({
    id: j.id,
    value: j.indicators.find((v) => v.id === 'toleranceRate')!.value,
  }));
  for (const { id, value } of rates) {
    const text = () => page.getByTestId(`jvalue-${id}-toleranceRate`).textContent();
    if (value === null) await expect.poll(async () => (await text())?.[0]).toBe('—');
    else await expect.poll(text).toBe(`${(value * 100).toFixed(1)}%`);
  }
  return rates;
}

async function fitsOnAPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await expectFits(page);
  await w.shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('campaigns side by side and the case-record indicators', () => {
  it('zh: trends, this year side by side, a report’s workbook, the indicators', async () => {
    const page = await signedIn('zh');
    const campaigns = await readsTheOverview(page);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-overview-zh');
    await fitsOnAPhone(page, 'evaluation-overview-zh');

    // A wave's report, from its row: the workbook button beside print answers a workbook.
    const wave = campaigns.find((c) => c.reportable && c.jurisdiction.id === CITY)!;
    await page.getByTestId(`trend-${CITY}`).getByRole('link', { name: wave.title }).click();
    const button = page.getByTestId('report-xlsx');
    await button.getByText(T.zh.workbook).waitFor();
    const href = (await button.getAttribute('href'))!;
    expect(href).toBe(`/api/evaluation/campaigns/${wave.campaignId}/report.xlsx?lang=zh`);
    const answer = await page.request.get(w.url + href);
    expect(answer.headers()['content-type']).toMatch(/spreadsheetml/);
    await page.goBack();

    await readsTheIndicators(page, 'zh');
    // The whole scope this year: the demo's determinations give the tolerance rate a value.
    expect((await showsToleranceAsTheApi(page, '')).value).not.toBeNull();
    const rates = await showsJurisdictionsAsTheApi(page, '');
    expect(rates.find((r) => r.id === AREA)?.value).not.toBeNull();
    // X New Area, the third quarter: the scope sentence and the values as the API gives them.
    await page.locator('.rc-indicators-jurisdiction').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'X新区' }).click();
    await page.getByTestId('indicators-mode').click();
    await page.locator('.ant-select-item-option', { hasText: '按季度' }).click();
    await page.getByTestId('indicators-quarter').click();
    await page.locator('.ant-select-item-option', { hasText: '第三季度' }).click();
    await page.getByTestId('indicators-submit').click();
    const year = new Date().getFullYear();
    const query = `jurisdiction=${AREA}&from=${year}-07-01&to=${year}-09-30`;
    await expect.poll(() => new URL(page.url()).search).toBe(`?${query}`);
    await page
      .getByTestId('indicator-scope')
      .getByText(`统计范围：X新区（含下级辖区）；统计期：${year}-07-01 至 ${year}-09-30。`)
      .waitFor();
    await showsToleranceAsTheApi(page, query);
    expect((await showsJurisdictionsAsTheApi(page, query))[0]?.id).toBe(AREA);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-indicators-zh');
    await fitsOnAPhone(page, 'evaluation-indicators-zh');
    expect(realProblems(w.problems)).toEqual([]);
  }, 120_000);

  it('en: the same screens in English', async () => {
    const page = await signedIn('en');
    await readsTheOverview(page);
    await page.getByRole('heading', { name: T.en.overview }).waitFor();
    await page.getByTestId(`trend-${AREA}`).getByText(T.en.hidden).waitFor();
    await readsTheIndicators(page, 'en');
    await page.getByRole('heading', { name: T.en.indicators }).waitFor();
    await w.shot(page, 'evaluation-indicators-en');
    expect(realProblems(w.problems)).toEqual([]);
  }, 90_000);
});
