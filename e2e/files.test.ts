/**
 * Files and the panel in batches, in Chromium (see harness.ts): the official applies with two
 * files attached (on a phone, in English) and the case starts with them; on the case, two files go
 * in one upload beside one refused with its reason (in Chinese, at desktop width); the PDF shows
 * in the browser's viewer inside the page (framed from the app's own origin) and the image as an
 * image; an office file says it can only be downloaded. The chair adds two panel members in one
 * dialog (in Chinese, then the English labels). axe on each screen; no console or CSP errors.
 */
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { submitApplication } from '../src/app/cases/submit-application.js';
import { loadActor } from '../src/app/org.js';
import { readLog, users } from '../src/app/tables.js';
import { DOCX_FILE, PDF_FILE, PNG_FILE } from '../src/app/testing/files.js';
import { advance, EXEMPTED_FACTS } from '../src/app/testing/steps.js';
import type { Actor } from '../src/domain/roles.js';
import {
  keepShot,
  axeViolations,
  expectFits,
  realProblems,
  REDUCED_MOTION,
  SHOTS,
  useBrowserWorld,
} from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

const OFFICIAL = ['official', 'demo-official-2025'] as const;
const CHAIR = ['chair', 'demo-committee_chair-2025'] as const;

const photo = () => ({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG_FILE });
const minutes = (name = '会议纪要.pdf') => ({
  name,
  mimeType: 'application/pdf',
  buffer: PDF_FILE,
});

async function actor(username: string): Promise<Actor> {
  const [u] = await w.app.ctx.store.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no demo user ${username}`);
  return loadActor(w.app.ctx, u.id);
}

/** Clicks a button by its text; antd puts a space between two Chinese characters. */
async function press(scope: Page | Locator, text: string) {
  const spaced = new RegExp(`^${[...text].join('\\s*')}$`);
  await scope.getByRole('button', { name: spaced }).click();
}

async function failing(name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await p
        .screenshot({ path: join(SHOTS, `files-failure-${name}-${i}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw e;
  }
}

describe('several files, previews and several panel members in Chromium', () => {
  it('applies with two files on a phone in English; the case starts with them', async () => {
    const context = await w.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timezoneId: 'Asia/Shanghai',
      reducedMotion: REDUCED_MOTION,
    });
    const page = await context.newPage();
    pages.push(page);
    page.on('console', (m) => {
      if (m.type() === 'error') w.problems.push(m.text());
    });
    await failing('apply', () => applyWithFiles(page));
  }, 300_000);

  it('uploads two files at once, previews a PDF and an image, in Chinese at desktop width', async () => {
    const page = await w.newPage();
    pages.push(page);
    await failing('evidence', () => uploadAndPreview(page));
  }, 300_000);

  it('adds two panel members in one dialog', async () => {
    const page = await w.newPage();
    pages.push(page);
    await failing('members', () => twoMembers(page));
  }, 300_000);
});

async function applyWithFiles(page: Page) {
  await page.goto(w.url + '/');
  await page.getByText('English', { exact: true }).click();
  await w.signIn(page, ...OFFICIAL);
  await page.getByTestId('menu-button').waitFor();
  await page.goto(w.url + '/apply');
  await page.locator('#title').waitFor();
  await page.locator('#title').fill('Roadworks begun before the permit (with documents)');
  const date = page.getByLabel('Date of the conduct');
  await date.click();
  await date.fill('2025-09-15');
  await date.press('Enter');
  await page.getByRole('button', { name: /^Next$/ }).click();
  await page.locator('#apply-fact-privateGain').waitFor();
  await page.getByRole('button', { name: /^Next$/ }).click();

  // The review step: two documents attached, one of a type not taken (refused at once, named).
  const files = page.getByTestId('apply-files');
  await files.getByText('Documents with the application (optional)').waitFor();
  await files
    .locator('input[type=file]')
    .setInputFiles([
      minutes('minutes.pdf'),
      { name: 'site.png', mimeType: 'image/png', buffer: PNG_FILE },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ]);
  await files.getByText('minutes.pdf (').waitFor();
  await files.getByText('site.png (').waitFor();
  await page
    .getByTestId('apply-files-problem')
    .getByText("'setup.exe' cannot be uploaded")
    .waitFor();
  await files.getByRole('button', { name: "Remove 'setup.exe'" }).click();
  await expect.poll(() => page.getByTestId('apply-files-problem').count()).toBe(0);
  await expectFits(page, 390);
  await keepShot(page, 'files-apply-attached-en');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: /Submit application/ }).click();
  await page.getByRole('heading', { name: /Application submitted:/ }).waitFor({ timeout: 30_000 });
  const sent = page.getByTestId('apply-files-sent');
  await sent.waitFor({ timeout: 30_000 });
  expect(await sent.getByText('Uploaded', { exact: true }).count()).toBe(2);
  await page.getByText('2 files uploaded.').waitFor();
  await expectFits(page, 390);
  await keepShot(page, 'files-apply-sent-en');
  expect(await axeViolations(page)).toEqual([]);

  await page
    .getByRole('button', { name: /open the case/ })
    .first()
    .click();
  const evidence = page.getByTestId('case-evidence');
  await evidence.getByText('minutes.pdf').first().waitFor();
  await evidence.getByText('site.png').first().waitFor();
  expect(await evidence.getByTestId('evidence-preview').count()).toBe(2);
}

async function uploadAndPreview(page: Page) {
  // A new application of the demo official, as the use cases make it: still open to evidence.
  const official = await actor('official');
  const created = await submitApplication(w.app.ctx, official, {
    officialId: official.officialId!,
    title: '园区道路改造先行开工（证据材料测试）',
    summary: '为赶在汛期前完成园区道路改造，在施工许可办结前先行开工。',
    conductDate: '2024-11-05',
    facts: { ...EXEMPTED_FACTS },
  });
  await page.goto(`${w.url}/cases/${created.case.id}`);
  await w.signIn(page, ...OFFICIAL);
  await page.getByTestId('user-name').waitFor();
  await page.goto(`${w.url}/cases/${created.case.id}`);
  const evidence = page.getByTestId('case-evidence');
  await evidence.waitFor();

  // Three files chosen at once: two go in, the fake PDF is refused with its reason beside it.
  await evidence.locator('input[type=file]').setInputFiles([
    minutes(),
    photo(),
    { name: '假文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') },
    {
      name: '工作记录.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(DOCX_FILE),
    },
  ]);
  await press(evidence, '上传文件（4 个）');
  const report = evidence.getByTestId('evidence-upload-report');
  await expect.poll(() => report.innerText(), { timeout: 30_000 }).toContain('已添加 3 个文件');
  expect(await report.innerText()).toContain('未添加 1 个');
  await evidence.getByText('文件“假文件.pdf”的内容不是 PDF 格式').waitFor();
  const rows = evidence.locator('tr.ant-table-row');
  await rows.filter({ hasText: '会议纪要.pdf' }).waitFor();
  await rows.filter({ hasText: '现场照片.png' }).waitFor();
  await page.getByTestId('case-timeline').getByText('添加证据材料').first().waitFor();
  await w.shot(page, 'files-uploaded-zh');
  expect(await axeViolations(page)).toEqual([]);

  // The office file: download only, saying so.
  await rows
    .filter({ hasText: '工作记录.docx' })
    .getByTestId('evidence-download-only')
    .getByText('仅可下载')
    .waitFor();

  // The PDF, in the browser's viewer inside the page: its answer allows the app's own frame.
  const pdfAnswer = page.waitForResponse((r) => /\/evidence\/[0-9a-f-]+\/preview$/.test(r.url()));
  await rows.filter({ hasText: '会议纪要.pdf' }).getByTestId('evidence-preview').click();
  const dialog = page.getByRole('dialog', { name: '会议纪要.pdf' });
  await dialog.getByTestId('evidence-preview-pdf').waitFor();
  const answer = await pdfAnswer;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('application/pdf');
  expect(answer.headers()['x-frame-options']).toBe('SAMEORIGIN');
  await page.waitForTimeout(1500);
  await w.shot(page, 'files-preview-pdf-zh');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // The image, as an image.
  await rows.filter({ hasText: '现场照片.png' }).getByTestId('evidence-preview').click();
  const imageDialog = page.getByRole('dialog', { name: '现场照片.png' });
  const img = imageDialog.locator('img[alt="现场照片.png"]');
  await img.waitFor();
  await expect
    .poll(() => img.evaluate((e) => (e as unknown as { naturalWidth: number }).naturalWidth))
    .toBeGreaterThan(0);
  await w.shot(page, 'files-preview-image-zh');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  // Each view was a logged read of the file, as a download is.
  const log = await w.app.ctx.store.db
    .select()
    .from(readLog)
    .where(and(eq(readLog.caseId, created.case.id), eq(readLog.what, 'evidence.preview')));
  expect(log.length).toBeGreaterThanOrEqual(2);

  // English.
  await page.getByText('English', { exact: true }).click();
  await evidence.getByText('Download only').waitFor();
  await evidence.getByRole('button', { name: "Preview '会议纪要.pdf'" }).waitFor();
  await evidence.getByText('Click to choose files, or drop them here').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  expect(realProblems(w.problems)).toEqual([]);
}

async function twoMembers(page: Page) {
  const ctx = w.app.ctx;
  const official = await actor('official');
  const [intake, investigator, liaison, m1, m2] = await Promise.all(
    ['intake', 'investigator', 'liaison', 'member1', 'member2'].map(actor),
  );
  const row = (
    await submitApplication(ctx, official, {
      officialId: official.officialId!,
      title: '园区道路改造先行开工（研究成员测试）',
      summary: '为赶在汛期前完成园区道路改造，经班子集体研究，在施工许可办结前先行开工。',
      conductDate: '2024-11-05',
      facts: { ...EXEMPTED_FACTS },
    })
  ).case;
  const c = await advance(
    { ctx, actors: { intake: intake!, investigator: investigator!, liaison: liaison! } },
    row,
    'deliberation',
  );
  await page.goto(`${w.url}/cases/${c.id}`);
  await w.signIn(page, ...CHAIR);
  await page.getByTestId('user-name').waitFor();
  await page.goto(`${w.url}/cases/${c.id}`);
  const panel = page.getByTestId('deliberation-panel');
  await panel.waitFor();
  await panel.getByTestId('add-member').click();
  const d = page.getByRole('dialog', { name: '增加研究成员' });
  await d.waitFor();
  await d.getByText('认定机构成员（可多选）').waitFor();
  const select = d.getByTestId('add-member-user');
  for (const name of [m1!.displayName, m2!.displayName]) {
    for (let attempt = 0; attempt < 3; attempt++) {
      await select.click();
      const item = page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: name })
        .first();
      await item.waitFor();
      await page.waitForTimeout(300);
      await item.click();
      if ((await select.innerText()).includes(name)) break;
    }
  }
  expect(await select.innerText()).toContain(m1!.displayName);
  expect(await select.innerText()).toContain(m2!.displayName);
  await w.shot(page, 'files-members-dialog-zh');
  expect(await axeViolations(page)).toEqual([]);
  await d.getByTestId('add-member-submit').click();
  await d.waitFor({ state: 'hidden' });
  const table = panel.getByTestId('members-table');
  for (const name of [m1!.displayName, m2!.displayName]) {
    await table.locator('tbody tr.ant-table-row').filter({ hasText: name }).waitFor();
  }
  await page.getByTestId('case-timeline').getByText('增加认定成员（多名）').first().waitFor();
  await w.shot(page, 'files-members-added-zh');

  await page.getByText('English', { exact: true }).click();
  await page.getByTestId('case-timeline').getByText('Members added').first().waitFor();
  await panel.getByTestId('add-member').click();
  const en = page.getByRole('dialog', { name: 'Add members' });
  await en.getByText('Committee members (choose one or more)').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  expect(realProblems(w.problems)).toEqual([]);
}
