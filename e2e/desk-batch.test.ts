/**
 * Batch work on the case desk in a real browser (see harness.ts): the investigator ticks several
 * facts as the applicant stated them and confirms them in one step, then uploads a file by
 * mistake and removes it (struck through, with the reason); the same screens in English.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

const rowsOf = (page: Page) => page.locator('[data-testid="case-table"] tbody tr.ant-table-row');
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });
const enabledTicks = (page: Page) =>
  page.getByTestId('case-facts').locator('tr.ant-table-row input[type=checkbox]:not([disabled])');

/** Clicks a button by its (Chinese) text; antd puts a space between two characters. */
async function press(scope: Page | Locator, text: string) {
  const spaced = new RegExp(`^${[...text].join('\\s*')}$`);
  await scope.getByRole('button', { name: spaced }).click();
}

describe('batch work on the case desk in Chromium', () => {
  it('confirms ticked facts at once and removes a wrongly uploaded file, in zh and en', async () => {
    const page = await w.newPage();
    pages.push(page);
    try {
      await batch(page);
    } catch (e) {
      for (const [i, p] of pages.entries()) {
        await p
          .screenshot({ path: join(SHOTS, `desk-batch-failure-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
      throw e;
    }
  }, 300_000);
});

/** Opens cases in verification until one has facts the applicant stated and nobody verified. */
async function caseWithStatedFacts(page: Page) {
  await page.goto(w.url + '/cases?state=verification');
  await rowsOf(page).first().waitFor();
  const n = await rowsOf(page).count();
  for (let i = 0; i < n; i++) {
    await page.goto(w.url + '/cases?state=verification');
    await rowsOf(page).nth(i).locator('a').first().click();
    await page.getByTestId('case-facts').waitFor();
    await page.getByTestId('action-record-fact').waitFor();
    if ((await enabledTicks(page).count()) >= 2) return;
  }
  throw new Error('no case in verification with two facts to confirm');
}

async function batch(page: Page) {
  // Signed in at the case list, the user stays there (at '/', sign-in lands on the workbench).
  await page.goto(w.url + '/cases');
  await w.signIn(page, 'investigator', 'demo-investigator-2025');
  await page.getByRole('heading', { name: '案件' }).waitFor();
  await caseWithStatedFacts(page);
  const facts = page.getByTestId('case-facts');

  // Nothing ticked: the button says what to do first and does nothing.
  const button = page.getByTestId('action-confirm-facts');
  expect(await button.isDisabled()).toBe(true);
  const rows = facts.locator('tr.ant-table-row', {
    has: page.locator('input[type=checkbox]:not([disabled])'),
  });
  const names = [
    (await rows.nth(0).locator('td').nth(1).innerText()).trim(),
    (await rows.nth(1).locator('td').nth(1).innerText()).trim(),
  ];
  await rows.nth(0).locator('input[type=checkbox]').check();
  await rows.nth(1).locator('input[type=checkbox]').check();
  await expect.poll(() => button.innerText()).toContain('确认所选事实（2）');
  await button.click();
  const confirm = dialog(page, '确认所选事实');
  await expect
    .poll(() => confirm.getByTestId('confirm-facts-list').innerText())
    .toContain(names[0]);
  expect(await confirm.getByTestId('confirm-facts-list').innerText()).toContain(names[1]);
  await confirm.getByLabel('依据与说明').fill('经调阅会议纪要核实，与陈述一致。');
  await press(confirm, '提交');
  for (const name of names) {
    await expect
      .poll(() => facts.locator('tr', { hasText: name }).first().innerText())
      .toContain('核实认定');
  }
  await page.getByTestId('case-timeline').getByText('核实确认事实').first().waitFor();
  await w.shot(page, 'facts-confirmed-zh');

  // A file uploaded by mistake, removed with the reason: struck through, kept on the record.
  const evidence = page.getByTestId('case-evidence');
  await evidence.locator('input[type=file]').setInputFiles({
    name: '误传的文件.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('与本案无关的文件。\n', 'utf8'),
  });
  await press(evidence, '上传文件');
  const row = evidence.locator('tr', { hasText: '误传的文件.txt' });
  await row.getByTestId('evidence-link').waitFor();
  await row.getByTestId('action-remove-evidence').click();
  const remove = dialog(page, '撤除证据材料“误传的文件.txt”');
  await press(remove, '提交');
  await remove.getByText('请填写撤除理由').waitFor();
  await remove.getByLabel('撤除理由').fill('上传错了文件。');
  await press(remove, '提交');
  await press(page.locator('.ant-modal-confirm'), '确认');
  await row.getByTestId('evidence-withdrawn').waitFor();
  expect(await row.innerText()).toContain('上传错了文件。');
  expect(await row.getByTestId('evidence-link').count()).toBe(0);
  await page.getByTestId('case-timeline').getByText('撤除证据材料').first().waitFor();
  await w.shot(page, 'evidence-removed-zh');
  expect(await axeViolations(page)).toEqual([]);

  // English.
  await page.getByText('English', { exact: true }).click();
  await page.getByText('Removed', { exact: true }).first().waitFor();
  await page.getByText('Confirm selected facts (0)').waitFor();
  await page.getByText('Facts confirmed as verified').first().waitFor();
  await w.shot(page, 'desk-batch-en');
  expect(await axeViolations(page)).toEqual([]);
  expect(realProblems(w.problems)).toEqual([]);
}
