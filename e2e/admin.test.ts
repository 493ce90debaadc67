/**
 * Administration and the dashboard in Chromium (see harness.ts): the province's administrator
 * creates a user with a unit-scoped role and resets their password; the new user signs in and
 * sees only their unit's cases; the organization and calendar views; the committee chair's
 * dashboard draws its charts with the same figures as the API, in Chinese and English.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();
let page: Page;

beforeAll(async () => {
  page = await w.newPage();
}, 240_000);

const USERNAME = 'e2e-econ-party';
const INITIAL = 'Chushi-mima-2031';
const RESET = 'Chongzhi-mima-2032';
const CHANGED = 'Benren-mima-2033';

/** Picks an option in the open Ant Design dropdown. */
async function pickOption(p: Page, text: string) {
  await p
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

async function apiJson<T>(p: Page, path: string): Promise<T> {
  const res = await p.request.get(w.url + path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describe('administration and the dashboard in Chromium', () => {
  it('the admin creates a unit-scoped user and resets the password; the user sees only their unit', async () => {
    try {
      await adminJourney();
    } catch (e) {
      await page
        .screenshot({ path: join(SHOTS, 'admin-failure.png'), fullPage: true })
        .catch(() => {});
      throw e;
    }
  }, 240_000);

  it('the chair’s dashboard draws its charts with the API’s figures, in Chinese and English', async () => {
    try {
      await dashboardJourney();
    } catch (e) {
      await page
        .screenshot({ path: join(SHOTS, 'dashboard-failure.png'), fullPage: true })
        .catch(() => {});
      throw e;
    }
    expect(realProblems(w.problems)).toEqual([]);
  }, 240_000);
});

async function adminJourney() {
  await page.goto(w.url + '/');
  await w.signIn(page, 'admin', 'demo-admin-2025');
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('heading', { name: '用户' }).waitFor();
  const rows = page.locator('[data-testid="user-table"] tbody tr.ant-table-row');
  await rows.first().waitFor();
  const listed = await apiJson<{ total: number }>(page, '/api/admin/users?pageSize=1');
  await page.getByText(`共 ${listed.total} 个用户`).waitFor();
  await w.shot(page, 'admin-users-zh');
  expect(await axeViolations(page)).toEqual([]);

  // A new user: the password rules are checked as the administrator types.
  await page.getByTestId('new-user').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(USERNAME);
  await dialog.getByLabel('姓名').fill('经济发展局党组（测试）');
  await dialog.getByLabel('初始密码').fill('short');
  await dialog.getByText('至少 10 个字符').first().waitFor();
  await expect
    .poll(() => dialog.locator('.ant-form-item-explain-error').count())
    .toBeGreaterThan(0);
  await dialog.getByLabel('初始密码').fill(INITIAL);
  await expect.poll(() => dialog.locator('.rc-rule-ok').count()).toBe(5);
  // Choose by typing (the role list is searchable) and Enter: no dropdown animation to race.
  await dialog.getByRole('combobox', { name: '角色 1', exact: true }).click();
  await page.keyboard.type('单位党组织');
  await page.keyboard.press('Enter');
  await dialog.locator('.rc-grant-role').getByText('单位党组织').waitFor();
  await dialog.getByRole('combobox', { name: '范围 1', exact: true }).click();
  await page.keyboard.type('经济发展局');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', {
      hasText: '经济发展局',
    })
    .first()
    .click();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: /创\s*建/ }).click();

  // The user opens in the drawer, with the grant over the bureau.
  const drawer = page.getByTestId('user-drawer');
  await drawer.getByText(/管理用户：经济发展局党组（测试）/).waitFor();
  await drawer.getByText(USERNAME, { exact: true }).waitFor();
  const created = await apiJson<{
    items: { id: string; grants: { role: string; scopeKind: string }[] }[];
  }>(page, `/api/admin/users?q=${USERNAME}`);
  expect(created.items).toHaveLength(1);
  expect(created.items[0]!.grants).toEqual([
    expect.objectContaining({ role: 'unit_party', scopeKind: 'unit' }),
  ]);

  // Reset the password (asks first).
  await drawer.getByLabel('新密码').fill(RESET);
  await drawer.getByRole('button', { name: /重置密码/ }).click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await page.getByText('密码已重置，该用户已被退出登录。').waitFor();
  await drawer.getByText('重置密码', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: '关闭' }).click();

  // The organization with each jurisdiction's pack and calendar; the calendar month view.
  await page.getByRole('tab', { name: '组织机构' }).click();
  await page.getByRole('heading', { name: '组织机构' }).waitFor();
  await page.getByTestId('org-table').getByText('X新区', { exact: true }).waitFor();
  await page.getByTestId('org-table').getByText('2027 暂定').first().waitFor();
  await w.shot(page, 'admin-orgs-zh');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: '工作日日历' }).click();
  await page.getByRole('heading', { name: '工作日日历' }).waitFor();
  await page.getByText('2025', { exact: true }).click();
  await page.getByLabel('月份').click();
  await pickOption(page, '2025 年 1 月');
  // The closed dropdown must have left before the accessibility check.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  await page.locator('[data-date="2025-01-26"].rc-day-makeup').waitFor();
  expect(await page.locator('[data-date="2025-01-29"]').getAttribute('class')).toContain(
    'rc-day-holiday',
  );
  await page.locator('caption', { hasText: '2025 年 1 月' }).waitFor();
  await w.shot(page, 'admin-calendar-zh');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByText('2027 (暂定)').click();
  await page.getByText(/2027 年为暂定日历/).waitFor();

  // The new user: the initial password no longer works, the reset one does; only their unit.
  await w.signOut(page);
  await w.signIn(page, USERNAME, INITIAL);
  await page.getByText('用户名或密码不正确').waitFor();
  await w.signIn(page, USERNAME, RESET);
  // A password an administrator set is changed by its user first (e2e/account.test.ts).
  await page.getByTestId('forced-change').waitFor();
  await page.getByLabel('当前密码').fill(RESET);
  await page.getByLabel('新密码', { exact: true }).fill(CHANGED);
  await page.getByLabel('再次输入新密码').fill(CHANGED);
  await page.getByRole('button', { name: /修改密码/ }).click();
  await page.getByRole('menuitem', { name: '本单位案件' }).waitFor();
  expect(await page.getByRole('menuitem', { name: '系统管理' }).count()).toBe(0);
  const mine = await apiJson<{ total: number }>(page, '/api/cases?pageSize=1');
  await page.getByRole('menuitem', { name: '本单位案件' }).click();
  await page.getByText(`共 ${mine.total} 件`).waitFor();
  expect(mine.total).toBeGreaterThan(0);
  expect((await page.request.get(w.url + '/api/admin/users')).status()).toBe(403);
  await w.signOut(page);
  // The whole X New Area has more cases than the one bureau.
  await w.signIn(page, 'unit-party', 'demo-unit_party-2025');
  await page.getByRole('menuitem', { name: '本单位案件' }).waitFor();
  const bureau = await apiJson<{ total: number }>(page, '/api/cases?pageSize=1');
  expect(mine.total).toBe(bureau.total);
  await w.signOut(page);
  await w.signIn(page, 'intake', 'demo-intake-2025');
  await page.getByRole('menuitem', { name: '案件办理' }).waitFor();
  const area = await apiJson<{ total: number }>(page, '/api/cases?pageSize=1');
  expect(mine.total).toBeLessThan(area.total);
  await w.signOut(page);
}

interface DashboardJson {
  totals: { open: number; overdue: number; decided: number };
  overdue: { count: number; items: { number: string }[] };
}

async function dashboardJourney() {
  // A page of its own: whatever the first journey left behind does not matter.
  page = await w.newPage();
  await page.goto(w.url + '/');
  await w.signIn(page, 'chair', 'demo-committee_chair-2025');
  await page.getByRole('menuitem', { name: '仪表盘' }).click();
  await page.getByRole('heading', { name: '仪表盘' }).waitFor();
  await page.locator('[data-testid="chart-by-step"] canvas').waitFor();
  await page.locator('[data-testid="chart-outcomes"] canvas').waitFor();
  const d = await apiJson<DashboardJson>(page, '/api/dashboard?months=12');
  expect(d.totals.open).toBeGreaterThan(0);
  const stat = (key: string) =>
    page.getByTestId(`total-${key}`).locator('.ant-statistic-content-value').innerText();
  await expect.poll(() => stat('open')).toBe(String(d.totals.open));
  expect(await stat('overdue')).toBe(String(d.totals.overdue));
  expect(await stat('decided')).toBe(String(d.totals.decided));
  // The step table sums to the open total; the overdue list links the API's cases.
  const counts = await page
    .locator('[data-testid="table-by-step"] tbody tr.ant-table-row td:last-child')
    .allInnerTexts();
  expect(counts.reduce((s, c) => s + Number(c), 0)).toBe(d.totals.open);
  await page.getByTestId('overdue-count').getByText(`共 ${d.overdue.count} 件`).waitFor();
  for (const item of d.overdue.items.slice(0, 3)) {
    await page.getByTestId('table-overdue').getByRole('link', { name: item.number }).waitFor();
  }
  await w.shot(page, 'dashboard-zh');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByText('Open cases by step').waitFor();
  await page.locator('[data-testid="chart-outcomes"] canvas').waitFor();
  await w.shot(page, 'dashboard-en');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByText('中文', { exact: true }).click();
}
