/**
 * Browser test of single sign-on: in Chromium, the sign-in page shows 统一身份认证登录; the button
 * leads to a real OpenID provider (oidc-provider, started here), whose sign-in and consent the
 * browser fills in; back at rongcuo the linked user is signed in. An unlinked person sees the page
 * that refuses them, naming their id. With local passwords off the page offers the platform only,
 * and its break-glass link the password form, for the break-glass accounts alone. Its own small
 * world (not the demo): a test store, a server
 * on a free port, the provider on another.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.js';
import { linkExternalIdentity } from '../src/app/sso/links.js';
import { codeAt } from '../src/app/two-factors/totp.js';
import { buildWorld, TEST_PASSWORD, type World } from '../src/app/testing/world.js';
import type { Schema } from '../src/app/tables.js';
import { startServer, type StartedServer } from '../src/server/index.js';
import {
  securityAdminOf,
  startOidcProvider,
  type TestOidcProvider,
} from '../src/server/testing/sso.js';
import { openTestStore, type TestStore } from '../src/store/testing/harness.js';
import { CHROMIUM, CHROMIUM_ARGS } from './harness.js';

let opened: TestStore<Schema> | undefined;
let w: World;
let server: StartedServer;
let op: TestOidcProvider;
let browser: Browser;
/** The single sign-on settings, read at each request: tests change them in place. */
let sso: AppContext['settings']['sso'];

beforeAll(async () => {
  opened = await openTestStore<Schema>('pglite');
  w = await buildWorld(opened.store);
  // The settings are read at each request: the provider's address is filled in once it listens.
  sso = { ...w.ctx.settings.sso };
  const ctx: AppContext = { ...w.ctx, settings: { ...w.ctx.settings, sso } };
  server = await startServer(ctx, { port: 0, host: '127.0.0.1', checkResponses: true });
  const redirectUri = `${server.url}/api/auth/oidc/callback`;
  op = await startOidcProvider({
    redirectUri,
    people: {
      'zs-330102': { name: '张三丰' },
      'ls-330103': { name: '李四光' },
      'ad-330105': { name: '赵六' },
    },
  });
  Object.assign(sso, {
    oidcIssuer: op.issuer,
    oidcClientId: op.clientId,
    oidcClientSecret: op.clientSecret,
    oidcRedirectUrl: redirectUri,
    oidcAllowHttp: true,
  });
  const securityAdmin = await securityAdminOf(w);
  await linkExternalIdentity(w.ctx, securityAdmin, w.actors.intake!.userId, {
    provider: 'oidc',
    subject: 'zs-330102',
  });
  await linkExternalIdentity(w.ctx, securityAdmin, w.actors.admin!.userId, {
    provider: 'oidc',
    subject: 'ad-330105',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await opened?.cleanup();
});

async function newPage(lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'en' ? 'en-US' : 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // The interface language the web app keeps (web/src/i18n/index.ts).
  await context.addInitScript(`localStorage.setItem('rongcuo.lang', '${lang}')`);
  return context.newPage();
}

const BUTTON = { zh: '统一身份认证登录', en: 'Sign in through the identity platform' };

/** From rongcuo's sign-in page through the provider's sign-in and consent, as `sub`. */
async function signInThroughPlatform(page: Page, sub: string, lang: 'zh' | 'en' = 'zh') {
  await page.goto(server.url);
  await page.getByRole('link', { name: BUTTON[lang], exact: true }).click();
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

it('signs the linked user in through the identity platform', async () => {
  const page = await newPage();
  await signInThroughPlatform(page, 'zs-330102');
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
  expect(new URL(page.url()).origin).toBe(server.url);
  const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
    user: { username: string };
  };
  expect(me.user.username).toBe(w.actors.intake!.username);
  await page.context().close();
}, 90_000);

it('shows an unlinked person the page that refuses them, with their id', async () => {
  const page = await newPage();
  await signInThroughPlatform(page, 'ls-330103');
  await page.getByRole('heading', { name: '无法登录' }).waitFor();
  const body = await page.textContent('body');
  expect(body).toContain('尚未关联本系统用户');
  expect(body).toContain('ls-330103');
  await page.getByRole('link', { name: '返回登录页' }).click();
  await page.getByRole('link', { name: BUTTON.zh, exact: true }).waitFor();
  await page.context().close();
}, 90_000);

it('does the same in English: signed in', async () => {
  const page = await newPage('en');
  await signInThroughPlatform(page, 'zs-330102', 'en');
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
  await page.context().close();
}, 90_000);

it('does the same in English: refused', async () => {
  const page = await newPage('en');
  await signInThroughPlatform(page, 'ls-330103', 'en');
  await page.getByRole('heading', { name: 'Cannot sign in' }).waitFor();
  expect(await page.textContent('body')).toContain('is not linked to a rongcuo user');
  await page.context().close();
}, 90_000);

it('asks an administrator for rongcuo’s one-time code after the platform, the ticket gone from the address', async () => {
  let page = await newPage();
  // Not enrolled yet: the platform's sign-in leads to the enrolment step, no session.
  await signInThroughPlatform(page, 'ad-330105');
  await page.getByText('绑定动态口令').first().waitFor();
  expect(new URL(page.url()).hash).toBe('');
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  await page.getByLabel('应用显示的 6 位数字').fill(codeAt(secret, w.ctx.now()));
  await page.getByRole('button', { name: /确认绑定并登录/ }).click();
  await page.getByText('请保存恢复码').waitFor();
  await page.getByRole('button', { name: /我已保存/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
  await page.context().close();
  // Enrolled: the next sign-in through the platform (another browser) asks for the code.
  w.clock.instant = new Date(w.clock.instant.getTime() + 60_000);
  page = await newPage();
  await signInThroughPlatform(page, 'ad-330105');
  await page.getByText('已通过统一身份认证').waitFor();
  expect(new URL(page.url()).hash).toBe('');
  await page.getByLabel('动态口令或恢复码').fill(codeAt(secret, w.ctx.now()));
  await page.getByRole('button', { name: /验证并登录/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
  const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
    user: { username: string };
  };
  expect(me.user.username).toBe(w.actors.admin!.username);
  await page.context().close();
}, 120_000);

it('with local passwords off offers the platform only; the break-glass link opens the form, for the break-glass accounts alone', async () => {
  Object.assign(sso, { localPasswords: false, breakGlassUsers: [w.actors.chair!.username] });
  try {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByText('本系统已关闭用户名和密码登录').waitFor();
    await page.getByRole('link', { name: BUTTON.zh, exact: true }).waitFor();
    expect(await page.getByLabel('用户名').isVisible()).toBe(false);
    await page.getByRole('button', { name: '应急账户登录' }).click();
    await page.getByText('仅供统一身份认证平台故障时').waitFor();
    const signIn = async (username: string) => {
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
    };
    // Not a break-glass account: refused, saying where to sign in.
    await signIn(w.actors.intake!.username);
    await page
      .getByTestId('signin-error')
      .getByText(/统一身份认证/)
      .first()
      .waitFor();
    // The break-glass account signs in with its password.
    await signIn(w.actors.chair!.username);
    await page.getByRole('button', { name: /退\s*出/ }).waitFor();
    await page.context().close();
  } finally {
    Object.assign(sso, { localPasswords: true, breakGlassUsers: [] });
  }
}, 90_000);
