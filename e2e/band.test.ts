/**
 * Issue 13 in the demo, in Chromium (see harness.ts): the Sichuan free-trade-zone area's chair
 * (ftz-chair, src/app/demo-zone.ts) opens the case in deliberation and sees the measure's band —
 * 免予问责、减轻问责、从轻问责 — with the help text saying the committee decides within it without
 * reasons, in Chinese and in English; opens the case decided 减轻问责 and sees the recommendation
 * worded as the band and tagged as followed (not 与建议不一致); opens the case outside the zone's
 * reform work and sees 不适用本办法 as the outcome.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cases } from '../src/app/tables.js';
import { ZONE_CASES } from '../src/app/demo-zone.js';
import { useBrowserWorld, withShot } from './harness.js';

const w = useBrowserWorld();
const PASSWORD = 'demo-committee_chair-2025';

/** The demo's zone case of `key`, by its title. */
async function caseUrl(key: (typeof ZONE_CASES)[number]['key']): Promise<string> {
  const title = ZONE_CASES.find((z) => z.key === key)!.title;
  const [row] = await w.app.ctx.store.db.select().from(cases).where(eq(cases.title, title));
  if (!row) throw new Error(`the demo has no zone case '${key}'`);
  return `${w.url}/cases/${row.id}`;
}

async function chairPage(locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await w.newPage({ locale });
  await page.goto(w.url + '/');
  // The language is the user's choice on the sign-in page (the browser's locale is not asked).
  if (locale === 'en-US') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, 'ftz-chair', PASSWORD);
  await page.getByTestId('user-name').waitFor();
  return page;
}

/** The band on the deliberation panel: its intro, its outcome tags and its help text. */
async function band(page: Page, url: string) {
  await page.goto(url);
  const shown = page.getByTestId('deliberation-panel').getByTestId('recommended-band');
  await shown.waitFor();
  return {
    text: await shown.innerText(),
    tags: await shown.getByTestId('recommended-outcome').allInnerTexts(),
  };
}

describe('a measure’s band and a result off the ladder in the demo', () => {
  it('in Chinese: the band live, a decision within it, and 不适用本办法', async () => {
    const page = await chairPage('zh-CN');
    await withShot(page, 'band-zh', async () => {
      const live = await band(page, await caseUrl('band-live'));
      expect(live.tags).toEqual(['免予问责（容错免责）', '减轻问责', '从轻问责']);
      expect(live.text).toContain('可以在以下范围内认定');
      expect(live.text).toContain('在此范围内作出认定，无需说明不采纳建议的理由');
      await w.shot(page, 'band-live-zh');

      // Decided 减轻问责 within the band: worded as the band, and following it.
      await page.goto(await caseUrl('band-decided'));
      const record = page.getByTestId('decision-record');
      await record.waitFor();
      expect(await record.getByTestId('record-outcome').innerText()).toBe('减轻问责');
      const rec = await record.getByTestId('record-recommended').innerText();
      expect(rec).toContain('可在免予问责（容错免责）、减轻问责、从轻问责范围内认定');
      expect(rec).toContain('与建议一致');
      expect(rec).not.toContain('与建议不一致');
      expect(await record.innerText()).not.toContain('不采纳建议的理由');
      await w.shot(page, 'band-decided-zh');

      // Outside the zone's reform work: the measure does not apply.
      await page.goto(await caseUrl('not-applicable'));
      await record.waitFor();
      expect(await record.getByTestId('record-outcome').innerText()).toBe('不适用本办法');
      expect(await record.getByTestId('record-recommended').innerText()).toContain('与建议一致');
      const body = await page.locator('body').innerText();
      expect(body).not.toMatch(/scftz-|sichuan-ftz/);
    });
    await page.context().close();
  }, 180_000);

  it('in English: the band and its help text', async () => {
    const page = await chairPage('en-US');
    await withShot(page, 'band-en', async () => {
      const live = await band(page, await caseUrl('band-live'));
      expect(live.tags).toHaveLength(3);
      expect(live.text).toContain('A decision within:');
      expect(live.text).toContain(
        'the committee decides within this band without reasons for departing',
      );
      expect(live.text).not.toMatch(/[\u4e00-\u9fff]/);
      await page.goto(await caseUrl('not-applicable'));
      const record = page.getByTestId('decision-record');
      await record.waitFor();
      expect(await record.getByTestId('record-outcome').innerText()).toBe(
        'This measure does not apply',
      );
    });
    await page.context().close();
  }, 180_000);
});
