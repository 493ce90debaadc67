/**
 * Account security in a real browser (see harness.ts), on the demo, in zh and en:
 *
 * - a user whose password an administrator set (or whose password expired) signs in and sees
 *   nothing but the change of password; once changed, their workbench;
 * - 账户安全 lists the user's sessions with the current one marked and how each was opened, and
 *   退出其他会话 ends the others (the other browser is signed out).
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { users } from '../src/app/tables.js';
import { axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

async function signedIn(
  username: string,
  password: string,
  locale: 'zh-CN' | 'en-US',
): Promise<Page> {
  const page = await w.newPage({ locale });
  pages.push(page);
  await page.goto(w.url + '/');
  if (locale === 'en-US') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, username, password);
  return page;
}

async function withShots(name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await p
        .screenshot({ path: join(SHOTS, `account-${name}-failure-${i}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw e;
  }
}

async function mustChange(username: string) {
  await w.app.store.db
    .update(users)
    .set({ mustChangePassword: true })
    .where(eq(users.username, username));
}

const TEXTS = {
  zh: {
    current: '当前密码',
    next: '新密码',
    again: '再次输入新密码',
    submit: /修改密码/,
    account: '账户安全',
    endOthers: '退出其他会话',
    confirm: /确\s*定/,
    thisOne: '当前会话',
    byPassword: '用户名和密码',
  },
  en: {
    current: 'Current password',
    next: 'New password',
    again: 'New password again',
    submit: /Change password/,
    account: 'Account security',
    endOthers: 'Sign out everywhere else',
    confirm: /End/,
    thisOne: 'This session',
    byPassword: 'Username and password',
  },
} as const;

for (const [lang, locale, forced, listed] of [
  ['zh', 'zh-CN', ['auditor', 'demo-auditor-2025'], ['liaison', 'demo-org_liaison-2025']],
  [
    'en',
    'en-US',
    ['policy-admin', 'demo-policy_admin-2025'],
    ['city-liaison', 'demo-org_liaison-2025'],
  ],
] as const) {
  const tx = TEXTS[lang];
  describe(`account security in Chromium (${lang})`, () => {
    it('a password set by an administrator is changed at sign-in, before anything else', async () => {
      await withShots(`forced-${lang}`, async () => {
        await mustChange(forced[0]);
        const page = await signedIn(forced[0], forced[1], locale);
        await page.getByTestId('forced-change').waitFor();
        // The menu is not there: nothing but the change.
        expect(await page.getByTestId('user-name').count()).toBe(0);
        const refused = await page.request.get(w.url + '/api/cases');
        expect(refused.status()).toBe(403);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
          'PASSWORD_CHANGE_REQUIRED',
        );
        await w.shot(page, `account-forced-${lang}`);
        expect(await axeViolations(page)).toEqual([]);
        const next = `Xin-mima-${lang}-2031`;
        await page.getByLabel(tx.current).fill(forced[1]);
        await page.getByLabel(tx.next, { exact: true }).fill(next);
        await page.getByLabel(tx.again).fill(next);
        await page.getByRole('button', { name: tx.submit }).click();
        await page.getByTestId('user-name').waitFor();
        expect((await page.request.get(w.url + '/api/cases?pageSize=1')).status()).toBe(200);
      });
    }, 240_000);

    it('账户安全 lists the sessions, the current one marked, and signs out the others', async () => {
      await withShots(`sessions-${lang}`, async () => {
        const other = await signedIn(listed[0], listed[1], locale);
        await other.getByTestId('user-name').waitFor();
        const page = await signedIn(listed[0], listed[1], locale);
        await page.getByTestId('user-name').waitFor();
        await page.getByTestId('account-link').click();
        await page.getByRole('heading', { name: tx.account, level: 2 }).waitFor();
        const rows = page.getByTestId('sessions').locator('tbody tr.ant-table-row');
        await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
        await page.getByTestId('sessions').getByText(tx.thisOne).waitFor();
        // How each was opened: both with the username and password.
        await expect.poll(() => rows.getByText(tx.byPassword, { exact: true }).count()).toBe(2);
        await w.shot(page, `account-sessions-${lang}`);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('end-others').click();
        await page
          .locator('.ant-popconfirm:visible')
          .getByRole('button', { name: tx.confirm })
          .click();
        await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
        // The other browser's session has ended.
        expect((await other.request.get(w.url + '/api/auth/me')).status()).toBe(401);
      });
      expect(realProblems(w.problems)).toEqual([]);
    }, 240_000);
  });
}

describe('安全策略 in Chromium (zh)', () => {
  it('the security administrator raises the minimum length; a user’s change is held to it', async () => {
    await withShots('policy-zh', async () => {
      const admin = await signedIn('security-admin', 'demo-security_admin-2025', 'zh-CN');
      await admin.getByRole('menuitem', { name: '安全策略', exact: true }).click();
      await admin.getByRole('heading', { name: '安全策略', level: 2 }).waitFor();
      expect(await axeViolations(admin)).toEqual([]);
      const length = admin.getByLabel('密码最少字符数');
      await length.fill('16');
      await admin.getByRole('button', { name: /保\s*存/ }).click();
      await admin.getByText('安全策略已保存。').waitFor();
      await admin.getByText('至少 16 个字符').waitFor();
      await w.shot(admin, 'account-policy-zh');

      // The investigator's own change of password meets the new rule on 账户安全.
      const page = await signedIn('investigator', 'demo-investigator-2025', 'zh-CN');
      await page.getByTestId('account-link').click();
      const form = page.getByTestId('change-password-form');
      await form.waitFor();
      await form.getByLabel(TEXTS.zh.current).fill('demo-investigator-2025');
      const short = 'Duan-mima-2031'; // 14 characters
      await form.getByLabel(TEXTS.zh.next, { exact: true }).fill(short);
      await form.getByLabel(TEXTS.zh.again).fill(short);
      await form.getByRole('button', { name: TEXTS.zh.submit }).click();
      await form
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: '至少 16 个字符' })
        .waitFor();
      const long = 'Xin-mima-changdu-2031';
      await form.getByLabel(TEXTS.zh.next, { exact: true }).fill(long);
      await form.getByLabel(TEXTS.zh.again).fill(long);
      await form.getByRole('button', { name: TEXTS.zh.submit }).click();
      await page.getByText('密码已修改').first().waitFor();
      // Signed in again with the new password: it was stored.
      const again = await signedIn('investigator', long, 'zh-CN');
      await again.getByTestId('user-name').waitFor();
    });
    expect(realProblems(w.problems)).toEqual([]);
  }, 240_000);
});
