/**
 * Notifications (提醒) in Chromium (see harness.ts), on the demo, in Chinese and in English: the
 * demo has corrections of its own; two determined cases without one get a correction with overdue
 * actions of known tasks (written directly, to know what to expect), the reminder sweep runs, and the organization liaison
 * sees the unread count on the header's button, opens the drawer, follows a notification to its
 * case (which marks it read); at phone width the drawer fits the screen. axe on the open drawer.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPage } from '../src/api/notifications.js';
import { sweepReminders } from '../src/app/jobs/reminders/sweep.js';
import { cases, corrections, users } from '../src/app/tables.js';
import { insertAction, insertCorrection } from '../src/app/testing/correction-rows.js';
import { axeViolations, expectFits, PHONE, realProblems, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();

type Lang = 'zh' | 'en';
const T = {
  zh: { title: '提醒', unread: '未读', overdue: /纠错措施“.+”已于 \d{4}-\d{2}-\d{2} 到期/ },
  en: {
    title: 'Notifications',
    unread: 'Unread',
    overdue: /correction action “.+” of case .+ was due on \d{4}-\d{2}-\d{2}/,
  },
} as const;

beforeAll(async () => {
  const db = w.app.store.db;
  const [chair] = await db.select().from(users).where(eq(users.username, 'chair'));
  const corrected = new Set(
    (await db.select({ caseId: corrections.caseId }).from(corrections)).map((k) => k.caseId),
  );
  const determined = await db
    .select()
    .from(cases)
    .where(eq(cases.jurisdictionId, 'x-new-area'))
    .then((rows) =>
      rows.filter((c) => c.outcomeInForce !== null && !corrected.has(c.id)).slice(0, 2),
    );
  expect(determined).toHaveLength(2);
  // Two overdue actions on each: four notifications for the liaison, one followed per language.
  for (const [i, c] of determined.entries()) {
    const k = await insertCorrection(db, c, chair!.id);
    for (const [j, task] of ['补办用地审批手续', '完善项目审批台账'].entries()) {
      await insertAction(db, k, chair!.id, {
        ownerOfficialId: c.officialId,
        dueOn: `2025-01-${i}${j + 1}`,
        task,
      });
    }
  }
  expect((await sweepReminders(w.app.ctx)).total).toBeGreaterThan(0);
}, 60_000);

async function signedIn(lang: Lang): Promise<Page> {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  await page.goto(w.url + '/');
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
  await page.getByTestId('workbench').waitFor();
  return page;
}

const unread = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/notifications?limit=50');
    return ((await r.json()) as NotificationPage).unread;
  });

for (const lang of ['zh', 'en'] as const) {
  describe(`notifications (${lang})`, () => {
    it('shows the unread count, opens the list and follows one to its case', async () => {
      const page = await signedIn(lang);
      const before = await unread(page);
      expect(before).toBeGreaterThan(0);
      const bell = page.getByTestId('notification-bell');
      await expect.poll(() => bell.innerText()).toContain(String(before));
      await bell.click();
      const drawer = page.getByRole('dialog', { name: T[lang].title });
      await drawer.waitFor();
      // The demo's own corrections may have overdue reviews too: follow an overdue action's.
      const item = drawer
        .getByTestId('notification-item')
        .filter({ hasText: T[lang].unread })
        .filter({ hasText: T[lang].overdue });
      await item.first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await w.shot(page, `notifications-${lang}`);
      await item.first().click();
      await page.getByTestId('case-title').waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
      await expect.poll(() => unread(page)).toBe(before - 1);
      // The badge shows the count left (nothing at all when none is left).
      if (before > 1) await expect.poll(() => bell.innerText()).toContain(String(before - 1));
      else await expect.poll(async () => (await bell.innerText()).trim()).toBe('');

      // At phone width the header and the open drawer fit.
      await page.setViewportSize(PHONE);
      await expectFits(page);
      await bell.click();
      await drawer.getByTestId('notification-item').first().waitFor();
      await expectFits(page);
      await w.shot(page, `notifications-${lang}-phone`);
      expect(realProblems(w.problems)).toEqual([]);
    }, 120_000);
  });
}
