/**
 * The case desk in a real browser (see harness.ts): intake works the queue (overdue filter, a
 * search) and accepts a submitted case; the investigator uploads evidence and records a fact on
 * it, assesses the six elements, asks for a consultation (transcribing a written reply),
 * suspends and resumes, and completes verification; a second tab acting on the same version is
 * told the case changed and reloaded.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, checkSurely, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();
/** Every page opened, for the failure screenshots. */
const pages: Page[] = [];
const open = async () => {
  const p = await w.newPage();
  pages.push(p);
  return p;
};

const rowsOf = (page: Page) => page.locator('[data-testid="case-table"] tbody tr.ant-table-row');

/** Every row's text in one column (1-based), once the table is not loading. */
async function column(page: Page, n: number): Promise<string[]> {
  if ((await page.locator('[data-testid="case-table"] .ant-spin-spinning').count()) > 0) return [];
  return rowsOf(page).locator(`td:nth-child(${n})`).allInnerTexts();
}

/** The visible dialog with this title. */
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** Clicks a dialog's button by its (Chinese) text; antd puts a space between two characters. */
async function press(scope: Page | Locator, text: string) {
  const spaced = new RegExp(`^${[...text].join('\\s*')}$`);
  await scope.getByRole('button', { name: spaced }).click();
}

/** Chooses an option of an antd Select by typing its text and taking the first match. */
async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.keyboard.type(text);
  // The filtered list is shown once the option is active; Enter takes it.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
    .filter({ hasText: text })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
}

describe('the case desk in Chromium', () => {
  it('intake works the queue and accepts; the investigator verifies; a stale tab is told', async () => {
    try {
      await desk(await open());
    } catch (e) {
      for (const [i, p] of pages.entries()) {
        await p
          .screenshot({ path: join(SHOTS, `desk-failure-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
      throw e;
    }
  }, 300_000);
});

async function desk(page: Page) {
  // ---- intake: the queue ------------------------------------------------------------------------
  await page.goto(w.url + '/cases');
  await w.signIn(page, 'intake', 'demo-intake-2025');
  await page.getByRole('heading', { name: '案件' }).waitFor();
  await rowsOf(page).first().waitFor();
  const total = await page.getByTestId('case-total').innerText();
  expect(total).toMatch(/共 \d+ 件/);

  // Overdue: every row carries the badge, the address keeps the filter.
  await page.getByRole('combobox', { name: '按期限筛选' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '已超期' }).click();
  await expect.poll(() => page.url()).toContain('due=overdue');
  await expect
    .poll(async () => {
      const stepDue = await column(page, 5);
      return stepDue.length > 0 && stepDue.every((x) => x.includes('已超期'));
    })
    .toBe(true);
  const overdue = await rowsOf(page).count();
  expect(await page.getByTestId('due-overdue').count()).toBe(overdue);
  await page.reload();
  await rowsOf(page).first().waitFor();
  expect(await page.getByTestId('due-overdue').count()).toBe(overdue);
  await page
    .getByRole('button', { name: /清除筛选/ })
    .first()
    .click();
  await expect.poll(() => page.url()).not.toContain('due=');

  // Nearest deadline first, then the submitted cases of the acceptance step.
  await page.getByRole('combobox', { name: '排序方式' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '期限最近在前' }).click();
  await expect.poll(() => page.url()).toContain('sort=due');
  await page.getByRole('combobox', { name: '按状态筛选' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '已提交，待受理' }).click();
  await expect.poll(() => page.url()).toContain('state=submitted');
  await expect
    .poll(async () => {
      const states = await column(page, 4);
      return states.length > 0 && states.every((x) => x.includes('已提交，待受理'));
    })
    .toBe(true);
  const dues = await rowsOf(page).locator('td:nth-child(5) .ant-typography').allInnerTexts();
  expect(dues).toEqual([...dues].sort());
  await w.shot(page, 'queue-intake-zh');
  expect(await axeViolations(page)).toEqual([]);

  // A search by the case number finds exactly that case.
  const first = rowsOf(page).first();
  const number = (await first.locator('td').first().innerText()).trim();
  const title = (await first.locator('td').nth(1).innerText()).trim();
  await page.getByLabel('搜索编号、事项或干部姓名').fill(number);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(number)}`);
  await expect.poll(() => column(page, 1)).toEqual([number]);
  expect(await rowsOf(page).first().locator('td').first().innerText()).toBe(number);
  // A search that matches nothing says what to do next.
  await page.getByLabel('搜索编号、事项或干部姓名').fill('无此案件XYZ');
  await page.keyboard.press('Enter');
  await page.getByText('没有符合筛选条件的案件').waitFor();
  await page.goBack();
  await expect.poll(() => rowsOf(page).count()).toBe(1);

  // ---- intake: accept ---------------------------------------------------------------------------
  await rowsOf(page).first().getByRole('link', { name: title }).click();
  await page.getByTestId('case-title').waitFor();
  expect(await page.getByTestId('case-state').innerText()).toBe('已提交，待受理');
  // Intake may refuse or accept, not record facts.
  await page.getByTestId('action-refuse').waitFor();
  expect(await page.getByTestId('action-record-fact').count()).toBe(0);
  await page.getByTestId('action-accept').click();
  const accept = dialog(page, '受理');
  await accept.getByLabel('备注（可选）').fill('材料齐全，予以受理。');
  await press(accept, '提交');
  await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('核实中');
  await page.getByTestId('case-timeline').getByText('受理', { exact: true }).first().waitFor();
  const caseUrl = page.url();

  // ---- investigator: two tabs on the same case -------------------------------------------------
  const inv = await open();
  await inv.goto(caseUrl);
  await w.signIn(inv, 'investigator', 'demo-investigator-2025');
  await inv.getByTestId('case-title').waitFor();
  const stale = await open();
  await stale.goto(caseUrl);
  await w.signIn(stale, 'investigator', 'demo-investigator-2025');
  await stale.getByTestId('action-suspend').waitFor();

  // Evidence, then a fact resting on it, typed by the pack (a yes/no fact with its help text).
  await inv.getByTestId('case-evidence').waitFor();
  await inv
    .getByTestId('case-evidence')
    .locator('input[type=file]')
    .setInputFiles({
      name: '会议纪要.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('2025年专题会议纪要：项目推进方案经集体研究决定。\n', 'utf8'),
    });
  await press(inv.getByTestId('case-evidence'), '上传文件');
  await inv.getByTestId('evidence-link').filter({ hasText: '会议纪要.txt' }).waitFor();
  const href = await inv.getByTestId('evidence-link').first().getAttribute('href');
  const download = await inv.request.get(w.url + href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toContain('attachment');

  await inv.getByTestId('action-record-fact').click();
  const record = dialog(inv, '记录事实');
  await choose(inv, record.getByRole('combobox', { name: '事实', exact: true }), '谋取私利');
  await expect.poll(() => record.getByTestId('fact-help').innerText()).toContain('不正当利益');
  // Validation as you type: the value is required.
  await press(record, '提交');
  await record.getByText('请填写核实的内容').waitFor();
  await record.getByRole('radio', { name: '否' }).check();
  await record.getByLabel('依据与说明').fill('经查阅会议纪要和财务凭证，未发现谋取私利。');
  const evidenceSelect = record.getByRole('combobox', { name: '所依据的证据材料' });
  await choose(inv, evidenceSelect, '会议纪要.txt');
  // A multiple choice stays open: leave it (Escape would close the dialog too).
  await evidenceSelect.blur();
  await expect.poll(() => inv.locator('.ant-select-dropdown:visible').count()).toBe(0);
  await press(record, '提交');
  const factRow = inv.getByTestId('case-facts').locator('tr', { hasText: '谋取私利' });
  // The row is there before the answer refreshes it: wait for the verified value.
  await expect.poll(() => factRow.innerText()).toContain('核实认定');
  expect(await factRow.getByRole('link', { name: '会议纪要.txt' }).count()).toBe(1);

  // The six elements; an unfavourable rating needs notes.
  const elements = [
    ['motive', '动机态度'],
    ['conditions', '客观条件'],
    ['procedure', '程序方法'],
    ['nature', '性质程度'],
    ['consequences', '后果影响'],
    ['recovery', '挽回损失'],
  ] as const;
  for (const [i, [element, label]] of elements.entries()) {
    await inv.getByTestId(`assess-${element}`).click();
    const d = dialog(inv, `评估：${label}`);
    if (i === 3) {
      await checkSurely(d.getByRole('radio', { name: '不利于容错' }));
      await press(d, '提交');
      await d.getByText('评估为不利于容错时，请写明理由。').waitFor();
      await checkSurely(d.getByRole('radio', { name: '中性' }));
    } else {
      await checkSurely(d.getByRole('radio', { name: '有利于容错' }));
    }
    await d.getByLabel('评估说明').fill(`第${i + 1}项评估说明。`);
    await press(d, '提交');
    await expect.poll(() => inv.getByTestId('six-progress').innerText()).toBe(`已评估 ${i + 1}/6`);
  }

  // Suspend here; the stale tab then acts on the version it saw and is told.
  await inv.getByTestId('action-suspend').click();
  const suspend = dialog(inv, '中止计时');
  await press(suspend, '提交');
  await suspend.getByText('请写明原因。').waitFor();
  await suspend.getByLabel('原因').fill('等待审计部门出具专项审计结论。');
  await press(suspend, '提交');
  await inv.getByTestId('case-suspended').waitFor();

  await stale.getByTestId('action-suspend').click();
  const staleSuspend = dialog(stale, '中止计时');
  await staleSuspend.getByLabel('原因').fill('重复操作');
  await press(staleSuspend, '提交');
  await stale.getByTestId('version-conflict').waitFor();
  expect(await stale.getByTestId('version-conflict').innerText()).toContain('已被他人更新');
  // The stale tab now shows the suspended case, and no longer offers to suspend it.
  await stale.getByTestId('case-suspended').waitFor();
  await stale.getByTestId('action-resume').waitFor();
  expect(await stale.getByTestId('action-suspend').count()).toBe(0);

  await inv.getByTestId('action-resume').click();
  await press(dialog(inv, '恢复计时'), '提交');
  await expect.poll(() => inv.getByTestId('case-suspended').count()).toBe(0);
  await inv.getByTestId('case-clock').getByText('等待审计部门出具专项审计结论。').waitFor();

  await w.shot(inv, 'case-desk-zh');
  expect(await axeViolations(inv)).toEqual([]);

  // Complete verification: asks first, then the case goes to consultation (the X New Area
  // pack requires it), its departments asked at once.
  await inv.getByTestId('action-complete-verification').click();
  const complete = dialog(inv, '核实完毕');
  await press(complete, '提交');
  await press(inv.getByRole('dialog').filter({ hasText: '确认核实完毕' }), '确认');
  await expect.poll(() => inv.getByTestId('case-state').innerText()).toBe('会商中');
  await inv.getByTestId('case-timeline').getByText('核实完成', { exact: true }).first().waitFor();
  expect(await inv.getByTestId('action-record-fact').count()).toBe(0);
  const consultations = inv.getByTestId('case-consultations');
  await consultations.locator('tr', { hasText: '审计部门' }).getByText('待回复').waitFor();

  // One more department asked, and an opinion recorded.
  await inv.getByTestId('action-request-consultation').click();
  const consult = dialog(inv, '征求意见');
  const departments = consult.getByRole('combobox', { name: '征求意见的部门' });
  await departments.click();
  await inv.keyboard.type('区纪委监委');
  await inv.keyboard.press('Enter');
  await departments.blur();
  await expect.poll(() => inv.locator('.ant-select-dropdown:visible').count()).toBe(0);
  await press(consult, '提交');
  await inv
    .getByTestId('case-consultations')
    .locator('tr', { hasText: '区纪委监委' })
    .getByText('待回复')
    .waitFor();

  // The audit office has its own officer, who answers for it: no button for the investigator. The
  // district commission has no user here: its written reply is transcribed, marked so.
  expect(await inv.getByTestId('opinion-audit').count()).toBe(0);
  await inv.getByTestId('opinion-区纪委监委').click();
  const opinion = dialog(inv, '据书面复函录入区纪委监委的意见');
  await opinion.getByLabel('复函文号').fill('区纪委监委复〔2026〕5号');
  await opinion
    .getByLabel('复函日期')
    .fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await opinion.getByLabel('部门意见').fill('经研究，同意按容错情形处理。');
  await press(opinion, '提交');
  await consultations.locator('tr', { hasText: '区纪委监委' }).getByText('已回复').waitFor();
  expect(await inv.getByTestId('opinion-signer-区纪委监委').innerText()).toContain(
    '据书面复函录入（区纪委监委复〔2026〕5号',
  );
  // Consultation cannot end while departments have not answered; the dialog says so.
  await inv.getByTestId('action-complete-consultation').click();
  await dialog(inv, '会商完毕').getByText('尚有 4 个部门未回复').waitFor();
  await press(dialog(inv, '会商完毕'), '取消');

  // More time for consultation, asked by the investigator and approved by the committee chair.
  await inv.getByTestId('action-request-extension').click();
  const extension = dialog(inv, '申请延期');
  await extension.getByLabel('延长天数').fill('500');
  await extension.getByText('应为 1 到 90 之间的整数。').waitFor();
  await extension.getByLabel('延长天数').fill('5');
  await extension.getByLabel('原因').fill('区纪委监委意见需待专项审计结束后出具。');
  await press(extension, '提交');
  const clock = inv.getByTestId('case-clock');
  await clock.locator('tr', { hasText: '区纪委监委意见' }).getByText('待审批').waitFor();
  expect(await inv.getByTestId('action-decide-extension').count()).toBe(0);
  const chair = await open();
  await chair.goto(caseUrl);
  await w.signIn(chair, 'chair', 'demo-committee_chair-2025');
  await chair.getByTestId('action-decide-extension').click();
  const decide = dialog(chair, '审批');
  await decide.getByLabel('审批意见').fill('同意延期 5 个工作日。');
  await press(decide, '提交');
  await chair
    .getByTestId('case-clock')
    .locator('tr', { hasText: '区纪委监委意见' })
    .getByText('已批准')
    .waitFor();

  // English.
  await inv.reload();
  await clock.locator('tr', { hasText: '区纪委监委意见' }).getByText('已批准').waitFor();
  await inv.getByText('English', { exact: true }).click();
  await inv.getByText('Six-element assessment').first().waitFor();
  await inv.getByText('Facts and their sources').first().waitFor();
  await w.shot(inv, 'case-desk-en');
  expect(await axeViolations(inv)).toEqual([]);

  // No script errors or CSP refusals; the one 409 is the stale tab's conflict, shown above.
  const problems = realProblems(w.problems);
  expect(problems.filter((p) => /status of 409/.test(p))).toHaveLength(1);
  expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
}
