/**
 * The app on a phone (issue 10): at 390 × 844, in Chinese and in English, the menu is reached
 * through the menu button (a drawer), no screen the official uses scrolls sideways
 * (document.scrollingElement.scrollWidth ≤ 390: harness.ts, sidewaysOverflow), and the official
 * applies, follows the case and downloads their documents; officers' case list and case page fit
 * too. Screenshots go to test-artifacts/screenshots/phone-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  keepShot,
  PHONE,
  realProblems,
  REDUCED_MOTION,
  sidewaysOverflow,
  SHOTS,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();

const WIDTH = PHONE.width;
const HEIGHT = PHONE.height;

type Lang = 'zh' | 'en';

const T = {
  zh: {
    myCases: '我的案件',
    apply: '提出申请',
    cases: '案件办理',
    next: /下一步/,
    submit: /提交申请/,
    submitted: /申请已提交：/,
    openCase: /查看案件/,
    conductDate: '行为发生日期',
    title: '招商项目在用地手续完备前提前开工',
    downloadPdf: /下载 PDF/,
  },
  en: {
    myCases: 'My cases',
    apply: 'New application',
    cases: 'Cases',
    next: /^Next$/,
    submit: /Submit application/,
    submitted: /Application submitted:/,
    openCase: /open the case/,
    conductDate: 'Date of the conduct',
    title: 'Work started before the land papers were complete',
    downloadPdf: /Download PDF/,
  },
} as const;

/** A page in a phone-sized context of its own (touch, the phone's viewport). */
async function phonePage(): Promise<Page> {
  const context = await w.browser.newContext({
    viewport: { width: WIDTH, height: HEIGHT },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: REDUCED_MOTION,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') w.problems.push(m.text());
  });
  page.on('pageerror', (e) => w.problems.push(String(e)));
  return page;
}

/** Screens that scrolled sideways in the running test: what, where, how wide, and the culprits. */
let overflows: string[] = [];

/** The screen does not scroll sideways (else it is noted in `overflows`); a screenshot is kept. */
async function fits(page: Page, shot: string) {
  const wide = await sidewaysOverflow(page, WIDTH);
  if (wide) overflows.push(`${shot}: ${wide}`);
  await keepShot(page, shot);
}

/** Opens the drawer with the menu button and follows one of its entries. */
async function viaMenu(page: Page, entry: string) {
  const button = page.getByTestId('menu-button');
  expect(await button.isVisible()).toBe(true);
  // The wide screen's horizontal menu is not shown on a phone.
  expect(await page.locator('.rc-menu').isVisible()).toBe(false);
  await button.click();
  const drawer = page.getByTestId('drawer-menu');
  await drawer.waitFor();
  await drawer.getByRole('menuitem', { name: entry, exact: true }).click();
  await drawer.waitFor({ state: 'hidden' });
}

async function signIn(page: Page, lang: Lang, username: string, password: string) {
  await page.goto(w.url + '/');
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await fits(page, `phone-signin-${lang}`);
  await w.signIn(page, username, password);
  await page.getByTestId('menu-button').waitFor();
}

async function officialApplies(page: Page, lang: Lang) {
  const t = T[lang];
  await signIn(page, lang, 'official', 'demo-official-2025');
  // The first screen after signing in (their cases, or a home page when there is one).
  if (new URL(page.url()).pathname === '/cases') {
    await page.locator('.ant-table-row').first().waitFor();
  }
  await fits(page, `phone-official-home-${lang}`);

  // The menu, in its drawer.
  await page.getByTestId('menu-button').click();
  await page.getByTestId('drawer-menu').waitFor();
  await fits(page, `phone-menu-${lang}`);
  await page.getByTestId('drawer-menu').getByRole('menuitem', { name: t.apply }).click();

  // Apply: the facts, the questions, the review, submitted.
  await page.locator('#title').waitFor();
  await fits(page, `phone-apply-${lang}`);
  await page.locator('#title').fill(t.title);
  const date = page.getByLabel(t.conductDate);
  await date.click();
  await date.fill('2025-09-15');
  await date.press('Enter');
  await page.getByRole('button', { name: t.next }).click();
  await page.locator('#apply-fact-privateGain').waitFor();
  await fits(page, `phone-apply-questions-${lang}`);
  await page.getByRole('button', { name: t.next }).click();
  await page.getByRole('button', { name: t.submit }).waitFor();
  await fits(page, `phone-apply-review-${lang}`);
  await page.getByRole('button', { name: t.submit }).click();
  await page.getByRole('heading', { name: t.submitted }).waitFor({ timeout: 20_000 });
  await fits(page, `phone-apply-submitted-${lang}`);
  await page.getByRole('button', { name: t.openCase }).first().click();
  await page.getByTestId('case-title').waitFor();
  expect(await page.getByTestId('case-title').innerText()).toContain(t.title);
  await fits(page, `phone-case-new-${lang}`);

  // Following the cases: the list, then every one of their cases.
  await viaMenu(page, t.myCases);
  await page.getByText(t.title).first().waitFor();
  await fits(page, `phone-official-list-${lang}`);
  const mine = (await (await page.request.get(`${w.url}/api/cases?pageSize=50`)).json()) as {
    items: { id: string; state: string }[];
  };
  expect(mine.items.length).toBeGreaterThan(1);
  let downloaded = false;
  for (const c of mine.items) {
    await page.goto(`${w.url}/cases/${c.id}`, { waitUntil: 'networkidle' });
    await page.getByTestId('case-title').waitFor();
    await fits(page, `phone-official-case-${c.state}-${lang}`);
    const pdf = page.getByRole('button', { name: t.downloadPdf }).first();
    if (!downloaded && (await pdf.count()) > 0) {
      // Their documents download on the phone too.
      const [download] = await Promise.all([page.waitForEvent('download'), pdf.click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      expect(await download.failure()).toBeNull();
      downloaded = true;
    }
  }
  expect(downloaded, 'the official downloaded a document of theirs').toBe(true);
}

async function officerReads(page: Page, lang: Lang, username: string, password: string) {
  await signIn(page, lang, username, password);
  await viaMenu(page, T[lang].cases);
  await page.locator('.ant-table-row').first().waitFor();
  await fits(page, `phone-${username}-cases-${lang}`);
  await page.locator('.ant-table-row a').first().click();
  await page.getByTestId('case-title').waitFor();
  await fits(page, `phone-${username}-case-${lang}`);
}

describe('on a phone (390 × 844)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`the official applies, follows the case and downloads documents (${lang})`, async () => {
      const seen = w.problems.length;
      overflows = [];
      const page = await phonePage();
      try {
        await officialApplies(page, lang);
      } catch (e) {
        await page
          .screenshot({ path: join(SHOTS, `phone-failure-official-${lang}.png`), fullPage: true })
          .catch(() => {});
        throw e;
      } finally {
        await page.context().close();
      }
      expect(overflows, 'screens wider than the phone').toEqual([]);
      expect(realProblems(w.problems.slice(seen))).toEqual([]);
    }, 300_000);

    it(`officers' case list and case page fit (${lang})`, async () => {
      overflows = [];
      for (const [username, password] of [
        ['intake', 'demo-intake-2025'],
        ['chair', 'demo-committee_chair-2025'],
      ] as const) {
        const page = await phonePage();
        try {
          await officerReads(page, lang, username, password);
        } catch (e) {
          await page
            .screenshot({
              path: join(SHOTS, `phone-failure-${username}-${lang}.png`),
              fullPage: true,
            })
            .catch(() => {});
          throw e;
        } finally {
          await page.context().close();
        }
      }
      expect(overflows, 'screens wider than the phone').toEqual([]);
    }, 300_000);
  }
});
