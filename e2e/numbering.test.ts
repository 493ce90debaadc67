/**
 * Document numbering and the reasons of "not now", in a real browser (see harness.ts), on the
 * demo, in zh and en at desktop width:
 *
 * - the administrator opens a jurisdiction's numbering from the organization table: the code and
 *   patterns set (the city's, by the demo), the number each pattern would give shown as it is
 *   typed, a pattern without its serial refused under its field naming the placeholder, the
 *   notice that only numbers issued afterwards change; saved, it is there on reopening;
 * - the case page of a determination changed on review lists its own number;
 * - a task of the action box that cannot be done now is disabled, with the reason and the date.
 */
import { join } from 'node:path';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cases, determinations } from '../src/app/tables.js';
import { writtenDate } from '../src/shared/time.js';
import { axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

async function person(username: string, password: string, path: string): Promise<Page> {
  const page = await w.newPage();
  pages.push(page);
  await page.goto(w.url + path);
  await w.signIn(page, username, password);
  await page.getByTestId('user-name').waitFor();
  return page;
}

async function withShots(name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await p
        .screenshot({ path: join(SHOTS, `numbering-${name}-failure-${i}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw e;
  }
}

const spaced = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

describe('document numbering and the reasons of not now, in Chromium', () => {
  it('the administrator sets a jurisdiction’s numbering with a live example, in zh and en', async () => {
    await withShots('admin', async () => {
      const page = await person('admin', 'demo-admin-2025', '/admin/organization');
      await page.getByTestId('numbering-a-city').click();
      const dialog = page.getByRole('dialog', { name: /发文字号设置：某市/ });
      await dialog.waitFor();
      await dialog.getByText('只适用于此后编发的文号').waitFor();
      const year = new Date().getFullYear();
      // The city's settings, made by the demo through the same use case.
      expect(await dialog.getByLabel('机关代字').inputValue()).toBe('某市容纠');
      const determination = dialog.getByLabel('认定书', { exact: true });
      expect(await determination.inputValue()).toBe('{代字}认〔{年份}〕{序号}号');
      const example = dialog.getByTestId('numbering-example-determination');
      expect(await example.innerText()).toBe(`示例：某市容纠认〔${year}〕1号`);

      // Without the serial: refused under the field, naming the placeholder; no example.
      await determination.fill('{代字}认字〔{年份}〕号');
      await dialog.getByText('文号格式缺少序号占位符 {序号}').waitFor();
      expect(await example.innerText()).toBe('');
      await determination.fill('{代字}认字〔{年份}〕{序号}号');
      await expect.poll(() => example.innerText()).toBe(`示例：某市容纠认字〔${year}〕1号`);
      // A blank pattern shows the default's example.
      expect(await dialog.getByTestId('numbering-example-acceptance').innerText()).toBe(
        `示例：某市容纠容受〔${year}〕1号`,
      );
      await w.shot(page, 'numbering-admin-zh');
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: spaced('保存') }).click();
      await page.getByText('发文字号设置已保存').waitFor();
      await dialog.waitFor({ state: 'detached' });

      // English: the saved pattern, with the canonical placeholders.
      await page.getByText('English', { exact: true }).click();
      await page.getByTestId('numbering-a-city').click();
      const en = page.getByRole('dialog', { name: /Document numbering: A City/ });
      await en.waitFor();
      await en.getByText('apply only to numbers issued afterwards').waitFor();
      expect(await en.getByLabel('Determination', { exact: true }).inputValue()).toBe(
        '{code}认字〔{year}〕{n}号',
      );
      expect(await en.getByTestId('numbering-example-determination').innerText()).toBe(
        `Example: 某市容纠认字〔${year}〕1号`,
      );
      await w.shot(page, 'numbering-admin-en');
      expect(await axeViolations(page)).toEqual([]);
    });
  }, 300_000);

  it('a determination changed on review shows its own number; a task not now says why and from when', async () => {
    await withShots('case', async () => {
      const db = w.app.ctx.store.db;
      const [changed] = await db
        .select({ caseId: determinations.caseId, number: determinations.documentNumber })
        .from(determinations)
        .where(and(eq(determinations.basis, 'review'), isNotNull(determinations.supersedesId)));
      const page = await person('liaison', 'demo-org_liaison-2025', '/cases');
      await page.goto(`${w.url}/cases/${changed!.caseId}`);
      await page.getByText(changed!.number).first().waitFor();

      // Cases after the decision, until one has a task with a date (a window or period running).
      const candidates = await db
        .select({ id: cases.id })
        .from(cases)
        .where(inArray(cases.state, ['publicity', 'filed', 'notified']));
      const dated = page.locator('[data-testid^="task-not-now-"][data-date]');
      let found = false;
      for (const c of candidates) {
        await page.goto(`${w.url}/cases/${c.id}`);
        await page.getByTestId('case-timeline').waitFor();
        if ((await dated.count()) > 0) {
          found = true;
          break;
        }
      }
      expect(found, 'a case with a task not now until a date').toBe(true);
      const task = dated.first();
      const date = (await task.getAttribute('data-date'))!;
      expect(await task.locator('button').isDisabled()).toBe(true);
      const reason = task.getByTestId('task-reason');
      expect(await reason.innerText()).toContain(writtenDate(date).zh);
      await w.shot(page, 'numbering-task-not-now-zh');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByText('English', { exact: true }).click();
      await expect.poll(() => reason.innerText()).toContain(writtenDate(date).en);
      await w.shot(page, 'numbering-task-not-now-en');
      expect(realProblems(w.problems)).toEqual([]);
    });
  }, 300_000);
});
