/**
 * The web app in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
 * against the server started in-process on a free port over a fresh PGlite store seeded with the
 * demo (as `rongcuo serve` does on first start). Needs the built app (npm run build) and Chromium
 * with CJK fonts (.ci/run installs chromium and fonts-noto-cjk). Screenshots go to
 * test-artifacts/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { seedDemo } from '../src/app/demo.js';
import { startServer, type StartedServer } from '../src/server/index.js';
import { defaultWebDir } from '../src/server/web.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

let app: OpenedApp;
let server: StartedServer;
let context: BrowserContext;
let page: Page;
let dataDir: string;
let profileDir: string;
/** Console errors and CSP refusals the pages reported. */
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it with apt-get install -y chromium fonts-noto-cjk (as .ci/run does), or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(join(defaultWebDir(), 'index.html'))) {
    throw new Error('The web app is not built: run npm run build (or npm run build:web) first.');
  }
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'rongcuo-e2e-data-'));
  profileDir = mkdtempSync(join(tmpdir(), 'rongcuo-e2e-profile-'));
  // Always PGlite (even when DATABASE_URL is set for the store tests): a fresh store per run.
  app = await openApp({ dataDir, databaseUrl: undefined });
  await seedDemo(app.ctx);
  server = await startServer(app.ctx, { port: 0, host: '127.0.0.1' });
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
}, 240_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  for (const dir of [dataDir, profileDir]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

async function signIn(username: string, password: string) {
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

async function signOut() {
  await page.getByRole('button', { name: /退\s*出|Sign out/ }).click();
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).waitFor();
}

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
    await page.goto(server.url + '/');
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

    await signIn('official', 'demo-official-2025');
    await page.getByRole('heading', { name: '案件' }).waitFor();
    expect(await page.getByTestId('user-name').innerText()).toBe('张伟');
    await page.getByRole('menuitem', { name: '我的案件' }).waitFor();
    const rows = page.locator('[data-testid="case-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'cases-official-zh.png'), fullPage: true });

    // Open the first case: summary, step, facts, trail; no action buttons yet.
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
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
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
    expect(problems.filter((p) => !/status of 40[14]/.test(p))).toEqual([]);
  }
}
