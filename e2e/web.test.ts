/**
 * The web app's foundation in a real browser (see harness.ts): sign-in, the case list, a case,
 * the language switch, not-found pages.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();
let page: Page;
let server: { url: string };
const problems = (): string[] => w.problems;

beforeAll(async () => {
  server = w.server;
  page = await w.newPage({ motion: 'full' });
}, 240_000);

const signIn = (username: string, password: string) => w.signIn(page, username, password);
const signOut = () => w.signOut(page);

describe('the web app in Chromium', () => {
  it('signs the official in (in Chinese), lists and opens their case, switches to English', async () => {
    try {
      await journey();
    } catch (e) {
      await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
      throw e;
    }
  }, 240_000);
});

async function journey() {
  {
    await page.goto(server.url + '/cases');
    await page.getByRole('heading', { name: '容错纠错管理系统' }).waitFor();
    const csp = (await page.request.get(server.url + '/')).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    // Validation as you type, then the server's refusal in Chinese.
    await page.getByLabel('用户名').fill('x');
    await page.getByLabel('用户名').fill('');
    await expect.poll(() => page.getByText('请输入用户名。').count()).toBe(1);
    await signIn('official', 'wrong-password');
    await expect
      .poll(() => page.getByTestId('signin-error').innerText())
      .toContain('用户名或密码不正确');
    await page.screenshot({ path: join(SHOTS, 'signin-error-zh.png') });
    expect(await axeViolations(page)).toEqual([]);

    await signIn('official', 'demo-official-2025');
    await page.getByRole('heading', { name: '案件' }).waitFor();
    expect(await page.getByTestId('user-name').innerText()).toBe('张伟');
    await page.getByRole('menuitem', { name: '我的案件' }).waitFor();
    const rows = page.locator('[data-testid="case-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'cases-official-zh.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Open the first case: summary, step, facts, trail.
    const number = await rows.first().locator('td').first().innerText();
    await rows.first().locator('td').first().getByRole('link').click();
    await page.getByTestId('case-title').waitFor();
    await page.getByText('当前环节与期限').first().waitFor();
    await page.getByText(number).first().waitFor();
    await page
      .getByTestId('case-timeline')
      .getByText(/提出容错申请|依职权启动审查/)
      .first()
      .waitFor();
    const caseUrl = page.url();
    expect(caseUrl).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    // The party's view: no officer's work (recording facts, the six elements, consultation).
    await page.getByTestId('case-actions').waitFor();
    expect(await page.getByTestId('action-record-fact').count()).toBe(0);
    expect(await page.getByTestId('case-assessment').count()).toBe(0);
    expect(await page.getByTestId('case-consultations').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'case-official-zh.png'), fullPage: true });

    // English, kept after a reload.
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Step and deadline').first().waitFor();
    await page.getByRole('menuitem', { name: 'My cases' }).waitFor();
    await page.reload();
    await page.getByText('Event trail').first().waitFor();
    // (A string, evaluated in the page: this file is type-checked without the DOM library.)
    expect(await page.evaluate("localStorage.getItem('rongcuo.lang')")).toBe('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(SHOTS, 'case-official-en.png'), fullPage: true });

    // A case of someone else's unit: another unit's party organization gets "not found".
    await signOut();
    await signIn('unit-party-build', 'demo-unit_party-2025');
    // Signed out to the site's root: the next person lands on their workbench.
    await page.getByTestId('workbench').waitFor();
    await page.goto(caseUrl);
    await page.getByText('Case not found').waitFor();
    expect(await page.getByTestId('case-title').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'case-not-found-en.png') });

    // An unknown address inside the app is the app's own not-found page (SPA fallback).
    await page.goto(server.url + '/no/such/page');
    await page.getByText('Page not found').waitFor();

    // Back to Chinese for the intake officer; the overdue filter shows overdue badges.
    await page.getByText('中文', { exact: true }).click();
    await signOut();
    await signIn('intake', 'demo-intake-2025');
    await page.getByRole('menuitem', { name: '案件办理' }).waitFor();
    await page.goto(server.url + '/cases?due=overdue');
    await page.getByTestId('due-overdue').first().waitFor();
    const overdueRows = page.locator('[data-testid="case-table"] tbody tr.ant-table-row');
    const n = await overdueRows.count();
    expect(n).toBeGreaterThan(0);
    expect(await page.getByTestId('due-overdue').count()).toBe(n);
    await page.screenshot({ path: join(SHOTS, 'cases-intake-overdue-zh.png'), fullPage: true });

    // No script errors and no CSP refusals on any page.
    expect(realProblems(problems())).toEqual([]);
  }
}
