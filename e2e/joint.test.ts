/**
 * A joint matter (共同失误，多人一案) in Chromium (see harness.ts): the demo's three officials of the
 * renewal road, each decided on their own case. The chair opens one of their cases: the
 * deliberation panel lists all three side by side, with their roles, recommendations, votes and
 * determinations, and links to the other cases; the linked case shows the same matter with itself
 * marked; on a new matter in verification the investigator records a fact common to both
 * officials, which one case's own value withstands. In Chinese, then in English; axe on the
 * screens.
 */
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptCase } from '../src/app/cases/accept.js';
import { currentFacts } from '../src/app/cases/record-fact.js';
import { GOOD_FAITH } from '../src/app/demo-data.js';
import { openJointMatter } from '../src/app/joint/open.js';
import { loadActor } from '../src/app/org.js';
import { cases, jointMatters, officials, users } from '../src/app/tables.js';
import { axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];
let ids: string[] = [];
const DEMO_MATTER = '老旧小区改造配套道路未批先建问题';

beforeAll(async () => {
  const rows = await w.app.ctx.store.db
    .select({ id: cases.id, number: cases.number })
    .from(cases)
    .innerJoin(jointMatters, eq(jointMatters.id, cases.jointMatterId))
    // The demo's matter (the first test opens one of its own).
    .where(eq(jointMatters.title, DEMO_MATTER))
    .orderBy(asc(cases.createdAt), asc(sql`length(${cases.number})`), asc(cases.number));
  ids = rows.map((r) => r.id);
}, 240_000);

const CHAIR = ['chair', 'demo-committee_chair-2025'] as const;
const table = (page: Page) => page.getByTestId('joint-matter-panel').getByTestId('joint-officials');
const rowsOf = (page: Page) => table(page).locator('tbody tr.ant-table-row');

async function failing(name: string, page: Page, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    await page
      .screenshot({ path: join(SHOTS, `${name}-failure.png`), fullPage: true })
      .catch(() => {});
    throw e;
  }
}

const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** Chooses an option of an antd Select by typing its text and taking the first match. */
async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
    .filter({ hasText: text })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
}

async function demoActor(username: string) {
  const [u] = await w.app.ctx.store.db.select().from(users).where(eq(users.username, username));
  return loadActor(w.app.ctx, u!.id);
}

/** A new joint matter of two demo officials, both accepted: in verification. */
async function jointInVerification(): Promise<string[]> {
  const ctx = w.app.ctx;
  const [a, b] = await ctx.store.db
    .select({ id: officials.id })
    .from(officials)
    .orderBy(asc(officials.name))
    .limit(2);
  const opened = await openJointMatter(ctx, await demoActor('investigator'), {
    title: '农贸市场改造工程拆分发包问题',
    summary: '为赶在春节前开业，农贸市场改造工程拆分为三个标段直接发包，未履行公开招标程序。',
    openedOn: '2026-01-05',
    conductDate: '2025-10-10',
    facts: { ...GOOD_FAITH, proceduralDefect: true },
    officials: [
      { officialId: a!.id, responsibility: 'direct' },
      { officialId: b!.id, responsibility: 'leadership', facts: { cooperated: false } },
    ],
  });
  const intake = await demoActor('intake');
  for (const c of opened.cases)
    await acceptCase(ctx, intake, { caseId: c.id, expectedVersion: c.version });
  return opened.cases.map((c) => c.id);
}

/** Picks the `nth` official the picker offers, or the option with `text` of another select. */
async function pick(page: Page, id: string, option: { nth: number } | { text: string }) {
  await page.locator(`#${id}`).click();
  const options = page.locator(
    '.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)',
  );
  await (
    'nth' in option ? options.nth(option.nth) : options.filter({ hasText: option.text }).first()
  ).click();
}

describe('a joint matter in Chromium', () => {
  it('intake registers a joint matter of two officials with their roles, and lands on the first case', async () => {
    const page = await w.newPage();
    pages.push(page);
    await failing('joint-open', page, async () => {
      await page.goto(w.url + '/');
      await w.signIn(page, 'intake', 'demo-intake-2025');
      await page.getByTestId('user-name').waitFor();
      await page.goto(`${w.url}/ex-officio`);
      await page.getByTestId('joint-open-link').click();
      await page.getByRole('heading', { name: '登记共同事项（多人一案）' }).waitFor();
      await page.locator('#joint-matter_title').fill('社区食堂改造工程未批先建问题');
      await pick(page, 'joint-matter_officials_0_officialId', { nth: 0 });
      await pick(page, 'joint-matter_officials_0_responsibility', { text: '直接责任' });
      await pick(page, 'joint-matter_officials_1_officialId', { nth: 1 });
      await pick(page, 'joint-matter_officials_1_responsibility', { text: '主要领导责任' });
      await pick(page, 'joint-matter_source', { text: '审计监督' });
      await page.locator('#joint-matter_conductDate').fill('2025-06-03');
      await page
        .locator('#joint-matter_summary')
        .fill('为赶在重阳节前开业，社区食堂改造工程在施工许可办结前开工。');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('joint-submit').click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      const card = page.getByTestId('joint-matter');
      await card.getByTestId('joint-officials').locator('tbody tr.ant-table-row').nth(1).waitFor();
      const text = await card.innerText();
      expect(text).toContain('共同事项：社区食堂改造工程未批先建问题');
      expect(text).toContain('直接责任');
      expect(text).toContain('主要领导责任');
    });
  }, 300_000);

  it('the investigator records a fact common to both officials; the case’s own value stands', async () => {
    const [first, second] = await jointInVerification();
    const page = await w.newPage();
    pages.push(page);
    await failing('joint-fact', page, async () => {
      await page.goto(w.url + '/');
      await w.signIn(page, 'investigator', 'demo-investigator-2025');
      await page.getByTestId('user-name').waitFor();
      await page.goto(`${w.url}/cases/${first}`);
      const card = page.getByTestId('joint-matter');
      await card.getByTestId('joint-officials').locator('tbody tr.ant-table-row').nth(1).waitFor();
      expect(await card.innerText()).toContain('领导责任');
      await card.getByTestId('joint-record-fact').click();
      const d = dialog(page, '记录共同事实');
      await d.waitFor();
      await choose(page, d.getByRole('combobox', { name: '事实', exact: true }), '积极配合');
      await d.getByRole('radio', { name: '是' }).check();
      await d.getByLabel('依据与说明').fill('二人均主动说明情况。');
      await d.getByRole('button', { name: /^记\s*录$/ }).click();
      await page.getByText('已记入 1 个案件；1 个案件保留本人另行认定的取值。').waitFor();
      const row = page.getByTestId('case-facts').locator('tr', { hasText: '积极配合' });
      await expect.poll(() => row.innerText()).toContain('二人均主动说明情况。');
      expect(await row.innerText()).toContain('共同事实');
      expect(await axeViolations(page)).toEqual([]);
    });
    const own = await currentFacts(w.app.ctx.store.db, second!);
    expect(own['cooperated']).toBe(false);
  }, 300_000);

  it('shows every official of the matter side by side, in Chinese', async () => {
    expect(ids).toHaveLength(3);
    const page = await w.newPage();
    pages.push(page);
    await failing('joint-zh', page, async () => {
      await page.goto(w.url + '/');
      await w.signIn(page, ...CHAIR);
      await page.getByTestId('user-name').waitFor();
      await page.goto(`${w.url}/cases/${ids[0]}`);
      await rowsOf(page).nth(2).waitFor();
      const text = await table(page).innerText();
      for (const role of ['直接责任', '主要领导责任', '重要领导责任']) expect(text).toContain(role);
      expect(text).toContain('所负责任');
      expect(text).not.toContain('joint.');
      expect(await page.getByTestId('joint-determination').count()).toBe(3);
      expect(await rowsOf(page).nth(0).innerText()).toContain('本案');
      expect(await page.getByTestId('joint-matter-panel').innerText()).toContain(
        `共同事项：${DEMO_MATTER}`,
      );
      expect(await axeViolations(page)).toEqual([]);
      await w.shot(page, 'joint-deliberation-zh');
      // The second official's case, by its link: the same matter, that case marked.
      await rowsOf(page).nth(1).getByRole('link').click();
      await page.waitForURL(`**/cases/${ids[1]}`);
      await expect
        .poll(async () => (await rowsOf(page).nth(1).innerText()).includes('本案'))
        .toBe(true);
    });
  }, 300_000);

  it('and in English', async () => {
    const page = await w.newPage({ locale: 'en-US' });
    pages.push(page);
    await failing('joint-en', page, async () => {
      await page.goto(w.url + '/');
      await w.signIn(page, ...CHAIR);
      await page.getByTestId('user-name').waitFor();
      await page.getByText('English', { exact: true }).click();
      await page.goto(`${w.url}/cases/${ids[2]}`);
      await rowsOf(page).nth(2).waitFor();
      const text = await table(page).innerText();
      for (const role of [
        'Direct responsibility',
        'Principal leadership responsibility',
        'Important leadership responsibility',
      ]) {
        expect(text).toContain(role);
      }
      expect(await rowsOf(page).nth(2).innerText()).toContain('This case');
      expect(text).toContain('Responsibility\n');
      expect(text).not.toContain('joint.');
      expect(await page.getByTestId('joint-matter-panel').innerText()).toContain(
        'Every official of the matter before the committee',
      );
    });
    expect(realProblems(w.problems)).toEqual([]);
  }, 300_000);
});
