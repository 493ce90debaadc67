/**
 * A joint matter (共同失误，多人一案) in Chromium (see harness.ts): the demo's three officials of the
 * renewal road, each decided on their own case. The chair opens one of their cases: the
 * deliberation panel lists all three side by side, with their roles, recommendations, votes and
 * determinations, and links to the other cases; the linked case shows the same matter with itself
 * marked. In Chinese, then in English; axe on the screen.
 */
import { join } from 'node:path';
import { asc, isNotNull, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../src/app/tables.js';
import { axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];
let ids: string[] = [];

beforeAll(async () => {
  const rows = await w.app.ctx.store.db
    .select({ id: cases.id, number: cases.number })
    .from(cases)
    .where(isNotNull(cases.jointMatterId))
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

describe('a joint matter in Chromium', () => {
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
        '共同事项：老旧小区改造配套道路未批先建问题',
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
