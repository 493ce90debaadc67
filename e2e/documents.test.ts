/**
 * The documents of a case (公文) in Chromium (see harness.ts). A fresh application of the demo
 * official is decided and notified by the ordinary use cases; then, in the browser, intake sees
 * the case's documents — the determination issued with its number, the acceptance notice and the
 * delivery receipt to be issued — previews the acceptance notice, issues it (the number appears),
 * and downloads it as a PDF; the official, in English and at phone width, sees the documents
 * issued to them and reads one. axe on each screen.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRow } from '../src/app/cases/record.js';
import { submitApplication } from '../src/app/cases/submit-application.js';
import { loadActor } from '../src/app/org.js';
import { users } from '../src/app/tables.js';
import { advance, EXEMPTED_FACTS } from '../src/app/testing/steps.js';
import type { Actor } from '../src/domain/roles.js';
import { keepShot, axeViolations, realProblems, SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();
let page: Page;

beforeAll(async () => {
  page = await w.newPage();
}, 240_000);

async function actor(username: string): Promise<Actor> {
  const [u] = await w.app.ctx.store.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no demo user ${username}`);
  return loadActor(w.app.ctx, u.id);
}

/** A new application by the demo official, decided and notified by the ordinary use cases. */
async function notifiedCase(): Promise<CaseRow> {
  const ctx = w.app.ctx;
  const names = ['official', 'intake', 'investigator', 'liaison', 'chair'];
  const [official, intake, investigator, liaison, chair] = await Promise.all(names.map(actor));
  const [member1, member2] = await Promise.all(['member1', 'member2'].map(actor));
  const row = (
    await submitApplication(ctx, official!, {
      officialId: official!.officialId!,
      title: '园区道路改造先行开工（文书测试）',
      summary: '为赶在汛期前完成园区道路改造，经班子集体研究，在施工许可办结前先行开工。',
      conductDate: '2024-11-05',
      facts: { ...EXEMPTED_FACTS },
    })
  ).case;
  return advance(
    {
      ctx,
      actors: {
        intake: intake!,
        investigator: investigator!,
        liaison: liaison!,
        chair: chair!,
        member1: member1!,
        member2: member2!,
      },
    },
    row,
    'notified',
  );
}

const card = () => page.getByTestId('documents-card');

/** How far the documents card is wider than its box (0: nothing overflows it). */
async function overflow(): Promise<number> {
  return card().evaluate((el) => {
    const box = el as unknown as { scrollWidth: number; clientWidth: number };
    return box.scrollWidth - box.clientWidth;
  });
}

describe('the documents of a case in Chromium', () => {
  it('lists, previews, issues and downloads documents, in zh and en, at desktop and phone widths', async () => {
    try {
      await documents();
    } catch (e) {
      await page
        .screenshot({ path: join(SHOTS, 'documents-failure.png'), fullPage: true })
        .catch(() => {});
      throw e;
    }
  }, 300_000);
});

async function documents() {
  const c = await notifiedCase();
  const caseUrl = `${w.url}/cases/${c.id}`;

  // Intake: the determination issued with its number; the acceptance notice to be issued.
  await page.goto(w.url + '/');
  await w.signIn(page, 'intake', 'demo-intake-2025');
  await page.getByTestId('user-name').waitFor();
  await page.goto(caseUrl);
  await card().waitFor();
  await card().getByTestId('number-determination').waitFor();
  expect(await card().getByTestId('number-determination').innerText()).toMatch(
    /文号 X新容认〔\d{4}〕\d+号/,
  );
  expect(await card().getByTestId('document-acceptance').innerText()).toContain('待制发');
  expect(await card().getByTestId('issue-determination').count()).toBe(0);

  // The determination's preview: number under the mark, the closing block.
  await card().getByTestId('preview-determination').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('document-closing').waitFor();
  expect(await dialog.getByTestId('document-number').innerText()).toMatch(
    /^X新容认〔\d{4}〕\d+号$/,
  );
  expect(await dialog.innerText()).toContain('经核实，');
  expect(await dialog.innerText()).not.toMatch(/exempted|not_tolerated|x-new-area|Art\./);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // Issue the acceptance notice: the preview first, then the number.
  await card().getByTestId('issue-acceptance').click();
  await dialog.getByText('容错申请受理通知书').first().waitFor();
  expect(await dialog.getByTestId('document-number').innerText()).toBe('');
  expect(await axeViolations(page)).toEqual([]);
  await keepShot(page, 'documents-issue-zh');
  await dialog.getByTestId('confirm-issue').click();
  await dialog.waitFor({ state: 'hidden' });
  await card().getByTestId('number-acceptance').waitFor();
  const number = (await card().getByTestId('number-acceptance').innerText()).match(
    /X新容受〔\d{4}〕\d+号/,
  )?.[0];
  expect(number).toBeDefined();
  expect(await card().getByTestId('issue-acceptance').count()).toBe(0);
  await page.getByTestId('case-timeline').waitFor();

  // The PDF, named by its number.
  const pdf = (await page.evaluate(
    `fetch('/api/cases/${c.id}/documents/acceptance?format=pdf&lang=zh').then(async (r) => [r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), (await r.arrayBuffer()).byteLength])`,
  )) as [number, string, string, number];
  expect(pdf[0]).toBe(200);
  expect(pdf[1]).toBe('application/pdf');
  expect(decodeURIComponent(pdf[2])).toContain(`${number}.pdf`);
  expect(pdf[3]).toBeGreaterThan(10_000);
  await keepShot(page, 'documents-zh');
  await w.signOut(page);

  // The official, in English: the documents issued to them, and one read.
  await page.evaluate("localStorage.setItem('rongcuo.lang', 'en')");
  await w.signIn(page, 'official', 'demo-official-2025');
  await page.getByTestId('user-name').waitFor();
  await page.goto(caseUrl);
  await card().waitFor();
  await card().getByText('Documents').first().waitFor();
  await card().getByTestId('number-acceptance').waitFor();
  expect(await card().getByTestId('number-acceptance').innerText()).toContain(number!);
  expect(await card().getByTestId('document-delivery_receipt').count()).toBe(0); // not issued
  expect(await card().getByTestId('issue-acceptance').count()).toBe(0);
  await card().getByTestId('preview-acceptance').click();
  await dialog.getByText('Notice of acceptance of a tolerance application').first().waitFor();
  expect(await dialog.getByTestId('document-number').innerText()).toBe(number);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // At phone width the card fits, and the document still opens and downloads.
  await page.setViewportSize({ width: 390, height: 844 });
  await card().getByTestId('download-acceptance').waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await card().getByTestId('preview-acceptance').click();
  await dialog.getByTestId('document-number').waitFor();
  await keepShot(page, 'documents-official-en-phone');
  await page.keyboard.press('Escape');
  expect(realProblems(w.problems)).toEqual([]);
}
