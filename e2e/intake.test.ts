/**
 * The intake screens in a real browser (issue 10; see harness.ts): an intake officer registers
 * an accountability matter ex officio (依职权启动) and lands on the new case, then records a
 * standalone risk filing (风险报备) and finds it in the list, and opens a filing to its linked
 * cases. In zh and en, at a desktop width and at a phone's 390 px (where nothing may scroll
 * sideways). Screenshots in test-artifacts/screenshots/intake-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  keepShot,
  expectFits,
  realProblems,
  REDUCED_MOTION,
  SHOTS,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();

type Lang = 'zh' | 'en';
type Width = 'desktop' | 'phone';
const PHONE = 390;

const T = {
  zh: {
    exOfficio: '依职权启动',
    filings: '风险报备',
    exOfficioHeading: '依职权启动容错纠错审查',
    filingsHeading: '事前风险报备',
    formTitle: '登记事前风险报备',
    source: '巡视巡察',
    unit: '产业发展科',
    rejected: '不予认可',
    recorded: /已登记报备/,
    registered: /已登记，案件编号/,
  },
  en: {
    exOfficio: 'Register a matter ex officio',
    filings: 'Risk filings',
    exOfficioHeading: 'Register a matter ex officio',
    filingsHeading: 'Ex-ante risk filings',
    formTitle: 'Record an ex-ante risk filing',
    source: 'Inspection tour',
    unit: 'Industrial Development Section',
    rejected: 'Not accepted',
    recorded: /Filing recorded/,
    registered: /Registered as case/,
  },
} as const;

async function newPage(width: Width): Promise<Page> {
  if (width === 'desktop') return w.newPage();
  const context = await w.browser.newContext({
    viewport: { width: PHONE, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: REDUCED_MOTION,
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') w.problems.push(m.text());
  });
  page.on('pageerror', (e) => w.problems.push(String(e)));
  return page;
}

/** At phone width the page does not scroll sideways; a screenshot is kept either way. */
async function fits(page: Page, width: Width, shot: string) {
  await page.waitForLoadState('networkidle');
  if (width === 'phone') {
    await expectFits(page, PHONE);
  }
  await keepShot(page, `intake-${shot}`);
}

/** Follows a menu entry: the horizontal menu, or on a phone the drawer's. */
async function viaMenu(page: Page, width: Width, entry: string) {
  if (width === 'phone') {
    await page.getByTestId('menu-button').click();
    const drawer = page.getByTestId('drawer-menu');
    await drawer.waitFor();
    await drawer.getByRole('menuitem', { name: entry, exact: true }).click();
    await drawer.waitFor({ state: 'hidden' });
  } else {
    await page.locator('.rc-menu').getByRole('menuitem', { name: entry, exact: true }).click();
  }
}

async function signIn(page: Page, lang: Lang) {
  await page.goto(w.url + '/');
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'intake', 'demo-intake-2025');
  await page.locator('.rc-content').waitFor();
}

/** Registers a matter ex officio and lands on its case. */
async function registerMatter(page: Page, lang: Lang, width: Width) {
  const t = T[lang];
  const summary = `巡察发现招商引资奖励政策兑现延误（${lang}-${width}）`;
  await viaMenu(page, width, t.exOfficio);
  await page.getByRole('heading', { name: t.exOfficioHeading }).waitFor();
  await fits(page, width, `ex-officio-${lang}-${width}`);

  // Nothing filled: the fields say what they need, and nothing is sent.
  await page.getByTestId('ex-officio-submit').click();
  await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(2);

  await page.locator('#ex-officio_officialId').click();
  await page
    .locator(
      '.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)',
    )
    .first()
    .click();
  await page.getByTestId('ex-officio-unit').waitFor();
  await page.locator('#ex-officio_source').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: t.source })
    .click();
  await page.locator('#ex-officio_sourceDetail').fill('区委第二巡察组反馈问题清单第3项');
  await page.locator('#ex-officio_conductDate').fill('2025-06-03');
  await page.locator('#ex-officio_summary').fill(summary);
  await fits(page, width, `ex-officio-filled-${lang}-${width}`);
  await page.getByTestId('ex-officio-submit').click();
  await page.getByText(t.registered).first().waitFor();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await page.getByText(summary).first().waitFor();
  await fits(page, width, `ex-officio-case-${lang}-${width}`);
}

/** Records a rejected filing through the drawer and finds it in the list. */
async function recordFiling(page: Page, lang: Lang, width: Width) {
  const t = T[lang];
  const title = `园区“拿地即开工”审批改革（${lang}-${width}）`;
  await viaMenu(page, width, t.filings);
  await page.getByRole('heading', { name: t.filingsHeading }).waitFor();
  await page.getByTestId('filing-table').locator('tr.ant-table-row').first().waitFor();
  await fits(page, width, `filings-${lang}-${width}`);

  await page.getByTestId('record-filing').click();
  const drawer = page.getByRole('dialog', { name: t.formTitle });
  await drawer.waitFor();
  await page.locator('#risk-filing_unitId').click();
  await page.locator('#risk-filing_unitId').fill(t.unit);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: t.unit })
    .first()
    .click();
  await page.locator('#risk-filing_title').fill(title);
  await page.locator('#risk-filing_risks').fill('用地手续未完备即开工，可能被认定为未批先建。');
  await page.locator('#risk-filing_measures').fill('限定试点地块，开工前完成安全评估并公示。');
  await drawer.getByText(t.rejected, { exact: true }).click();
  // A rejection without the reviewer's opinion is not sent.
  await page.getByTestId('filing-submit').click();
  await drawer.locator('.ant-form-item-explain-error').first().waitFor();
  await page
    .locator('#risk-filing_reviewOpinion')
    .fill('防控措施不具体，不予认可，请补充后重新报备。');
  await fits(page, width, `filing-form-${lang}-${width}`);
  await page.getByTestId('filing-submit').click();
  await page.getByText(t.recorded).first().waitFor();
  await drawer.waitFor({ state: 'hidden' });

  // Found by its title, with its status; opened, it shows the reviewer's opinion.
  await page.locator('#q').fill(title);
  await page.locator('.rc-intake-filters button[type=submit]').click();
  const rows = page.getByTestId('filing-table').locator('tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().innerText()).toContain(t.rejected);
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await page.getByText('防控措施不具体，不予认可，请补充后重新报备。').waitFor();
  await fits(page, width, `filing-found-${lang}-${width}`);

  // The standard-land filing of the demo opens to the cases linked to it.
  await page.locator('#q').fill('标准地');
  await page.locator('.rc-intake-filters button[type=submit]').click();
  await expect.poll(() => rows.count()).toBe(1);
  await rows.first().locator('.ant-table-row-expand-icon').click();
  const linked = page.locator('.rc-intake-cases a[href^="/cases/"]');
  await linked.first().waitFor();
  await fits(page, width, `filing-linked-${lang}-${width}`);
  await linked.first().click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
}

describe('the intake screens in Chromium', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const width of ['desktop', 'phone'] as const) {
      it(`registers a matter ex officio and records a risk filing (${lang}, ${width})`, async () => {
        const page = await newPage(width);
        try {
          await signIn(page, lang);
          await registerMatter(page, lang, width);
          await recordFiling(page, lang, width);
        } catch (e) {
          await page
            .screenshot({
              path: join(SHOTS, `intake-failure-${lang}-${width}.png`),
              fullPage: true,
            })
            .catch(() => undefined);
          throw e;
        }
        expect(realProblems(w.problems)).toEqual([]);
      }, 240_000);
    }
  }
});
