/**
 * The organization department's result-application ledger (结果运用台账) in Chromium (see
 * harness.ts), on the demo, in Chinese and in English: the org liaison opens it from the menu,
 * filters by unit (the tree picker) and by the period decided (from the address), sees the rows
 * the API gives, downloads the Excel workbook (opened here with exceljs, its rows compared with
 * the JSON) and the CSV and LRMX files; at 390 px the screen does not scroll sideways (the table
 * scrolls inside its card). axe on the screen.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResultItem, ResultsPage } from '../src/api/results.js';
import { RESULT_COLUMNS } from '../src/app/queries/results-export.js';
import {
  axeViolations,
  expectFits,
  PHONE,
  realProblems,
  SHOTS,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();

type Lang = 'zh' | 'en';
const T = {
  zh: {
    menu: '结果运用台账',
    heading: '容错纠错认定结果运用台账',
    title: '容错纠错认定结果运用情况',
  },
  en: {
    menu: 'Result applications',
    heading: 'Result applications of tolerance determinations',
    title: 'Result applications of tolerance determinations',
  },
} as const;

/** Polls long enough for a busy machine. */
const POLL = { timeout: 20_000 };

const rowsOf = (page: Page) => page.locator('[data-testid="results-table"] tbody tr.ant-table-row');

/** The table's document numbers (column 7) once it has settled. */
async function documentNumbers(page: Page): Promise<string[]> {
  if ((await page.locator('[data-testid="results-table"] .ant-spin-spinning').count()) > 0)
    return [];
  return rowsOf(page).locator('td:nth-child(7)').allInnerTexts();
}

/** The rows the API gives for `query`, with the page's own session. */
async function apiRows(page: Page, query: string): Promise<readonly ResultItem[]> {
  const res = await page.request.get(`${w.url}/api/results?pageSize=100&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as ResultsPage).items;
}

async function download(page: Page, testId: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

async function ledger(lang: Lang) {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  try {
    await page.goto(w.url + '/workbench');
    if (lang === 'en') await page.getByText('English', { exact: true }).click();
    await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
    await page.getByTestId('workbench').waitFor();
    // From the menu; where the English labels do not all fit, from its overflow (···).
    const item = page.getByRole('menuitem', { name: T[lang].menu });
    if (!(await item.isVisible())) await page.locator('.ant-menu-overflow-item-rest').hover();
    await item.click();
    await page.getByRole('heading', { name: T[lang].heading }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/results');
    const all = await apiRows(page, '');
    expect(all.length).toBeGreaterThan(0);
    await expect
      .poll(() => documentNumbers(page), POLL)
      .toEqual(all.slice(0, 20).map((r) => r.documentNumber));

    // Filter by the unit of the first row, picked in the tree by its name.
    const unit = all[0]!.unit;
    await page.locator('.rc-results-unit').click();
    await page.keyboard.type(unit.name[lang]);
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: unit.name[lang] })
      .first()
      .click();
    await page.getByTestId('results-submit').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unit'), POLL).toBe(unit.id);
    const inUnit = await apiRows(page, `unit=${unit.id}`);
    expect(inUnit.length).toBeGreaterThan(0);
    expect(inUnit.length).toBeLessThanOrEqual(all.length);
    await expect
      .poll(() => documentNumbers(page), POLL)
      .toEqual(inUnit.map((r) => r.documentNumber));

    // The period decided, from a bookmarked address: the picker shows it, the table follows.
    const from = inUnit[0]!.decidedOn;
    await page.goto(`${w.url}/results?unit=${unit.id}&from=${from}`);
    const period = await apiRows(page, `unit=${unit.id}&from=${from}`);
    await expect
      .poll(() => documentNumbers(page), POLL)
      .toEqual(period.map((r) => r.documentNumber));
    expect(await page.locator('.rc-results-range input').first().inputValue()).toBe(from);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, `results-${lang}`);

    // The workbook: the same rows as the JSON.
    const xlsx = await download(page, 'results-export-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell(1, 1).value)).toBe(T[lang].title);
    expect(sheet.getRow(3).values).toEqual([undefined, ...RESULT_COLUMNS.map((c) => c[lang])]);
    expect(sheet.rowCount - 3).toBe(period.length);
    period.forEach((r, i) => {
      const row = sheet.getRow(4 + i);
      expect(row.getCell(2).value).toBe(r.official.name);
      expect(row.getCell(4).value).toBe(r.unit.name[lang]);
      expect(row.getCell(8).value).toBe(r.documentNumber);
      expect(row.getCell(16).value).toBe(r.appointmentForm.rewardsAndPenalties[lang]);
    });

    // CSV and the appointment form's LRMX data.
    const csv = await download(page, 'results-export-csv');
    expect(csv.name).toMatch(/\.csv$/);
    const csvText = readFileSync(csv.path, 'utf8');
    expect(csvText.startsWith('\uFEFF' + RESULT_COLUMNS.map((c) => c[lang]).join(','))).toBe(true);
    const lrmx = await download(page, 'results-export-lrmx');
    expect(lrmx.name).toMatch(/\.lrmx$/);
    const xml = readFileSync(lrmx.path, 'utf8');
    expect(xml.match(/<Person>/g)).toHaveLength(period.length);
    expect(xml).toContain(`<XingMing>${period[0]!.official.name}</XingMing>`);

    // On a phone: no sideways scrolling; the table scrolls inside its card.
    await page.setViewportSize(PHONE);
    await expectFits(page);
    await w.shot(page, `results-phone-${lang}`);
    expect(realProblems(w.problems)).toEqual([]);
  } catch (e) {
    await page
      .screenshot({ path: join(SHOTS, `results-${lang}-failure.png`), fullPage: true })
      .catch(() => undefined);
    throw e;
  }
}

describe('the result-application ledger in Chromium', () => {
  it('in Chinese: the liaison filters, downloads the Excel workbook, and it fits a phone', async () => {
    await ledger('zh');
  }, 300_000);

  it('in English: the same', async () => {
    await ledger('en');
  }, 300_000);
});
