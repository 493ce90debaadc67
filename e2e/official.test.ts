/**
 * The official's screens in a real browser (see harness.ts): the official 张伟 applies in Chinese
 * — validation as they type, the questions of the X New Area pack, the preliminary assessment
 * changing as they answer (outcome and clauses appear, the questions that still matter shrink), a
 * confirmation before leaving the filled form, submission, an evidence file — and lands on the
 * case, which is in their list. Then a unit's party organization applies in English on behalf of
 * one of its officials.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { jurisdictions } from '../src/app/tables.js';
import { axeViolations, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();

/** A small valid PDF (the server checks the content against the type). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** The answers of an exempted case (src/app/testing/steps.ts EXEMPTED_FACTS), as the form asks. */
const CHOICES_ZH: readonly [fact: string, answer: string][] = [
  ['onReformTaskList', '是'],
  ['knowinglyViolated', '否'],
  ['actedAfterExplicitBan', '否'],
  ['crimeSuspected', '否'],
  ['executedIllegalHigherDecision', '否'],
  ['obstructed', '否'],
  ['ignoredRepeatedOrders', '否'],
  ['graveConsequence', '无'],
  ['fraudulentRecords', '否'],
  ['repeatOfSameError', '否'],
  ['decisionProcess', '集体决策'],
  ['objectionRecorded', '否'],
  ['forceMajeure', '否'],
  ['dutiesPerformed', '是'],
  ['prohibitedAtTheTime', '否'],
  ['remediation', '有效挽回损失、消除影响'],
  ['cooperated', '是'],
];

const question = (page: Page, fact: string) => page.locator(`#apply-fact-${fact}`);

async function answer(page: Page, fact: string, text: string) {
  await question(page, fact).getByText(text, { exact: true }).click();
}

async function missingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('assessment-missing').getAttribute('data-count'));
}

async function outcome(page: Page): Promise<string | null> {
  return page.getByTestId('assessment-outcome').getAttribute('data-outcome');
}

async function pickDate(page: Page, label: RegExp | string, date: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function withShotOnFailure(page: Page, name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

describe('the official applies', () => {
  // Applicants see the preliminary assessment where an administrator turned it on (issue 10; off
  // by default, e2e/review.test.ts): on here, for every jurisdiction of the demo.
  beforeAll(async () => {
    await w.app.ctx.store.db.update(jurisdictions).set({ applicantAssessment: true });
  });

  it('in Chinese: questions, live assessment, submission, evidence, the case in their list', async () => {
    const seen = w.problems.length;
    const page = await w.newPage();
    await withShotOnFailure(page, 'failure-apply-zh', async () => {
      await page.goto(w.url + '/');
      await w.signIn(page, 'official', 'demo-official-2025');
      await page.getByRole('menuitem', { name: '提出申请' }).click();
      await page.getByRole('heading', { name: '提出容错申请', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/apply');
      // The official applies for themself: no chooser, their name and jurisdiction are shown.
      await page.getByText('张伟（').first().waitFor();
      await page.getByText('初步评估，不是认定结论').waitFor();
      await page.getByText('选择行为发生日期后，这里会显示初步评估。').waitFor();

      // Validation as you type.
      const title = page.locator('#title');
      await title.fill('x');
      await title.fill('');
      await page.getByText('请填写事项名称。').waitFor();
      await page.getByRole('button', { name: /下一步/ }).click();
      await page.getByText('请选择行为发生日期。').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await title.fill('招商项目在用地手续完备前提前开工');
      await pickDate(page, '行为发生日期', '2025-09-15');
      // The measure's application window (Art. 9 of the sample measure), with its clause.
      const applyWindow = page.getByTestId('application-window');
      await applyWindow
        .getByText(
          /^申请时限：容错申请应当在问责调查期间，或者收到问责决定之日起15个工作日内提出（依据《X新区[^》]*》.*第九条）。$/,
        )
        .waitFor();
      await applyWindow.getByText('问责调查期间可以申请', { exact: false }).waitFor();
      await page
        .getByLabel('情况说明')
        .fill('为抢抓项目落地，经局党组集体研究，在用地手续完备前组织开工，事后补办了全部手续。');
      // The assessment appears once the date is known: nothing answered, everything still matters.
      await expect.poll(() => outcome(page), { timeout: 15_000 }).toBe('undetermined');
      const before = await missingCount(page);
      expect(before).toBeGreaterThan(10);
      await w.shot(page, 'apply-zh');

      // Leaving the filled form asks first; staying keeps it.
      await page.getByRole('menuitem', { name: '我的案件' }).click();
      await page.getByRole('dialog', { name: '放弃填写的申请？' }).waitFor();
      await page.getByRole('button', { name: '继续填写' }).click();
      expect(new URL(page.url()).pathname).toBe('/apply');
      expect(await title.inputValue()).toBe('招商项目在用地手续完备前提前开工');

      await page.getByRole('button', { name: /下一步/ }).click();
      await page.getByRole('heading', { name: '回答问题', level: 2 }).waitFor();
      // Each question carries the pack's help text.
      await question(page, 'privateGain').waitFor();
      await page.getByText('是否为自己、他人或本单位谋取或获得不正当利益。').waitFor();

      // The first answers narrow the questions that still matter.
      await answer(page, 'purpose', '推动发展任务');
      await answer(page, 'privateGain', '否');
      await expect.poll(() => missingCount(page), { timeout: 15_000 }).toBeLessThan(before);
      expect(await outcome(page)).toBe('undetermined');

      // A missing fact links to its question.
      const firstMissing = page.getByTestId('assessment-missing').getByRole('button').first();
      await firstMissing.click();

      for (const [fact, text] of CHOICES_ZH) await answer(page, fact, text);
      await question(page, 'lossAmount').fill('1200000');

      // Answered: an outcome, the provisions it rests on (clause citations), nothing still open.
      await expect.poll(() => outcome(page), { timeout: 15_000 }).toBe('exempted');
      const reasons = page.getByTestId('assessment-reasons');
      await reasons.waitFor();
      expect(await reasons.innerText()).toMatch(/《[^》]+》/);
      await expect.poll(() => missingCount(page)).toBe(0);
      await page.getByText('为什么不是更有利的结果').waitFor();
      await w.shot(page, 'apply-assessment-zh');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: /下一步/ }).click();
      await page.getByRole('heading', { name: '核对并提交', level: 2 }).waitFor();
      await page.getByText(/已回答 \d+ 个问题/).waitFor();
      await page.getByRole('button', { name: /提交申请/ }).click();
      const created = page.getByRole('heading', { name: /申请已提交：/ });
      await created.waitFor({ timeout: 20_000 });
      const number = (await created.innerText()).replace(/^申请已提交：/, '').trim();
      expect(number).not.toBe('');

      // Evidence: a type the server does not take is caught at once; a file whose content is not
      // what its name says is refused by the server, with its message in Chinese.
      const fileInput = page.getByTestId('evidence-file-input');
      await fileInput.setInputFiles({
        name: 'setup.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('MZ'),
      });
      await page.getByText('不接受这种类型的文件').waitFor();
      await fileInput.setInputFiles({
        name: '假文件.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not a pdf at all'),
      });
      await page.getByRole('button', { name: /上传文件/ }).click();
      await page.getByText('文件“假文件.pdf”的内容不是 PDF 格式').waitFor({ timeout: 20_000 });
      expect(await axeViolations(page)).toEqual([]);

      // A PDF with a description, uploaded with progress and confirmation.
      await fileInput.setInputFiles({
        name: '会议纪要.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await page.getByText('会议纪要.pdf（').waitFor();
      await page.getByLabel('材料说明（可选）').fill('局党组会议纪要，证明开工决定经集体研究');
      await page.getByRole('button', { name: /上传文件/ }).click();
      await page.getByText('已上传 1 份材料。').waitFor({ timeout: 20_000 });
      expect(await axeViolations(page)).toEqual([]);
      await w.shot(page, 'apply-evidence-zh');

      // On to the case page, then the case is in the list.
      await page.getByRole('button', { name: /完成，查看案件/ }).click();
      await page.getByTestId('case-title').waitFor();
      expect(page.url()).toMatch(/\/cases\/[0-9a-f-]{36}$/);
      expect(await page.getByTestId('case-title').innerText()).toContain(
        '招商项目在用地手续完备前提前开工',
      );
      await page.getByText(number).first().waitFor();
      await page.getByText('添加证据材料').first().waitFor();
      await page.getByRole('menuitem', { name: '我的案件' }).click();
      await page.getByRole('link', { name: number }).waitFor();
      await page.getByText('招商项目在用地手续完备前提前开工').first().waitFor();
    });
    // The one refusal the journey provokes (the fake PDF, 400) is expected; nothing else.
    const problems = realProblems(w.problems.slice(seen));
    expect(problems.filter((p) => /status of 400/.test(p))).toHaveLength(1);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 240_000);

  it('in English, as a unit party organization applying for one of its officials', async () => {
    const seen = w.problems.length;
    const page = await w.newPage({ locale: 'en-US' });
    await withShotOnFailure(page, 'failure-apply-en', async () => {
      await page.goto(w.url + '/');
      await page.getByText('English', { exact: true }).click();
      await w.signIn(page, 'unit-party', 'demo-unit_party-2025');
      await page.getByRole('menuitem', { name: 'New application' }).click();
      await page.getByRole('heading', { name: 'Apply for tolerance', level: 1 }).waitFor();
      await w.shot(page, 'apply-en');
      expect(await axeViolations(page)).toEqual([]);

      // Nobody chosen yet: the chooser is required.
      await page.getByRole('button', { name: /Next/ }).click();
      await page.getByText('Choose the official the application is for.').waitFor();

      // The chooser lists the unit's officials (searched on the server); pick the first.
      await page.getByLabel('Official applying').click();
      const option = page.locator('.ant-select-item-option:not(.ant-select-item-option-disabled)');
      await option.first().waitFor();
      const name = (await option.first().innerText()).split(' (')[0]!;
      await page.getByLabel('Official applying').fill(name);
      await page.locator('.ant-select-item-option', { hasText: name }).first().click();

      await page.locator('#title').fill('Emergency repair contracted without tender');
      await pickDate(page, 'Date of the conduct', '2025-10-20');
      await expect.poll(() => outcome(page), { timeout: 15_000 }).toBe('undetermined');
      await page.getByRole('button', { name: /Next/ }).click();
      await page.getByRole('heading', { name: 'Questions', level: 2 }).waitFor();

      // One answer that rules tolerance out: the assessment says so, with its provision.
      await answer(page, 'privateGain', 'Yes');
      await expect.poll(() => outcome(page), { timeout: 15_000 }).toBe('not_tolerated');
      await page.getByTestId('assessment-outcome').getByText('Not tolerated').waitFor();
      expect(await page.getByTestId('assessment-reasons').innerText()).not.toBe('');
      await w.shot(page, 'apply-assessment-en');

      await page.getByRole('button', { name: /Next/ }).click();
      await page.getByRole('button', { name: /Submit application/ }).click();
      await page
        .getByRole('heading', { name: /Application submitted:/ })
        .waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: /Not now — open the case/ }).click();
      await page.getByTestId('case-title').waitFor();
      expect(await page.getByTestId('case-title').innerText()).toContain(
        'Emergency repair contracted without tender',
      );
      await page.getByText(name).first().waitFor();
    });
    expect(realProblems(w.problems.slice(seen))).toEqual([]);
  }, 240_000);
});
