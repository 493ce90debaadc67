/**
 * The committee's deliberation in Chromium (see harness.ts). A fresh application of the demo
 * official is taken to deliberation by the ordinary use cases (intake, investigator, liaison);
 * then, in the browser, the chair constitutes the panel and votes, member1 declares a conflict and
 * is recused, member2 and member3 vote, and the chair decides an outcome that departs from the
 * recommendation — refused without written reasons, previewed as a document, accepted with
 * reasons — and the record shows the recusal, the votes and the outcome beside the
 * recommendation. A vote sent on a stale screen is refused and the case reloaded. In Chinese,
 * with the English labels checked on the same panel; axe on each screen.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resumeCase } from '../src/app/cases/resume.js';
import { suspendCase } from '../src/app/cases/suspend.js';
import type { CaseRow } from '../src/app/cases/record.js';
import { submitApplication } from '../src/app/cases/submit-application.js';
import { loadActor } from '../src/app/org.js';
import { cases, users } from '../src/app/tables.js';
import { advance, EXEMPTED_FACTS } from '../src/app/testing/steps.js';
import type { Actor } from '../src/domain/roles.js';
import { axeViolations, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();
let page: Page;

beforeAll(async () => {
  page = await w.newPage();
}, 240_000);

const PASSWORD = {
  chair: 'demo-committee_chair-2025',
  member1: 'demo-committee_member-2025',
  member2: 'demo-committee_member-2025',
  member3: 'demo-committee_member-2025',
} as const;
type Who = keyof typeof PASSWORD;

async function actor(username: string): Promise<Actor> {
  const [u] = await w.app.ctx.store.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no demo user ${username}`);
  return loadActor(w.app.ctx, u.id);
}

/** A new application by the demo official, taken to deliberation by the ordinary use cases. */
async function caseInDeliberation(): Promise<CaseRow> {
  const ctx = w.app.ctx;
  const official = await actor('official');
  const [intake, investigator, liaison] = await Promise.all(
    ['intake', 'investigator', 'liaison'].map(actor),
  );
  const row = (
    await submitApplication(ctx, official, {
      officialId: official.officialId!,
      title: '园区道路改造先行开工（集体研究测试）',
      summary: '为赶在汛期前完成园区道路改造，经班子集体研究，在施工许可办结前先行开工。',
      conductDate: '2024-11-05',
      facts: { ...EXEMPTED_FACTS },
    })
  ).case;
  const deliberating = await advance(
    { ctx, actors: { intake: intake!, investigator: investigator!, liaison: liaison! } },
    row,
    'deliberation',
  );
  expect(deliberating.state).toBe('deliberation');
  return deliberating;
}

/** Someone else acts on the case meanwhile (the investigator suspends and resumes it). */
async function changedBehindTheScreen(caseId: string): Promise<void> {
  const ctx = w.app.ctx;
  const investigator = await actor('investigator');
  const version = async () =>
    (await ctx.store.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.version;
  await suspendCase(ctx, investigator, {
    caseId,
    expectedVersion: await version(),
    reason: '等待外部单位补充材料。',
  });
  await resumeCase(ctx, investigator, { caseId, expectedVersion: await version() });
}

async function as(who: Who, caseUrl: string): Promise<void> {
  if (await page.getByTestId('user-name').count()) await w.signOut(page);
  await w.signIn(page, who, PASSWORD[who]);
  await page.getByTestId('user-name').waitFor();
  await page.goto(caseUrl);
  await panel().waitFor();
  await panel().getByTestId('recommended-outcome').waitFor();
}

const panel = () => page.getByTestId('deliberation-panel');
const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
const OK = /^确\s*定$|^Confirm$/;

/**
 * Chooses an option of an Ant Design select (its dropdown is rendered at the end of the page).
 * A click during the dropdown's opening animation can miss on a slow machine: check and retry.
 */
async function choose(select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const item = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: option })
      .first();
    await item.waitFor();
    await page.waitForTimeout(300);
    await item.click();
    if ((await select.innerText()).includes(option)) return;
  }
  throw new Error(`could not choose '${option}'`);
}

/** Row of the members table for a person. */
const row = (name: string) =>
  panel().getByTestId('members-table').locator('tbody tr.ant-table-row').filter({ hasText: name });

async function addMember(name: string): Promise<void> {
  await panel().getByTestId('add-member').click();
  const d = dialog('增加研究成员');
  await d.waitFor();
  await choose(d.getByTestId('add-member-user'), name);
  await d.getByTestId('add-member-submit').click();
  await row(name).waitFor();
  await d.waitFor({ state: 'hidden' });
}

async function vote(outcome: string, reason: string, me: string): Promise<void> {
  await panel().getByTestId('vote').click();
  const d = dialog(/^表\s*决$/);
  await d.waitFor();
  await choose(d.getByTestId('vote-outcome'), outcome);
  await d.getByLabel('表决理由').fill(reason);
  await d.getByTestId('vote-submit').click();
  await page.getByRole('dialog').getByRole('button', { name: OK }).last().click();
  await row(me).getByTestId('member-vote').waitFor();
  expect(await row(me).getByTestId('member-vote').innerText()).toBe(outcome);
  // One vote each: the button is gone once the ability is.
  expect(await panel().getByTestId('vote').count()).toBe(0);
}

describe('the committee’s deliberation in Chromium', () => {
  it('constitutes the panel, records a recusal and the votes, and decides a departure only with reasons', async () => {
    try {
      await deliberation();
    } catch (e) {
      await page
        .screenshot({ path: join(SHOTS, 'committee-failure.png'), fullPage: true })
        .catch(() => {});
      throw e;
    }
  }, 300_000);
});

async function deliberation() {
  const c = await caseInDeliberation();
  const caseUrl = `${w.url}/cases/${c.id}`;
  await page.goto(w.url + '/');

  // The chair: the recommendation with its reasons and clauses; an empty panel says what to do.
  await as('chair', caseUrl);
  expect(await panel().getByTestId('recommended-outcome').innerText()).toBe('免予问责（容错免责）');
  expect(await panel().getByTestId('clause-citation').count()).toBeGreaterThan(0);
  expect(await panel().getByTestId('recommendation-text').innerText()).toMatch(/^建议.*集体研究/);
  // Beside the reasons: the situations that hold, the negative list checked, each clause once.
  await panel().getByText('成立的容错情形', { exact: true }).waitFor();
  const negative = panel().getByTestId('recommendation-negative-list');
  expect(await negative.getByTestId('negative-list-summary').innerText()).toMatch(
    /^经逐项核查，负面清单所列 \d+ 项情形均不存在。$/,
  );
  await negative.getByText('逐项核查情况').click();
  await negative.getByText('经核查不存在').first().waitFor();
  expect(await negative.locator('li[data-status="absent"]').count()).toBeGreaterThan(0);
  expect(await negative.locator('li:not([data-status="absent"])').count()).toBe(0);
  const clauses = panel().getByTestId('recommendation-cited-clauses');
  await clauses.getByText(/^本建议引用条款 \d+ 条/).click();
  await clauses.locator('li strong').first().waitFor();
  const cited = await clauses.locator('li strong').allInnerTexts();
  expect(cited.length).toBeGreaterThan(0);
  expect(new Set(cited).size).toBe(cited.length);
  await panel().getByText('尚未确定参加研究的成员。请点击“增加研究成员”').waitFor();
  expect(await panel().getByTestId('decide').count()).toBe(0);
  await addMember('周文清');
  // The chair who adds the first member sits as the chair.
  await row('冯国栋').getByText('主持人').waitFor();
  await addMember('吴海峰');
  await addMember('郑雅琴');
  expect(await panel().getByTestId('members-table').locator('tbody tr.ant-table-row').count()).toBe(
    4,
  );
  await vote('从轻问责', '整改及时但手续缺失较多，宜从轻。', '冯国栋');

  // member1 declares a conflict and is recused.
  await as('member1', caseUrl);
  await panel().getByTestId('declare-conflict').click();
  const d = dialog('申报利害关系或回避');
  await d.waitFor();
  // A click during the dialog's opening animation can miss: press until the form answers.
  const required = d.getByText('请说明利害关系情况（至少 2 个字）。');
  await expect
    .poll(
      async () => {
        if (!(await required.isVisible())) await d.getByTestId('declare-conflict-submit').click();
        return required.isVisible();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(true);
  await d.getByLabel('利害关系情况').fill('本人配偶在施工单位任职。');
  await d.getByTestId('declare-conflict-submit').click();
  await page.getByRole('dialog').getByRole('button', { name: OK }).last().click();
  await row('周文清').getByTestId('member-recused').waitFor();
  expect(await row('周文清').innerText()).toContain('本人配偶在施工单位任职。');
  expect(await panel().getByTestId('declare-conflict').count()).toBe(0);
  expect(await panel().getByTestId('vote').count()).toBe(0);

  // member2 votes on a screen someone else has changed meanwhile: refused, reloaded, then taken.
  await as('member2', caseUrl);
  await changedBehindTheScreen(c.id);
  await panel().getByTestId('vote').click();
  const ballot = dialog(/^表\s*决$/);
  await choose(ballot.getByTestId('vote-outcome'), '从轻问责');
  await ballot.getByLabel('表决理由').fill('程序瑕疵明显，不宜免责。');
  await ballot.getByTestId('vote-submit').click();
  await page.getByRole('dialog').getByRole('button', { name: OK }).last().click();
  await ballot.getByText('案件已被他人更新，请刷新后再操作。').waitFor();
  await page.getByText('已重新载入案件的最新情况').first().waitFor();
  expect(await row('吴海峰').getByTestId('member-vote').count()).toBe(0);
  // The form kept what was typed; sending again acts on the reloaded case.
  await ballot.getByTestId('vote-submit').click();
  await page.getByRole('dialog').getByRole('button', { name: OK }).last().click();
  await row('吴海峰').getByTestId('member-vote').waitFor();
  expect(await row('吴海峰').getByTestId('member-vote').innerText()).toBe('从轻问责');

  // member3 votes.
  await as('member3', caseUrl);
  await vote('从轻问责', '同意从轻处理。', '郑雅琴');
  expect(await panel().getByTestId('vote-tally').innerText()).toContain('参加研究 3 人，回避 1 人');

  // The chair decides 'lighter', departing from the recommended exemption: reasons required.
  await as('chair', caseUrl);
  const form = panel().getByTestId('decision-form');
  await form.waitFor();
  await choose(form.getByTestId('decision-outcome'), '从轻问责');
  await form.getByTestId('departure-warning').waitFor();
  expect(await form.getByTestId('departure-warning').innerText()).toContain('免予问责（容错免责）');
  await form
    .getByLabel('会议纪要')
    .fill('认定机构于本日召开会议，周文清回避，其余三名成员参加并表决。');
  await form.getByTestId('decide').click();
  await form.getByText('请书面说明认定理由（至少 10 个字）。').waitFor();
  expect(await page.getByRole('dialog').count()).toBe(0);
  await form.getByLabel('与建议不一致的理由').fill('短');
  await form.getByText('请书面说明认定理由（至少 10 个字）。').waitFor();
  await w.shot(page, 'deliberation-zh');
  await panel().screenshot({ path: join(SHOTS, 'deliberation-panel-zh.png') });
  expect(await axeViolations(page)).toEqual([]);

  // The same panel in English.
  await page.getByText('English', { exact: true }).click();
  await panel().getByText('Policy recommendation').first().waitFor();
  for (const label of [
    'Panel and votes',
    'Rules and clauses relied on',
    'Outcome',
    'Reasons for departing from the recommendation',
    'Minutes of the meeting',
    'Tolerable situations that hold',
    'Negative list checked',
    'Clauses cited',
  ]) {
    await panel().getByText(label, { exact: true }).first().waitFor();
  }
  expect(await panel().getByTestId('negative-list-summary').innerText()).toMatch(
    /^Each of the \d+ exclusions of the negative list was checked and found absent\.$/,
  );
  expect(await panel().getByTestId('recommended-outcome').innerText()).toBe('Exempted (tolerated)');
  expect(await form.getByTestId('departure-warning').innerText()).toContain(
    "'Lighter accountability' is outside the recommendation (Exempted (tolerated))",
  );
  expect(await row('周文清').innerText()).toContain('Conflict declared, recused');
  // The message of the field in error follows the language.
  await form.getByText('Give written reasons for the decision (at least 10 characters).').waitFor();
  await w.shot(page, 'deliberation-en');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByText('中文', { exact: true }).click();
  await panel().getByText('系统评估建议').first().waitFor();

  // With reasons, after confirming: decided.
  await form
    .getByLabel('与建议不一致的理由')
    .fill('当事人虽属改革探索，但手续缺失较多且事前未报备，认定机构决定从轻问责而非免责。');
  // The decision document as it would read, before deciding.
  await form.getByTestId('preview-document').click();
  const preview = page.getByTestId('document-preview');
  await preview.waitFor();
  const draft = await preview.innerText();
  expect(draft).toContain('（认定后编号）');
  expect(draft).toContain('从轻问责');
  expect(draft).toContain('手续缺失较多且事前未报备');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('preview-close').click();
  await preview.waitFor({ state: 'hidden' });

  await form.getByTestId('decide').click();
  const confirm = page.getByRole('dialog').filter({ hasText: '认定作出后不能撤回' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: '确定作出认定' }).click();

  // The record: outcome beside the recommendation, the recusal and the votes; no more actions.
  const record = panel().getByTestId('decision-record');
  await record.waitFor();
  expect(await record.getByTestId('record-outcome').innerText()).toBe('从轻问责');
  expect(await record.getByTestId('record-recommended').innerText()).toContain(
    '免予问责（容错免责）',
  );
  await record.getByText('与建议不一致', { exact: true }).waitFor();
  await record.getByText('手续缺失较多且事前未报备').waitFor();
  await record.getByText('周文清回避').waitFor();
  await row('周文清').getByTestId('member-recused').waitFor();
  expect(await panel().getByTestId('member-vote').count()).toBe(3);
  expect(await panel().getByTestId('decision-form').count()).toBe(0);
  expect(await panel().getByTestId('add-member').count()).toBe(0);
  // The recommendation now is the one stored with the decision.
  await panel()
    .getByText(/作出认定时的评估建议/)
    .waitFor();
  await w.shot(page, 'decided-zh');
  await panel().screenshot({ path: join(SHOTS, 'decided-panel-zh.png') });
  expect(await axeViolations(page)).toEqual([]);
  // The one 409 is the stale vote provoked above, which the panel handled.
  expect(realProblems(w.problems).filter((p) => !/status of 409/.test(p))).toEqual([]);
  expect(w.problems.filter((p) => /status of 409/.test(p))).toHaveLength(1);
}
