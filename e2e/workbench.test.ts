/**
 * The workbench (工作台) in Chromium (see harness.ts), on the demo, in Chinese and in English: it
 * is the page every role lands on after signing in; the intake officer's lists a case to accept
 * whose link opens the case at its task; the investigator's shows a task due soon; the committee
 * chair's a vote or a decision; the official's their own applications with what they may do. On a
 * case the action box shows a task that cannot be done yet disabled, with its reason and the date
 * it becomes possible; the header's reminder counts what is due soon and overdue. axe on each
 * screen.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Todos } from '../src/api/todos.js';
import { axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();

type Lang = 'zh' | 'en';
const T = {
  zh: {
    heading: '工作台',
    accept: '受理审查',
    close: '办结',
    mine: '我的申请',
  },
  en: {
    heading: 'Workbench',
    accept: 'Decide on acceptance',
    close: 'Close the case',
    mine: 'My applications',
  },
} as const;

/** A fresh browser for one person, signed in from the site's root in `lang`. */
async function signedIn(lang: Lang, username: string, password: string): Promise<Page> {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  await page.goto(w.url + '/');
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, username, password);
  await page.getByTestId('workbench').waitFor();
  await page.getByRole('heading', { name: T[lang].heading }).waitFor();
  return page;
}

async function todos(page: Page): Promise<Todos> {
  return page.evaluate(async () => (await fetch('/api/todos')).json() as Promise<Todos>);
}

const group = (page: Page, action: string) => page.getByTestId(`todo-group-${action}`);

for (const lang of ['zh', 'en'] as const) {
  describe(`the workbench (${lang})`, () => {
    it('is where the intake officer lands, with a case to accept that opens at its task', async () => {
      const page = await signedIn(lang, 'intake', 'demo-intake-2025');
      expect(new URL(page.url()).pathname).toBe('/workbench');
      const accept = group(page, 'accept');
      await accept.getByText(T[lang].accept).first().waitFor();
      const data = await todos(page);
      const first = data.groups.find((g) => g.action === 'accept')!.items[0]!;
      const total = data.counts.dueSoon + data.counts.overdue;
      expect(total).toBeGreaterThan(0); // the demo has overdue cases to accept and to notify
      await expect.poll(() => page.getByTestId('todo-badge').innerText()).toContain(String(total));
      expect(await axeViolations(page)).toEqual([]);
      await w.shot(page, `workbench-intake-${lang}`);
      await accept.getByRole('link', { name: new RegExp(first.number) }).click();
      await page.getByTestId('case-title').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/cases/${first.caseId}`);
      expect(new URL(page.url()).hash).toBe('#task-accept');
      await page.getByTestId('action-accept').waitFor();
    }, 120_000);

    it('shows the investigator a task due soon', async () => {
      const page = await signedIn(lang, 'investigator', 'demo-investigator-2025');
      const data = await todos(page);
      expect(data.counts.dueSoon).toBeGreaterThan(0);
      const soon = data.groups.flatMap((g) => g.items).find((i) => i.dueStatus === 'due_soon')!;
      const item = page.getByTestId('todo-item').filter({ hasText: soon.number });
      await item.getByTestId('due-soon').waitFor();
      expect(await page.getByTestId('todo-count-dueSoon').innerText()).toContain(
        String(data.counts.dueSoon),
      );
      expect(await axeViolations(page)).toEqual([]);
    }, 120_000);

    it("shows the chair the panel's votes and decisions", async () => {
      const page = await signedIn(lang, 'chair', 'demo-committee_chair-2025');
      const actions = (await todos(page)).groups.map((g) => g.action);
      const deliberation = actions.filter((a) => a === 'vote' || a === 'decide');
      expect(deliberation.length).toBeGreaterThan(0);
      for (const a of deliberation) await group(page, a).getByTestId('todo-item').first().waitFor();
      await w.shot(page, `workbench-chair-${lang}`);
    }, 120_000);

    it('shows the official their applications and what they may do', async () => {
      const page = await signedIn(lang, 'official', 'demo-official-2025');
      const mine = page.getByTestId('my-cases');
      await mine.getByText(T[lang].mine).waitFor();
      const data = await todos(page);
      expect(data.mine.length).toBeGreaterThan(0);
      for (const c of data.mine) await mine.getByText(c.number).first().waitFor();
      // A decided case offers its document; a notified one within the window, review.
      await mine.getByTestId('my-action-document').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await w.shot(page, `workbench-official-${lang}`);
    }, 120_000);

    it('shows a task not possible yet disabled, with its reason and date', async () => {
      const page = await signedIn(lang, 'intake', 'demo-intake-2025');
      // A notified case: closing waits for the review and appeal window.
      const list = await page.evaluate(
        async () =>
          (await (await fetch('/api/cases?state=notified&pageSize=1')).json()) as {
            items: { id: string }[];
          },
      );
      const id = list.items[0]!.id;
      await page.goto(`${w.url}/cases/${id}`);
      const notNow = page.getByTestId('task-not-now-close');
      await notNow.waitFor();
      // (Ant Design spaces a two-character Chinese label: 办 结.)
      const button = notNow.getByRole('button');
      expect(await button.isDisabled()).toBe(true);
      expect((await button.innerText()).replace(/\s/g, '')).toBe(T[lang].close.replace(/\s/g, ''));
      const reason = await notNow.getByTestId('task-reason').innerText();
      // The day it becomes possible, in words and as a date.
      expect(reason).toMatch(
        lang === 'zh'
          ? /可于\d{4}年\d{1,2}月\d{1,2}日起办结/
          : /closed from \d{1,2} [A-Z][a-z]+ \d{4}/,
      );
      expect(await notNow.getAttribute('data-date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await axeViolations(page)).toEqual([]);
      await page
        .getByTestId('case-actions')
        .screenshot({ path: join(SHOTS, `workbench-not-now-${lang}.png`) });
    }, 120_000);
  });
}

describe('the run', () => {
  it('met no script errors', () => {
    expect(realProblems(w.problems)).toEqual([]);
  });
});
