/**
 * Follow-up visits (回访) in Chromium (see harness.ts), on the demo, in Chinese and in English: the
 * organization department's liaison opens the screen and sees the rule of the
 * measure in force, the draw the demo made (its seed) and the visits in both states. In Chinese
 * they record the visit still to be made and send it to the organization department; in English
 * they draw from the officials left in the window with a seed of their own, which the screen shows
 * after the draw. axe on each screen; at 390 px wide the screen does not scroll sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { VisitsView } from '../src/api/visits.js';
import { axeViolations, expectFits, PHONE, realProblems, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();

const T = {
  zh: {
    heading: '影响期干部回访',
    rule: /影响期满前1个月开展回访，抽查比例不低于30%/,
    record: '记录结果',
    save: '保 存',
    sent: /已将 1 条回访结果报送组织部门/,
    done: '已回访',
  },
  en: {
    heading: 'Follow-up visits in the impact period',
    rule: /visits 1 month before the impact period ends, at least 30%/,
    record: 'Record',
    save: 'Save',
    sent: /1 visit results sent/,
    done: 'Visited',
  },
} as const;

async function liaisonOn(lang: 'zh' | 'en'): Promise<Page> {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  // Signed out, the address asked for shows the sign-in page, then the page once signed in.
  await page.goto(w.url + '/visits');
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'liaison', 'demo-org_liaison-2025');
  await page.getByRole('heading', { name: T[lang].heading }).waitFor();
  return page;
}

async function view(page: Page): Promise<VisitsView> {
  return page.evaluate(async () => (await fetch('/api/visits')).json() as Promise<VisitsView>);
}

describe('follow-up visits (zh)', () => {
  it('shows the demo’s draw and records and reports the visit still to be made', async () => {
    const page = await liaisonOn('zh');
    await page.getByTestId('visit-rule').getByText(T.zh.rule).waitFor();
    const data = await view(page);
    expect(data.draws).toHaveLength(1);
    await page.getByTestId('draw-table').getByText(data.draws[0]!.seed).waitFor();
    expect(data.visits.some((v) => v.state === 'done' && v.reportedOn !== null)).toBe(true);
    const open = data.visits.find((v) => v.abilities.record)!;
    expect(open).toBeDefined();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId(`record-${open.id}`).click();
    await page.getByTestId('visit-visitors').fill('区委组织部干部监督科 陈晓燕');
    await page
      .getByTestId('visit-findings')
      .fill('整改任务已完成，工作状态良好，所在单位评价较好。');
    await page.getByRole('radio', { name: '需加强关心帮助' }).check();
    await page.getByTestId('save-visit').click();
    const row = page.getByTestId('visit-table').locator(`tr[data-row-key="${open.id}"]`);
    await row.getByText(T.zh.done).waitFor();
    await row.getByRole('checkbox').check();
    await page.getByTestId('report-visits').click();
    await page.getByTestId('reported').getByText(T.zh.sent).waitFor();
    const after = (await view(page)).visits.find((v) => v.id === open.id)!;
    expect(after).toMatchObject({ state: 'done', conclusion: 'needs_support' });
    expect(after.reportedOn).not.toBeNull();
    await w.shot(page, 'visits-zh');
    expect(realProblems(w.problems)).toEqual([]);
  });
});

describe('follow-up visits (en)', () => {
  it('draws from the officials left in the window with a given seed, shown after the draw', async () => {
    const page = await liaisonOn('en');
    await page.getByTestId('visit-rule').getByText(T.en.rule).waitFor();
    const before = await view(page);
    expect(before.upcoming.length).toBeGreaterThan(0);
    await page.getByTestId('open-draw').click();
    const n = before.upcoming.length;
    await page.getByTestId('draw-summary').getByText(`${n} officials`, { exact: false }).waitFor();
    await page.getByTestId('draw-seed').fill('lottery-0815');
    await page.getByTestId('confirm-draw').click();
    await page.getByTestId('drawn-seed').getByText('lottery-0815').waitFor();
    const after = await view(page);
    expect(after.draws).toHaveLength(before.draws.length + 1);
    expect(after.draws[0]).toMatchObject({ seed: 'lottery-0815', share: 0.3 });
    expect(after.draws[0]!.selected).toHaveLength(Math.ceil(0.3 * n));
    expect(await axeViolations(page)).toEqual([]);
    await w.shot(page, 'visits-en');

    await page.setViewportSize(PHONE);
    await expectFits(page);
    await w.shot(page, 'visits-en-phone');
    expect(realProblems(w.problems)).toEqual([]);
  });
});
