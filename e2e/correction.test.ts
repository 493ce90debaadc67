/**
 * Correction (纠错) in a real browser, on the demo (see harness.ts): the demo official finds their
 * overdue correction action on the workbench and submits it with a file; the organization
 * department's liaison finds it waiting for verification and returns it with reasons and a new
 * deadline; in English the liaison confirms another case's submitted action and records a talk;
 * the case page's correction card fits a 390 px phone.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PDF_FILE } from '../src/app/testing/files.js';
import { axeViolations, expectFits, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** Clicks a button by its text; antd puts a space between two Chinese characters. */
async function press(scope: Page | Locator, text: string) {
  const spaced = new RegExp(`^${[...text].join('\\s*')}$`);
  await scope.getByRole('button', { name: spaced }).click();
}

/** Opens the first case the workbench lists under `task`. */
async function openTask(page: Page, task: string): Promise<string> {
  const group = page.getByTestId(`todo-group-${task}`);
  await group.waitFor();
  await group.getByTestId('todo-item').first().locator('a').first().click();
  await page.getByTestId('case-correction').waitFor();
  return page.url();
}

describe('correction in Chromium', () => {
  it('the owner submits with a file, the liaison returns it; in English a confirmation and a talk; a phone', async () => {
    try {
      const caseUrl = await officialSubmits();
      await liaisonReturns(caseUrl);
      await liaisonConfirmsInEnglish();
      expect(realProblems(w.problems)).toEqual([]);
    } catch (e) {
      for (const [i, p] of pages.entries()) {
        await p
          .screenshot({ path: join(SHOTS, `correction-failure-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
      throw e;
    }
  }, 400_000);
});

async function officialSubmits(): Promise<string> {
  const page = await w.newPage();
  pages.push(page);
  await page.goto(w.url + '/');
  await w.signIn(page, 'official', 'demo-official-2025');
  const caseUrl = await openTask(page, 'submitCorrection');
  const card = page.getByTestId('case-correction');
  await card.getByText('已逾期').first().waitFor();
  await card.getByTestId('correction-submit-1').click();
  const submit = dialog(page, '报送整改情况');
  await submit.getByLabel('整改落实情况').fill('已向区委组织部提交书面情况说明和个人整改报告。');
  await submit.locator('input[type=file]').setInputFiles({
    name: '整改报告.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(PDF_FILE),
  });
  await submit.getByText('整改报告.pdf').waitFor();
  await press(submit, '提交');
  await expect.poll(() => card.getByTestId('action-state-1').innerText()).toContain('已报送');
  await card.getByTestId('correction-file').getByText('整改报告.pdf').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await w.shot(page, 'correction-submitted-zh');
  return caseUrl;
}

async function liaisonReturns(caseUrl: string) {
  const page = await w.newPage();
  pages.push(page);
  await page.goto(w.url + '/');
  await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
  await page.getByTestId('todo-group-verifyCorrection').waitFor();
  await page.goto(caseUrl);
  const card = page.getByTestId('case-correction');
  await card.getByTestId('correction-verify-1').click();
  const verify = dialog(page, '核实');
  await verify.getByTestId('verdict-not_confirmed').click();
  await verify.getByLabel('核实意见及理由').fill('整改报告未说明制度完善措施，请补充后重新报送。');
  await verify.getByLabel('重新整改时限（工作日）').fill('10');
  await press(verify, '提交');
  await expect.poll(() => card.getByTestId('action-state-1').innerText()).toContain('待整改');
  await card.getByText(/已退回 1 次/).waitFor();
  await page.getByTestId('case-timeline').getByText(/核实/).first().waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await w.shot(page, 'correction-returned-zh');
  // On a phone the card fits: its table scrolls inside it.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFits(page, 390);
  await w.shot(page, 'correction-phone-zh');
  await page.close();
}

async function liaisonConfirmsInEnglish() {
  const page = await w.newPage({ locale: 'en-US' });
  pages.push(page);
  await page.goto(w.url + '/');
  await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
  await page.getByText('English', { exact: true }).click();
  await openTask(page, 'verifyCorrection');
  const card = page.getByTestId('case-correction');
  const verify = card.locator('[data-testid^="correction-verify-"]').first();
  const seq = (await verify.getAttribute('data-testid'))!.replace('correction-verify-', '');
  await verify.click();
  const d = dialog(page, 'Verify');
  await d.getByTestId('verdict-confirmed').click();
  await d.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect.poll(() => card.getByTestId(`action-state-${seq}`).innerText()).toMatch(/Confirmed/);
  await card.getByTestId('correction-talk').click();
  const talk = dialog(page, 'Record a talk');
  await talk.getByLabel('Reminder talk').check();
  const held = talk.getByLabel('Date of the talk');
  await held.fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await held.press('Enter');
  await talk.getByLabel('Who took part').fill('Head of cadre supervision; the official');
  await talk.getByLabel('What was said').fill('Reminded to follow the review procedure strictly.');
  await talk.getByRole('button', { name: 'Submit', exact: true }).click();
  await card.getByTestId('correction-talks').getByText('Reminded to follow').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await w.shot(page, 'correction-confirmed-en');
}
