/**
 * Consulted departments sign their own opinions, in a real browser (see harness.ts): the audit
 * office's officer signs in, finds "answer a consultation" on the workbench, opens the case (the
 * limited view) and answers; the investigator sees the opinion signed by the department, and
 * transcribes the party organization's written reply, marked so; the organization department's
 * officer answers in English; the discipline officer's workbench and case page fit a 390 px phone.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  keepShot,
  axeViolations,
  expectFits,
  realProblems,
  REDUCED_MOTION,
  SHOTS,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];
const PASSWORD = 'demo-consultee-2025';
const PHONE = 390;

const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** Clicks a button by its text; antd puts a space between two Chinese characters. */
async function press(scope: Page | Locator, text: string) {
  const spaced = new RegExp(`^${[...text].join('\\s*')}$`);
  await scope.getByRole('button', { name: spaced }).click();
}

/** Today in China, as a date input takes it. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Signs in at the workbench and opens the first consultation waiting for the user. */
async function openFirstRequest(page: Page, username: string): Promise<string> {
  await w.signIn(page, username, PASSWORD);
  const group = page.getByTestId('todo-group-answerConsultation');
  await group.waitFor();
  await page.getByTestId('todo-badge').waitFor();
  await group.getByTestId('todo-item').first().locator('a').first().click();
  await page.getByTestId('consultee-intro').waitFor();
  return page.url();
}

describe('consulted departments answer in Chromium', () => {
  it('a department officer answers, the investigator sees it signed; zh, en and a phone', async () => {
    try {
      const caseUrl = await auditAnswers();
      await investigatorSees(caseUrl);
      await organizationAnswersInEnglish();
      await disciplineOnAPhone();
      expect(realProblems(w.problems)).toEqual([]);
    } catch (e) {
      for (const [i, p] of pages.entries()) {
        await p
          .screenshot({ path: join(SHOTS, `consult-failure-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
      throw e;
    }
  }, 400_000);
});

async function auditAnswers(): Promise<string> {
  const page = await w.newPage();
  pages.push(page);
  await page.goto(w.url + '/');
  const caseUrl = await openFirstRequest(page, 'dept-audit');
  // The limited view: no trail, no documents; only the audit office's own request.
  expect(await page.getByTestId('case-timeline').count()).toBe(0);
  const card = page.getByTestId('case-consultations');
  expect(await card.locator('tbody tr.ant-table-row').count()).toBe(1);
  await page.getByTestId('case-facts').waitFor();
  await page.getByTestId('answer-audit').click();
  const answer = dialog(page, '答复审计部门的会商意见');
  await answer
    .getByLabel('部门意见')
    .fill('审计部门意见：经审计，该项目资金使用合规，同意按容错情形研究认定。');
  await press(answer, '提交');
  await expect
    .poll(() => page.getByTestId('opinion-signer-audit').innerText())
    .toContain('许丽君签署');
  await w.shot(page, 'consult-answered-zh');
  expect(await axeViolations(page)).toEqual([]);
  return caseUrl;
}

async function investigatorSees(caseUrl: string) {
  const page = await w.newPage();
  pages.push(page);
  await page.goto(caseUrl);
  await w.signIn(page, 'investigator', 'demo-investigator-2025');
  await expect
    .poll(() => page.getByTestId('opinion-signer-audit').innerText())
    .toContain('许丽君签署');
  await page.getByTestId('case-timeline').getByText('部门签署会商意见').first().waitFor();
  // The unit's party organization has no account: its written reply is transcribed, marked so.
  const transcribe = page.getByTestId('opinion-party-organization');
  if ((await transcribe.count()) > 0) {
    await transcribe.click();
    const d = dialog(page, '据书面复函录入所在单位党组织的意见');
    await d.getByLabel('复函文号').fill('经发党组复〔2026〕9号');
    await d.getByLabel('复函日期').fill(chinaToday());
    await d.getByLabel('部门意见').fill('所在单位党组织意见：同意按容错情形研究认定。');
    await press(d, '提交');
  }
  await expect
    .poll(() => page.getByTestId('opinion-signer-party-organization').innerText())
    .toContain('据书面复函录入（');
  // Departments with their own officers: the investigator has no button for them.
  expect(await page.getByTestId('opinion-organization').count()).toBe(0);
  await w.shot(page, 'consult-investigator-zh');
  expect(await axeViolations(page)).toEqual([]);
}

async function organizationAnswersInEnglish() {
  const page = await w.newPage({ locale: 'en-US' });
  pages.push(page);
  await page.goto(w.url + '/');
  await page.getByText('English', { exact: true }).click();
  await openFirstRequest(page, 'dept-organization');
  await page.getByText('Answer a consultation').first().waitFor({ state: 'attached' });
  await page.getByTestId('answer-organization').click();
  const answer = dialog(page, 'Answer for Organization department');
  await answer
    .getByLabel('Opinion')
    .fill('The organization department agrees that the committee deliberates.');
  await answer.getByRole('button', { name: /^Submit$/ }).click();
  await expect
    .poll(() => page.getByTestId('opinion-signer-organization').innerText())
    .toContain('Signed by 韩雪梅');
  await w.shot(page, 'consult-answered-en');
  expect(await axeViolations(page)).toEqual([]);
}

async function disciplineOnAPhone() {
  const context = await w.browser.newContext({
    viewport: { width: PHONE, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: REDUCED_MOTION,
  });
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => w.problems.push(String(e)));
  await page.goto(w.url + '/');
  await w.signIn(page, 'dept-discipline', PASSWORD);
  await page.getByTestId('todo-group-answerConsultation').waitFor();
  await page.waitForLoadState('networkidle');
  await expectFits(page, PHONE);
  await page
    .getByTestId('todo-group-answerConsultation')
    .getByTestId('todo-item')
    .first()
    .locator('a')
    .first()
    .click();
  await page.getByTestId('answer-discipline').waitFor();
  await page.waitForLoadState('networkidle');
  await expectFits(page, PHONE);
  await keepShot(page, 'consult-phone-zh');
  await context.close();
}
