/**
 * Finding and taking away, in a real browser (see harness.ts): the intake officer finds 张伟's
 * cases by identity card (typed with a lower-case x), narrows by unit and outcome, keeps the
 * filters in the address, exports the list to Excel (opened here with exceljs: title row,
 * headers, one row per case); finds by the day of acceptance (受理日期) from a bookmarked
 * address, the date field showing it and the export's column filled; opens a case's approval form
 * (呈批表) with its number and sections; printing hides the menu and the buttons; takes the
 * workbench's tasks away as Excel, also on a phone (390 px). Then the same in English.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exportHeaders } from '../src/app/queries/case-export.js';
import { DEFAULT_PAGE_SIZE } from '../src/shared/limits.js';
import { todoExportHeaders } from '../src/app/queries/todos-export.js';
import { DEMO_ZHANG_WEI_ID_CARD } from '../src/app/demo-data.js';
import { axeViolations, expectFits, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

const rowsOf = (page: Page) => page.locator('[data-testid="case-table"] tbody tr.ant-table-row');

/** The rows' text in one column (1-based) once the table has settled. */
async function column(page: Page, n: number): Promise<string[]> {
  if ((await page.locator('[data-testid="case-table"] .ant-spin-spinning').count()) > 0) return [];
  return rowsOf(page).locator(`td:nth-child(${n})`).allInnerTexts();
}

/** The case numbers the API gives for the same filters (the page's own session). */
async function apiNumbers(page: Page, query: string): Promise<string[]> {
  const res = await page.request.get(`${w.url}/api/cases?pageSize=100&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { number: string }[] }).items.map((i) => i.number);
}

async function failing(name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await p
        .screenshot({ path: join(SHOTS, `${name}-failure-${i}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw e;
  }
}

describe('finding and taking away in Chromium', () => {
  it('in Chinese: ID card, unit, outcome; Excel; the approval form; print', async () => {
    const page = await w.newPage();
    pages.push(page);
    await failing('find-zh', () => findInChinese(page));
  }, 300_000);

  it('in English: the finding bar, the export and the approval form', async () => {
    const page = await w.newPage({ locale: 'en-US' });
    pages.push(page);
    await failing('find-en', () => findInEnglish(page));
  }, 300_000);
});

/** Picks a unit in the finding bar's tree by typing part of its name. */
async function pickUnit(page: Page, typed: string, name: string) {
  await page.locator('.rc-find-unit').click();
  await page.keyboard.type(typed);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', {
      hasText: name,
    })
    .first()
    .click();
  await expect.poll(() => page.locator('.rc-find-unit').innerText()).toContain(name);
}

async function findInChinese(page: Page) {
  await page.goto(w.url + '/cases');
  await w.signIn(page, 'intake', 'demo-intake-2025');
  await rowsOf(page).first().waitFor();

  // By identity card, typed with a lower-case x: only 张伟's cases, the number never shown.
  const idCard = page.getByLabel('居民身份证号码');
  await idCard.fill('3301101980031510'); // too short: said at once
  await page.getByTestId('find-submit').click();
  await page.getByText('居民身份证号码应为 18 位').waitFor();
  await idCard.fill(DEMO_ZHANG_WEI_ID_CARD.toLowerCase());
  await page.getByTestId('find-submit').click();
  await expect.poll(() => page.url()).toContain(`idCard=${DEMO_ZHANG_WEI_ID_CARD}`);
  const byCard = await apiNumbers(page, `idCard=${DEMO_ZHANG_WEI_ID_CARD}`);
  expect(byCard.length).toBeGreaterThan(0);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(byCard);
  expect(new Set(await column(page, 3))).toEqual(new Set(['张伟']));
  expect(await page.locator('body').innerText()).not.toContain(DEMO_ZHANG_WEI_ID_CARD.slice(4, 14));

  // By unit (招商服务科 in the tree), the identity card cleared; then with the outcome.
  await page.getByTestId('find-reset').click();
  await expect.poll(() => page.url()).not.toContain('idCard=');
  await pickUnit(page, '招商服务科', '招商服务科');
  await page.getByTestId('find-submit').click();
  await expect.poll(() => page.url()).toContain('unitId=');
  const unitId = new URL(page.url()).searchParams.get('unitId');
  expect(unitId).toMatch(/^[0-9a-f-]{36}$/);
  const inUnit = await apiNumbers(page, `unitId=${unitId}`);
  expect(inUnit.length).toBeGreaterThan(0);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(inUnit);
  await page.locator('.rc-find-outcome').click();
  await page.locator('.ant-select-item-option', { hasText: '免予问责' }).first().click();
  await page.getByTestId('find-submit').click();
  await expect.poll(() => page.url()).toContain('outcome=exempted');
  expect(new URL(page.url()).searchParams.get('unitId')).toBe(unitId);
  const both = await apiNumbers(page, `unitId=${unitId}&outcome=exempted`);
  expect(both.every((n) => inUnit.includes(n))).toBe(true);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(both);

  // Bookmarked: the address alone gives the list (the outcome over the whole district).
  await page.goto(`${w.url}/cases?outcome=exempted`);
  const expected = await apiNumbers(page, 'outcome=exempted');
  expect(expected.length).toBeGreaterThan(0);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(expected);
  await w.shot(page, 'find-filters-zh');
  expect(await axeViolations(page)).toEqual([]);

  // Excel: the filtered list, downloaded and opened.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('case-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const sheet = await openWorkbook(await download.path());
  expect(String(sheet.getCell(1, 1).value)).toBe('容错纠错案件清单');
  expect(String(sheet.getCell(2, 1).value)).toContain('认定结论：免予问责');
  expect(sheet.getRow(3).values).toEqual([undefined, ...exportHeaders('zh')]);
  expect(sheet.rowCount - 3).toBe(expected.length);
  expect(sheet.getCell(4, 2).value).toBe(expected[0]);

  await findByAcceptance(page, 'zh');
  await page.goto(`${w.url}/cases?outcome=exempted`);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(expected);

  // The approval form of the first case, from the case page.
  await rowsOf(page).first().locator('td:nth-child(1) a').click();
  await page.getByTestId('approval-form-link').click();
  await page.getByTestId('approval-form').waitFor();
  expect(await page.getByTestId('approval-number').innerText()).toBe(expected[0]);
  for (const section of [
    '容错纠错事项呈批表',
    '申请人（当事人）',
    '事由摘要',
    '核实情况',
    '征求意见情况',
    '认定机构意见（建议结论）',
    '承办人及承办部门意见',
    '分管领导审核意见',
    '主要领导审批意见',
  ]) {
    await page.getByText(section, { exact: true }).first().waitFor();
  }
  expect(await page.getByTestId('approval-conclusion').innerText()).toContain('免予问责');
  await w.shot(page, 'approval-form-zh');
  expect(await axeViolations(page)).toEqual([]);

  // Printed: no menu, no buttons, black text; the form itself stays.
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.rc-header').isVisible()).toBe(false);
  expect(await page.getByTestId('approval-print').isVisible()).toBe(false);
  expect(await page.getByTestId('approval-form').isVisible()).toBe(true);
  const color = await page
    .getByTestId('approval-number')
    .evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
        ).getComputedStyle(el).color,
    );
  expect(color).toBe('rgb(0, 0, 0)');
  await page
    .pdf({ path: join(SHOTS, 'approval-form-zh.pdf'), format: 'A4' })
    .catch(() => undefined);
  await page.emulateMedia({ media: 'screen' });
  expect(await page.locator('.rc-header').isVisible()).toBe(true);
  await exportWorkbench(page, 'zh');
  expect(realProblems(w.problems)).toEqual([]);
}

const ACCEPTED = { from: '2024-01-01', to: '2026-12-31' };

/**
 * The day of acceptance: a bookmarked range gives the API's list, the date field says which day
 * it filters by, a case not accepted yet is never found, and the export fills the column.
 */
async function findByAcceptance(page: Page, lang: 'zh' | 'en') {
  const query = `acceptedFrom=${ACCEPTED.from}&acceptedTo=${ACCEPTED.to}`;
  await page.goto(`${w.url}/cases?${query}`);
  const expected = await apiNumbers(page, query);
  expect(expected.length).toBeGreaterThan(0);
  expect(await apiNumbers(page, `${query}&state=submitted`)).toEqual([]);
  // A range over every day of the demo: the longest list here, on a busy machine.
  await expect
    .poll(() => column(page, 1), { timeout: 20_000 })
    .toEqual(expected.slice(0, DEFAULT_PAGE_SIZE));
  const label = lang === 'zh' ? '受理日期' : 'Accepted on';
  expect(await page.locator('.rc-find-datefield').innerText()).toContain(label);
  await w.shot(page, `find-accepted-${lang}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('case-export').click(),
  ]);
  const sheet = await openWorkbook(await download.path());
  expect(String(sheet.getCell(2, 1).value)).toContain(ACCEPTED.to);
  const accepted = exportHeaders(lang).indexOf(label) + 1;
  expect(accepted).toBeGreaterThan(0);
  for (let r = 4; r <= sheet.rowCount; r++) {
    expect(sheet.getCell(r, accepted).value).toBeInstanceOf(Date);
  }
}

/**
 * The workbench's tasks as Excel: the button on the landing page, the workbook's rows those the
 * API lists; on a phone the button is there and nothing scrolls sideways.
 */
async function exportWorkbench(page: Page, lang: 'zh' | 'en') {
  await page.goto(`${w.url}/`);
  const res = await page.request.get(`${w.url}/api/todos`);
  const todos = (await res.json()) as { counts: { waiting: number } };
  expect(todos.counts.waiting).toBeGreaterThan(0);
  const button = page.getByTestId('todo-export');
  await button.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const sheet = await openWorkbook(await download.path());
  expect(String(sheet.getCell(1, 1).value)).toBe(lang === 'zh' ? '待办事项清单' : 'Tasks waiting');
  expect(sheet.getRow(3).values).toEqual([undefined, ...todoExportHeaders(lang)]);
  expect(sheet.rowCount - 3).toBe(todos.counts.waiting);
  // The button's tooltip, shown by the click, would stay where it was at desktop width.
  await page.mouse.move(0, 0);
  await expect.poll(() => page.locator('.ant-tooltip:visible').count()).toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await button.waitFor();
  expect(await button.isVisible()).toBe(true);
  await expectFits(page, 390);
  await w.shot(page, `workbench-export-phone-${lang}`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function findInEnglish(page: Page) {
  await page.goto(w.url + '/cases');
  await w.signIn(page, 'chair', 'demo-committee_chair-2025');
  await page.getByText('English', { exact: true }).click();
  await rowsOf(page).first().waitFor();
  await page.getByLabel('Identity card number').fill(DEMO_ZHANG_WEI_ID_CARD);
  await pickUnit(page, 'Investment Services', 'Investment Services Section');
  await page.getByTestId('find-submit').click();
  await expect.poll(() => page.url()).toContain('unitId=');
  const unitId = new URL(page.url()).searchParams.get('unitId');
  const expected = await apiNumbers(page, `idCard=${DEMO_ZHANG_WEI_ID_CARD}&unitId=${unitId}`);
  expect(expected.length).toBeGreaterThan(0);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(expected);
  expect(new Set(await column(page, 3))).toEqual(new Set(['张伟']));
  await w.shot(page, 'find-filters-en');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('case-export').click(),
  ]);
  const sheet = await openWorkbook(await download.path());
  expect(String(sheet.getCell(1, 1).value)).toBe('Tolerance cases');
  expect(sheet.getRow(3).values).toEqual([undefined, ...exportHeaders('en')]);
  expect(sheet.rowCount - 3).toBe(expected.length);
  const idColumn = exportHeaders('en').indexOf('Identity card number') + 1;
  expect(sheet.getCell(4, idColumn).value).toBe('3301**********105X');

  await findByAcceptance(page, 'en');
  await page.goto(`${w.url}/cases?idCard=${DEMO_ZHANG_WEI_ID_CARD}&unitId=${unitId}`);
  await expect.poll(() => column(page, 1), { timeout: 15_000 }).toEqual(expected);

  await rowsOf(page).first().locator('td:nth-child(1) a').click();
  await page.getByTestId('approval-form-link').click();
  await page.getByTestId('approval-form').waitFor();
  expect(await page.getByTestId('approval-number').innerText()).toBe(expected[0]);
  await page.getByText('Approval by the principal leader').waitFor();
  await page.getByText('Opinion of the deciding body (conclusion)').waitFor();
  await w.shot(page, 'approval-form-en');
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.rc-header').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });
  await exportWorkbench(page, 'en');
  expect(realProblems(w.problems)).toEqual([]);
}

async function openWorkbook(path: string): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}
