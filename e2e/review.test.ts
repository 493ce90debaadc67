/**
 * Review and appeal done right, in a real browser (see harness.ts), on the demo:
 *
 * - a review asked for during publicity: the case page shows until when review and appeal may be
 *   asked for, the publicity suspended with its days left, and the timeline says so (zh and en);
 * - a review the sample measure has decided collectively: two members vote in their dialog, the
 *   chair decides, and the decision shows its outcome, reasons, who decided and the votes; the
 *   determination is then not reviewed again;
 * - the panel's candidates leave out the city chair, who would decide an appeal;
 * - the application shows what the measure weighs, not a predicted outcome, until an
 *   administrator turns the preliminary assessment on for the jurisdiction.
 */
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { caseChallenges, cases, deliberationMembers, users } from '../src/app/tables.js';
import { axeViolations, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

const PASSWORD: Readonly<Record<string, string>> = {
  chair: 'demo-committee_chair-2025',
  member1: 'demo-committee_member-2025',
  member2: 'demo-committee_member-2025',
  official: 'demo-official-2025',
  admin: 'demo-admin-2025',
};

async function person(
  username: string,
  path: string,
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
): Promise<Page> {
  const page = await w.newPage({ locale });
  pages.push(page);
  await page.goto(w.url + path);
  if (locale === 'en-US') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, username, PASSWORD[username]!);
  await page.getByTestId('user-name').waitFor();
  return page;
}

/** Clicks a button by its text; antd puts a space between two Chinese characters. */
const spaced = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** The demo case under review whose challenge suspended a publicity, or whose panel is voting. */
async function caseUnderReview(which: 'publicity' | 'voting'): Promise<string> {
  const db = w.app.ctx.store.db;
  const rows =
    which === 'publicity'
      ? await db
          .select({ id: cases.id })
          .from(cases)
          .innerJoin(caseChallenges, eq(caseChallenges.caseId, cases.id))
          .where(
            and(eq(cases.state, 'under_review'), isNotNull(caseChallenges.publicitySuspendedOn)),
          )
      : await db
          .select({ id: cases.id })
          .from(cases)
          .innerJoin(deliberationMembers, eq(deliberationMembers.caseId, cases.id))
          .where(and(eq(cases.state, 'under_review'), isNotNull(deliberationMembers.reviewVote)));
  if (!rows[0]) throw new Error(`the demo has no case under review (${which})`);
  return rows[0].id;
}

async function withShots(name: string, run: () => Promise<void>) {
  const seen = w.problems.length;
  try {
    await run();
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await p
        .screenshot({ path: join(SHOTS, `review-failure-${name}-${i}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw e;
  }
  expect(realProblems(w.problems.slice(seen))).toEqual([]);
}

/** A member's vote on the review, in its dialog. */
async function voteToUphold(username: string, caseId: string) {
  const page = await person(username, `/cases/${caseId}`);
  await page.getByTestId('action-vote-review').click();
  const dialog = page.getByRole('dialog', { name: '复核表决' });
  await dialog.getByText('维持原认定（', { exact: false }).first().waitFor();
  await dialog.getByLabel('表决理由').fill('经复核，原认定事实清楚、依据充分，同意维持。');
  await dialog.getByRole('button', { name: spaced('提交') }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('action-vote-review').count()).toBe(0);
}

describe('review and appeal in Chromium', () => {
  it('a review during publicity: the windows, the publicity suspended, the timeline (zh, en)', async () => {
    await withShots('publicity', async () => {
      const id = await caseUnderReview('publicity');
      const chair = await person('chair', `/cases/${id}`);
      const card = chair.getByTestId('case-challenges');
      await card.getByTestId('challenge-windows').waitFor();
      const windows = await card.getByTestId('challenge-windows').innerText();
      expect(windows).toContain('认定送达日');
      expect(windows).toContain('申请复核截止');
      expect(windows).toContain('提出申诉截止');
      const suspended = await card.getByTestId('challenge-publicity').innerText();
      expect(suspended).toMatch(/公示自 \d{4}-\d{2}-\d{2} 起暂停计算，尚余 \d+ 个工作日/);
      expect(suspended).toContain('维持原认定的，公示按剩余期限恢复');
      const timeline = chair.getByTestId('case-timeline');
      expect(await timeline.getByTestId('timeline-publicity').first().innerText()).toMatch(
        /公示暂停计算/,
      );
      expect(await axeViolations(chair)).toEqual([]);
      await w.shot(chair, 'review-publicity-suspended-zh');
      await card.screenshot({ path: join(SHOTS, 'review-card-publicity-zh.png') });

      const en = await person('chair', `/cases/${id}`, 'en-US');
      const enCard = en.getByTestId('case-challenges');
      await enCard.getByTestId('challenge-windows').waitFor();
      expect(await enCard.getByTestId('challenge-windows').innerText()).toContain(
        'Review may be asked for until',
      );
      expect(await enCard.getByTestId('challenge-publicity').innerText()).toMatch(
        /The publicity stopped counting on \d{4}-\d{2}-\d{2}, with \d+ working days? left/,
      );
      await w.shot(en, 'review-publicity-suspended-en');
    });
  }, 300_000);

  it('a collective review: members vote, the chair decides, the decision and votes are shown', async () => {
    await withShots('collective', async () => {
      const id = await caseUnderReview('voting');
      await voteToUphold('member1', id);
      await voteToUphold('member2', id);

      const chair = await person('chair', `/cases/${id}`);
      await chair.getByTestId('action-decide-challenge').click();
      const dialog = chair.getByRole('dialog', { name: '作出复核/申诉决定' });
      await dialog.getByTestId('review-tally').waitFor();
      expect(await dialog.getByTestId('review-tally').innerText()).toContain('名成员对复核表决');
      await dialog
        .getByLabel('决定理由')
        .fill('经集体研究，原认定事实清楚、依据充分，维持原认定。');
      await dialog.getByRole('button', { name: spaced('提交') }).click();
      await chair.getByRole('button', { name: spaced('确认') }).click();
      const details = chair.getByTestId('challenge-details-review');
      await details.waitFor();
      const text = await details.innerText();
      expect(text).toContain('经集体研究');
      expect(text).toContain('表决情况');
      expect(text).toContain('维持原认定。');
      // Reviewed once: the page says an appeal is the route now.
      await chair.getByTestId('challenge-reviewed').waitFor();
      expect(await axeViolations(chair)).toEqual([]);
      await w.shot(chair, 'review-collective-decided-zh');
      await chair
        .getByTestId('case-challenges')
        .screenshot({ path: join(SHOTS, 'review-card-decided-zh.png') });
    });
  }, 300_000);

  it('the panel leaves out the city chair, who would decide an appeal', async () => {
    await withShots('panel', async () => {
      const [row] = await w.app.ctx.store.db
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.state, 'deliberation'))
        .limit(1);
      const [cityChair] = await w.app.ctx.store.db
        .select({ name: users.displayName })
        .from(users)
        .where(eq(users.username, 'city-chair'));
      // Every demo panel is full: one member leaves it (in the store), so that the list has someone.
      const [member3] = await w.app.ctx.store.db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(eq(users.username, 'member3'));
      await w.app.ctx.store.db
        .delete(deliberationMembers)
        .where(
          and(eq(deliberationMembers.caseId, row!.id), eq(deliberationMembers.userId, member3!.id)),
        );
      const chair = await person('chair', `/cases/${row!.id}`);
      await chair.getByTestId('add-member').click();
      const dialog = chair.getByRole('dialog');
      await dialog.getByText('上级认定机构负责人将受理本案的申诉').waitFor();
      await dialog.getByTestId('add-member-user').click();
      const options = chair.locator(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
      );
      await options.first().waitFor();
      const names = await options.allInnerTexts();
      expect(names).toContain(member3!.name);
      expect(names).not.toContain(cityChair!.name);
      await w.shot(chair, 'review-panel-candidates-zh');
    });
  }, 300_000);

  it('the application shows what the measure weighs until an administrator turns the assessment on', async () => {
    await withShots('assessment', async () => {
      const official = await person('official', '/apply');
      await official.getByTestId('apply-weighs').waitFor();
      expect(await official.getByTestId('apply-weighs').innerText()).toContain('办法考量的条件');
      expect(await official.getByTestId('assessment-outcome').count()).toBe(0);
      await w.shot(official, 'review-apply-weighs-zh');

      const admin = await person('admin', '/admin/organization');
      const [j] = await w.app.ctx.store.db
        .select({ id: cases.jurisdictionId })
        .from(cases)
        .limit(1);
      const toggle = admin.getByTestId(`assessment-switch-${j!.id}`);
      await toggle.waitFor();
      expect(await toggle.getAttribute('aria-checked')).toBe('false');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
      await w.shot(admin, 'review-admin-assessment-on-zh');

      await official.reload();
      await official.getByText('初步评估，不是认定结论').waitFor();
      expect(await official.getByTestId('apply-weighs').count()).toBe(0);
    });
  }, 300_000);
});
