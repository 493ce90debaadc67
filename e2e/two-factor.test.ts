/**
 * Two factors and the three administrators apart in Chromium (see harness.ts): the security
 * administrator signs in with a one-time code, sees the roles editor (which the system
 * administrator does not) and resets the system administrator's one-time codes; the system
 * administrator then signs in to the enrolment step — QR code and secret, one code — and is shown
 * the ten recovery codes once before entering the system.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../src/app/two-factors/totp.js';
import { axeViolations, realProblems, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
let page: Page;

beforeAll(async () => {
  page = await w.newPage();
}, 240_000);

async function apiJson<T>(p: Page, path: string): Promise<T> {
  const res = await p.request.get(w.url + path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describe('two factors in Chromium', () => {
  it('the security administrator resets the administrator’s codes; the administrator enrols again', async () => {
    await page.goto(w.url + '/');
    await w.signIn(page, 'security-admin', 'demo-security_admin-2025');
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('heading', { name: '用户' }).waitFor();
    // Accounts are the system administrator's: no "new user" here, no calendars tab.
    expect(await page.getByTestId('new-user').count()).toBe(0);
    expect(await page.getByRole('tab', { name: '工作日日历' }).count()).toBe(0);
    const found = await apiJson<{ items: { id: string; username: string }[] }>(
      page,
      '/api/admin/users?q=admin',
    );
    const admin = found.items.find((u) => u.username === 'admin')!;
    await page.goto(`${w.url}/admin/users?user=${admin.id}`);
    const drawer = page.getByTestId('user-drawer');
    await drawer.getByRole('button', { name: /保存角色/ }).waitFor();
    await drawer.getByTestId('user-two-factor').getByText('已启用').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await drawer.getByRole('button', { name: /重置动态口令/ }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText('已重置动态口令').first().waitFor();
    await drawer.getByTestId('user-two-factor').getByText('未启用').waitFor();
    await page.getByRole('button', { name: '关闭' }).click();
    await w.signOut(page);

    // The administrator: password, then the enrolment step.
    await page.getByLabel(/用户名/).fill('admin');
    await page.getByLabel(/密码/).fill('demo-admin-2025');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('绑定动态口令').first().waitFor();
    await page.getByRole('img', { name: '动态口令二维码' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('应用显示的 6 位数字').fill('000000');
    await page.getByRole('button', { name: /确认绑定并登录/ }).click();
    await page.getByText('动态口令或恢复码不正确').waitFor();
    await page.getByLabel('应用显示的 6 位数字').fill(codeAt(secret, new Date()));
    await page.getByRole('button', { name: /确认绑定并登录/ }).click();
    await page.getByText('请保存恢复码').waitFor();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /我已保存/ }).click();
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    // The system administrator reads an account's roles but does not edit them.
    await page.goto(`${w.url}/admin/users?user=${admin.id}`);
    await page.getByTestId('user-drawer').getByText('角色由安全管理员授予和调整').waitFor();
    expect(
      await page
        .getByTestId('user-drawer')
        .getByRole('button', { name: /保存角色/ })
        .count(),
    ).toBe(0);
    // No case files on the system administrator's menu (least privilege).
    expect(await page.getByRole('menuitem', { name: '案件办理' }).count()).toBe(0);
    expect(realProblems(w.problems)).toEqual([]);
  }, 180_000);
});
