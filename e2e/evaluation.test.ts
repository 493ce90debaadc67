/**
 * Anonymous surveys (issue 12) in Chromium (see harness.ts), on the demo: the organization
 * department's liaison drafts a campaign on 政策执行评估, opens it and issues 6 tokens, shown once
 * as 6 printable slips with their QR codes. A phone (390 px, a fresh context: no cookie, never
 * signed in) answers one slip's link — some items, a background question, an open answer — and
 * sees the thank-you, without the page asking who is signed in or leaving a cookie; the same link
 * again says it has been used, and a made-up one that it is not valid. Another slip's token, typed
 * in its printed groups, opens the survey in English; in the liaison's own signed-in browser a
 * slip's link shows the survey too, not the app. The campaign's page then counts 1 token used and
 * 1 response. A sheet sent while the address is rate-limited (429 SURVEY_RATE_LIMITED, the answer
 * stubbed with page.route) gets a notice to wait and keeps its answers; so refused on opening, the
 * page says when to open it again. The policy administrator reads seed000-v1 on 问卷版本 (its
 * dimensions in order, a factor's definition, finding and reversed item) and adapts it: one item
 * reworded, one removed, a malformed id refused by the instrument checker under the id field, then
 * seed000-v2, marked not validated, with seed000-v1 as it was. axe on every screen; screenshots
 * under test-artifacts/screenshots/evaluation-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { installInstruments } from '../src/app/evaluation/instruments.js';
import { loadShippedInstruments } from '../src/evaluation/instrument.js';
import {
  keepShot,
  axeViolations,
  expectFits,
  PHONE,
  realProblems,
  REDUCED_MOTION,
  settle,
  SHOTS,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();

// The shipped instruments (seed000-v1) in the store. Main's openApp does not install them yet
// (branch campaigns-2 makes it do so); once it does, this changes nothing (an unchanged
// instrument is left alone).
beforeAll(async () => {
  await installInstruments(w.app.ctx, loadShippedInstruments());
});

const TITLE = '2026年度容错纠错机制实施情况干部问卷调查（测试）';

/** A phone in a context of its own: no cookie, nobody signed in; the requests it made. */
async function phone(
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
): Promise<{ page: Page; asked: string[] }> {
  const context = await w.browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale,
    timezoneId: 'Asia/Shanghai',
    reducedMotion: REDUCED_MOTION,
  });
  const page = await context.newPage();
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  page.on('console', (m) => {
    if (m.type() === 'error') w.problems.push(m.text());
  });
  page.on('pageerror', (e) => w.problems.push(String(e)));
  return { page, asked };
}

/**
 * Drops the browser's reports of an answer with this status that a test brought about on purpose,
 * so that the tests after it still see every other problem.
 */
function forgetExpected(status: number): void {
  const kept = w.problems.filter((p) => !p.includes(`status of ${status}`));
  w.problems.splice(0, w.problems.length, ...kept);
}

/** The screen as seen (not the whole page: the survey and the instrument run to 20,000 px). */
async function viewShot(page: Page, name: string): Promise<void> {
  await keepShot(page, name, false);
}

/** The problems that are real here. */
function problems(): string[] {
  return realProblems(w.problems);
}

let campaignUrl = '';
let links: string[] = [];
let typed: string[] = [];

describe('survey campaigns (the liaison)', () => {
  it('drafts a campaign, opens it and issues 6 tokens as printable slips with QR codes', async () => {
    const page = await w.newPage();
    await page.goto(w.url + '/evaluation');
    await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
    await page.getByRole('heading', { name: '政策执行评估', level: 1 }).waitFor();
    await page.getByRole('menuitem', { name: '政策执行评估' }).first().waitFor();
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('new-campaign').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('报告阈值 k', { exact: true }).waitFor();
    await dialog.getByText(/答卷少于 k 份的群体不单独报告结果/).waitFor();
    await dialog.getByText(/只在答卷不少于此数的群体中显示；不得小于 k/).waitFor();
    await page.getByTestId('campaign-title').fill(TITLE);
    await page.getByTestId('campaign-units').click();
    await page
      .locator('.ant-select-tree-title', { hasText: /^经济发展局$/ })
      .first()
      .click();
    await page
      .locator('.ant-select-tree-title', { hasText: /^行政审批局$/ })
      .first()
      .click();
    await dialog.getByText('受邀干部人数', { exact: true }).click(); // closes the list
    await page.getByTestId('campaign-invited').fill('40');
    // k below 5 is refused on the form before it reaches the server.
    await page.getByTestId('campaign-k').fill('3');
    await page.getByTestId('campaign-k').blur();
    expect(await page.getByTestId('campaign-k').inputValue()).toBe('5');
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-new-zh');
    await page.getByTestId('create-campaign').click();

    await page.waitForURL(/\/evaluation\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
    await page.getByTestId('campaign-title').getByText(TITLE).waitFor();
    await page.getByTestId('campaign-state').first().getByText('草稿').waitFor();
    await page.getByText('调查尚未开启。').waitFor(); // why "close" is disabled
    expect(await page.getByTestId('close-campaign').isDisabled()).toBe(true);
    await expect
      .poll(() => page.getByTestId('report-link').getAttribute('href'))
      .toBe(new URL(campaignUrl).pathname + '/report');
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('open-campaign').click();
    await page.getByTestId('campaign-state').first().getByText('进行中').waitFor();
    expect(await page.getByTestId('open-campaign').isDisabled()).toBe(true);
    await page.getByText('调查已开启。').waitFor();

    await page.getByTestId('token-count').fill('6');
    await page.getByTestId('issue-tokens').click();
    await page.getByTestId('slips-warning').getByText('令牌只显示这一次').waitFor();
    const slips = page.getByTestId('slip');
    await expect.poll(() => slips.count()).toBe(6);
    const qr = page.getByTestId('slips').getByRole('img');
    await expect.poll(() => qr.count()).toBe(6);
    for (const src of await qr.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))) {
      expect(src).toMatch(/^data:image\/png;base64,/);
    }
    links = await page.getByTestId('slip-link').allInnerTexts();
    typed = await page.getByTestId('slip-token').allInnerTexts();
    expect(links).toHaveLength(6);
    for (const [i, link] of links.entries()) {
      expect(link).toMatch(new RegExp(`^${w.url}/survey/[0-9A-Z]{26}$`));
      expect(typed[i]).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{2}$/);
      expect(typed[i]!.replaceAll('-', '')).toBe(link.slice(-26));
    }
    expect(new Set(links).size).toBe(6);
    await page.getByTestId('count-issued').getByText('6').waitFor();
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-slips-zh');
    await page.emulateMedia({ media: 'print' });
    await w.shot(page, 'evaluation-slips-print');
    await page.emulateMedia({ media: null });
    // Printed on A4, the six slips (eight to a sheet) and nothing else fill one page.
    const printed = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    writeFileSync(join(SHOTS, 'evaluation-slips.pdf'), printed);
    const pdf = await PDFDocument.load(printed);
    expect(pdf.getPageCount()).toBe(1);

    // Signed in, a survey link shows the survey, not the app.
    const own = await page.context().newPage();
    await own.goto(links[5]!);
    await own.getByTestId('survey-title').getByText(TITLE).waitFor();
    expect(await own.locator('.rc-header').count()).toBe(0);
    await own.close();
    expect(problems()).toEqual([]);
  }, 120_000);
});

describe('answering on a phone (anonymous)', () => {
  it('answers once, then the same link is refused as used', async () => {
    const { page, asked } = await phone();
    await page.goto(links[0]!);
    await page.getByTestId('survey-title').getByText(TITLE).waitFor();
    await page
      .getByTestId('survey-intro')
      .getByText(/问卷采用匿名方式/)
      .waitFor();
    await page.getByText(/各题均可不答/).waitFor();
    await expectFits(page);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-survey-phone-zh');

    const items = page.locator('[data-testid^="item-"]');
    const total = await items.count();
    expect(total).toBeGreaterThan(20);
    await items.nth(0).getByRole('radio', { name: '比较同意' }).check();
    await items.nth(1).getByRole('radio', { name: '非常同意' }).check();
    await items.nth(2).getByRole('radio', { name: '一般' }).check();
    await items.nth(3).getByRole('radio', { name: '比较不同意' }).check();
    // A choice made can be taken back: the item is blank again.
    await items.nth(3).getByRole('button', { name: '清除' }).click();
    await page.getByTestId('survey-progress').getByText(`已答 3 / ${total} 题`).waitFor();
    await page.getByTestId('background-rankBand').getByRole('radio', { name: '乡科级' }).check();
    await page
      .getByTestId('open-biggestObstacle')
      .fill('担心容错后仍在评先评优中受到影响，基层干部顾虑较多。');
    await expectFits(page);
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor();
    await page.getByRole('heading', { name: '答卷已提交，感谢您的参与！' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-survey-thanks-zh');
    expect(await page.context().cookies()).toEqual([]);
    expect(asked.filter((p) => p.startsWith('/api/') && !p.startsWith('/api/survey/'))).toEqual([]);

    await page.goto(links[0]!);
    await page.getByRole('heading', { name: '问卷链接无效或已使用' }).waitFor();
    await page
      .getByTestId('survey-blocked')
      .getByText(/每个令牌只能提交一次答卷/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-survey-used-zh');

    await page.goto(`${w.url}/survey/0000000000000000000000000Z`);
    await page.getByRole('heading', { name: '问卷链接无效或已使用' }).waitFor();
    expect(await page.context().cookies()).toEqual([]);
    expect(problems()).toEqual([]);
  }, 120_000);

  it('opens from a token typed in its printed groups, in English', async () => {
    const { page } = await phone('en-US');
    await page.goto(`${w.url}/survey/${typed[1]!}`);
    await page.getByTestId('survey-title').getByText(TITLE).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page
      .getByTestId('survey-intro')
      .getByText(/anonymous/i)
      .first()
      .waitFor();
    await page.getByText(/Every question may be left blank/).waitFor();
    const items = page.locator('[data-testid^="item-"]');
    const total = await items.count();
    await page.getByTestId('survey-progress').getByText(`0 of ${total} answered`).waitFor();
    await items.nth(0).getByRole('radio', { name: 'Strongly agree' }).check();
    await page.getByTestId('survey-progress').getByText(`1 of ${total} answered`).waitFor();
    await page.getByRole('heading', { name: '2. About you (optional)' }).waitFor();
    await expectFits(page);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-survey-phone-en');

    await page.setViewportSize({ width: 1280, height: 860 });
    await settle(page);
    // On a wide screen the scale is a row of buttons.
    await items.nth(1).locator('.ant-radio-button-wrapper').first().waitFor();
    await w.shot(page, 'evaluation-survey-desktop-en');
    expect(problems()).toEqual([]);
  }, 120_000);

  it('answered 429 SURVEY_RATE_LIMITED, says to wait and keeps the answers on the page', async () => {
    const { page } = await phone();
    const limited = (retryAfterSeconds: number) => ({
      status: 429,
      contentType: 'application/json',
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: JSON.stringify({
        error: {
          code: 'SURVEY_RATE_LIMITED',
          message: {
            zh: '本地址提交的无效问卷令牌过多，请稍后再试。',
            en: 'Too many invalid tokens.',
          },
          details: { retryAfterSeconds },
        },
        message: '本地址提交的无效问卷令牌过多，请稍后再试。',
      }),
    });
    const token = links[2]!.slice(-26);
    // Sending the sheet is refused (the server's answer stubbed); the token stays unused.
    await page.route(`**/api/survey/${token}`, (route) =>
      route.request().method() === 'POST' ? route.fulfill(limited(541)) : route.continue(),
    );
    await page.goto(links[2]!);
    const items = page.locator('[data-testid^="item-"]');
    await items.nth(0).getByRole('radio', { name: '比较同意' }).check();
    const open = page.getByTestId('open-suggestions');
    await open.fill('建议进一步明确容错情形的认定标准。');
    await page.getByTestId('survey-submit').click();
    const notice = page.getByTestId('survey-rate-limited');
    await notice.getByText('提交过于频繁，请于 10 分钟后再试').waitFor();
    await notice.getByText(/您已填写的内容仍保留在本页/).waitFor();
    expect(await items.nth(0).getByRole('radio', { name: '比较同意' }).isChecked()).toBe(true);
    expect(await open.inputValue()).toBe('建议进一步明确容错情形的认定标准。');
    await page
      .getByTestId('survey-progress')
      .getByText(/^已答 1 \//)
      .waitFor();
    await expectFits(page);
    expect(await axeViolations(page)).toEqual([]);
    await notice.scrollIntoViewIfNeeded();
    await viewShot(page, 'evaluation-survey-rate-limited-zh');

    // Refused on opening, in English: the page says when to open it again.
    await page.route(`**/api/survey/${links[3]!.slice(-26)}`, (route) =>
      route.fulfill(limited(60)),
    );
    await page.getByText('English', { exact: true }).click();
    await page.goto(links[3]!);
    await page
      .getByTestId('survey-rate-limited')
      .getByText('Too many attempts: please open the survey again in 1 minute')
      .waitFor();
    forgetExpected(429);
    expect(problems()).toEqual([]);
  }, 60_000);
});

describe('the campaign afterwards', () => {
  it('counts 1 token used and 1 response', async () => {
    const page = await w.newPage();
    await page.goto(campaignUrl);
    await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
    await page.getByTestId('campaign-title').getByText(TITLE).waitFor();
    await page.getByTestId('count-issued').getByText('6', { exact: true }).waitFor();
    await page.getByTestId('count-used').getByText('1', { exact: true }).waitFor();
    await page.getByTestId('count-responses').getByText('1', { exact: true }).waitFor();
    // The slips are gone for good: nothing on the page shows a token again.
    expect(await page.getByTestId('slip').count()).toBe(0);
    for (const link of links) expect(await page.content()).not.toContain(link.slice(-26));

    await page.goto(w.url + '/evaluation');
    const row = page.getByTestId('campaign-table').getByRole('row', { name: new RegExp(TITLE) });
    await row.getByText('已用 1 / 已发 6').waitFor();
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'evaluation-list-zh');
    expect(problems()).toEqual([]);
  }, 120_000);
});

describe('survey instruments (the policy administrator)', () => {
  it('reads seed000-v1, adapts it into seed000-v2 (the checker’s error shown at its field) and leaves seed000-v1 as it was', async () => {
    const page = await w.newPage();
    await page.goto(w.url + '/evaluation/instruments');
    await w.signIn(page, 'policy-admin', 'demo-policy_admin-2025');
    await page.getByRole('heading', { name: '问卷版本', level: 1 }).waitFor();
    await page.getByRole('menuitem', { name: '问卷版本' }).first().waitFor();
    const row = page.getByTestId('instrument-table').getByRole('row', { name: /seed000-v1/ });
    await row.getByText('尚未经实地检验').waitFor();
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('link', { name: 'seed000-v1' }).click();
    await page
      .getByTestId('instrument-id')
      .getByText(/seed000-v1 · 第 1 版/)
      .waitFor();
    const dimensions = page.locator('[data-testid^="dimension-"]');
    expect(
      await dimensions.evaluateAll((ds) => ds.map((d) => d.getAttribute('data-testid'))),
    ).toEqual(['dimension-motivation', 'dimension-process', 'dimension-environment']);
    const energy = page.getByTestId('factor-politicalEnergy');
    await energy.getByText('政治势能', { exact: true }).waitFor();
    await energy.getByText(/上级党委和政府对容错纠错的重视程度/).waitFor();
    await energy.getByText(/The priority that higher-level Party committees/).waitFor();
    await page
      .getByTestId('finding-politicalEnergy')
      .getByText(/政治势能是其中之一/)
      .waitFor();
    await energy.getByTestId('item-politicalEnergy4').getByText('反向计分').waitFor();
    expect(await energy.locator('[data-testid^="item-politicalEnergy"]').count()).toBe(4);
    await page.getByTestId('outcome-optimism').waitFor();
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await expectFits(page);
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByTestId('adapt-instrument').click();
    await page
      .getByTestId('adapt-unchanged')
      .getByText(/原版本 seed000-v1 保持不变/)
      .waitFor();
    await page
      .getByTestId('adapt-unchanged')
      .getByText(/尚未经实地检验/)
      .waitFor();
    expect(await page.getByTestId('adapt-id').inputValue()).toBe('seed000-v2');
    const card = page.getByTestId('adapt-factor-politicalEnergy');
    const wording = '上级党委和政府把容错纠错工作摆在突出位置。';
    await card.getByLabel('条目 1（中文）').fill(wording);
    await card.getByRole('button', { name: '删除条目 4' }).click();
    await expect.poll(() => card.getByRole('button', { name: /^删除条目/ }).count()).toBe(3);
    await page.setViewportSize(PHONE);
    await expectFits(page);
    await viewShot(page, 'evaluation-instrument-adapt-phone-zh');
    await page.setViewportSize({ width: 1280, height: 860 });

    // A malformed id: the instrument checker's problem is shown under the id field.
    await page.getByTestId('adapt-id').fill('Seed000-v2');
    await page.getByTestId('adapt-submit').click();
    const idField = page.locator('.ant-form-item', { has: page.getByTestId('adapt-id') });
    await idField.getByText(/标识符“Seed000-v2”格式不对/).waitFor();
    await page.getByTestId('adapt-failure').getByText('未能保存新版本').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await viewShot(page, 'evaluation-instrument-adapt-error-zh');

    await page.getByTestId('adapt-id').fill('seed000-v2');
    await page.getByTestId('adapt-submit').click();
    await page.waitForURL(/\/evaluation\/instruments\/seed000-v2$/);
    await page
      .getByTestId('instrument-id')
      .getByText(/seed000-v2 · 第 2 版/)
      .waitFor();
    await page.getByTestId('instrument-validated').getByText('尚未经实地检验').waitFor();
    await page.getByTestId('instrument-based-on').getByText('seed000-v1').waitFor();
    const adapted = page.getByTestId('factor-politicalEnergy');
    await adapted.getByTestId('item-politicalEnergy1').getByText(wording).waitFor();
    expect(await adapted.locator('[data-testid^="item-politicalEnergy"]').count()).toBe(3);

    // The version adapted is as it was.
    await page.getByTestId('instrument-based-on').click();
    await page
      .getByTestId('instrument-id')
      .getByText(/seed000-v1/)
      .waitFor();
    const original = page.getByTestId('factor-politicalEnergy');
    await original.getByTestId('item-politicalEnergy4').waitFor();
    await original.getByText('上级党委和政府高度重视容错纠错工作。').waitFor();
    forgetExpected(422);
    expect(problems()).toEqual([]);
  }, 120_000);
});
