/**
 * The audit administrator's screens in the demo, in Chromium (see harness.ts): audit-admin signs
 * in, opens 审计 from the menu, verifies the chains (each chain named with its hash), reads the
 * security events (their own sign-in is there), filters the read log and finds their own reading
 * of the security events; in Chinese and in English. The screen shows no code word for what was
 * read.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserWorld, withShot } from './harness.js';

const w = useBrowserWorld();

async function auditPage(locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await w.newPage({ locale });
  await page.goto(w.url + '/');
  if (locale === 'en-US') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'audit-admin', 'demo-audit_admin-2025');
  await page.getByTestId('user-name').waitFor();
  return page;
}

describe('the audit administrator’s screens', () => {
  for (const [locale, t] of [
    [
      'zh-CN',
      {
        menu: '审计',
        verify: '校验',
        intact: '审计链完整',
        readLog: /^阅卷日志：\d+ 条记录校验通过（SHA-256）/,
        security: '安全事件',
        signedIn: '登录成功',
        readRead: '查阅安全事件',
      },
    ],
    [
      'en-US',
      {
        menu: 'Audit',
        verify: 'Verify',
        intact: 'Audit chains intact',
        readLog: /^Read log: \d+ rows verified \(SHA-256\)/,
        security: 'Security events',
        signedIn: 'Signed in',
        readRead: 'Security events',
      },
    ],
  ] as const) {
    it(`in ${locale}: menu, verification, security events and the read log`, async () => {
      const page = await auditPage(locale);
      await withShot(page, `audit-${locale}`, async () => {
        await page.getByRole('menuitem', { name: t.menu }).first().click();
        await page.getByTestId('audit').waitFor();
        await page.getByTestId('audit-verify-button').click();
        const result = page.getByTestId('audit-verify-result');
        await result.waitFor();
        expect(await result.innerText()).toContain(t.intact);
        expect(await page.getByTestId('audit-verify-read_log').innerText()).toMatch(t.readLog);

        await page.getByRole('tab', { name: t.security }).click();
        const security = page.getByTestId('audit-table-security-events');
        await security.getByText(t.signedIn).first().waitFor();

        // Back to the read log: the reading of the security events is in it, in words.
        await page.getByRole('tab', { name: locale === 'zh-CN' ? '阅卷日志' : 'Read log' }).click();
        const filters = page.getByTestId('audit-filters-read-log');
        await filters.getByTestId('audit-filter-what').fill('audit.');
        await page.getByTestId('audit-apply-read-log').click();
        const readLog = page.getByTestId('audit-table-read-log');
        await readLog.getByText(t.readRead, { exact: true }).first().waitFor();
        expect(await readLog.innerText()).not.toContain('audit.security_events');
        const href = await page.getByTestId('audit-export-read-log').getAttribute('href');
        expect(href).toContain('/api/audit/read-log/export.xlsx?what=audit.');
      });
      await page.close();
    }, 120_000);
  }
});
