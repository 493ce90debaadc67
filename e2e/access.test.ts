/**
 * Organizational scope in the browser (see harness.ts): a case of the demo official 张伟
 * (`official`, Economic Development Bureau) can be neither seen nor opened by someone of another
 * unit — the Construction Bureau's party organization (`unit-party-build`) or an official of
 * another bureau. Not in their case list (not even when searched by its number or matter), not by
 * its address (the app shows "case not found"), and not through the API with their session: the
 * case, its decision document (JSON, text, PDF) and its evidence are 404, answered exactly as for
 * a case that does not exist, so that nothing tells them the case is there.
 *
 * The controls that make the refusals mean something: the official and their own bureau's party
 * organization open the same case and the same files with the same requests.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { officials, units, users } from '../src/app/tables.js';
import { axeViolations, useBrowserWorld, realProblems, SHOTS } from './harness.js';

const w = useBrowserWorld();
const pages: Page[] = [];

async function person(username: string, password: string, path = '/cases'): Promise<Page> {
  const page = await w.newPage();
  pages.push(page);
  await page.goto(w.url + path);
  await w.signIn(page, username, password);
  await page.getByTestId('user-name').waitFor();
  return page;
}

const rowsOf = (page: Page) => page.locator('[data-testid="case-table"] tbody tr.ant-table-row');

/** The bureau (top unit) an official of this login belongs to, read from the store. */
async function bureauOf(username: string): Promise<string> {
  const db = w.app.ctx.store.db;
  const [row] = await db
    .select({ unitId: officials.unitId })
    .from(users)
    .innerJoin(officials, eq(officials.id, users.officialId))
    .where(eq(users.username, username));
  if (!row) throw new Error(`${username} is not an official`);
  let id = row.unitId;
  for (;;) {
    const [unit] = await db.select().from(units).where(eq(units.id, id));
    if (!unit) throw new Error(`no unit ${id}`);
    if (!unit.parentId) return unit.nameZh;
    id = unit.parentId;
  }
}

/** The first demo official login (official-02, -03, …) of a bureau other than `official`'s. */
async function officialOfAnotherBureau(): Promise<string> {
  const own = await bureauOf('official');
  for (let n = 2; n <= 40; n++) {
    const username = `official-${String(n).padStart(2, '0')}`;
    if ((await bureauOf(username)) !== own) return username;
  }
  throw new Error('the demo has no official outside the Economic Development Bureau');
}

interface Target {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  /** The API path of one of its evidence files. */
  readonly evidence: string;
}

/** The requests a refused user must get 404 for, as the owner gets 200 for. */
const routes = (t: Target) => ({
  case: `/api/cases/${t.id}`,
  documentJson: `/api/cases/${t.id}/decision-document`,
  documentText: `/api/cases/${t.id}/decision-document?format=text`,
  documentPdf: `/api/cases/${t.id}/decision-document?format=pdf`,
  evidence: t.evidence,
});

async function statuses(page: Page, paths: Record<string, string>) {
  const out: Record<string, number> = {};
  for (const [name, path] of Object.entries(paths)) {
    out[name] = (await page.request.get(w.url + path)).status();
  }
  return out;
}

describe('a case is out of sight of other units', () => {
  it('another unit’s party organization and another bureau’s official can neither list, open nor download it', async () => {
    const seen = w.problems.length;
    try {
      await access();
    } catch (e) {
      for (const [i, p] of pages.entries()) {
        await p
          .screenshot({ path: join(SHOTS, `access-failure-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
      throw e;
    }
    // The refusals the app expects (404s) are not problems; nothing else may go wrong.
    expect(realProblems(w.problems.slice(seen))).toEqual([]);
  }, 600_000);
});

async function access() {
  // ---- the official opens their notified case: its number, matter and an evidence file -----------
  const owner = await person('official', 'demo-official-2025');
  await rowsOf(owner).first().waitFor();
  const notified = rowsOf(owner).filter({ hasText: '已反馈' }).first();
  await notified.waitFor();
  const number = (await notified.locator('td').first().innerText()).trim();
  const title = (await notified.locator('td').nth(1).innerText()).trim();
  await notified.getByRole('link', { name: title }).click();
  await owner.getByTestId('case-title').waitFor();
  const id = new URL(owner.url()).pathname.split('/').pop()!;
  const evidence = await owner.getByTestId('evidence-link').first().getAttribute('href');
  expect(evidence).toMatch(new RegExp(`^/api/cases/${id}/evidence/[0-9a-f-]{36}$`));
  const target: Target = { id, number, title, evidence: evidence! };

  // The owner gets every one of these (the control: the requests themselves are right).
  expect(await statuses(owner, routes(target))).toEqual({
    case: 200,
    documentJson: 200,
    documentText: 200,
    documentPdf: 200,
    evidence: 200,
  });
  // Their own bureau's party organization finds and opens it too.
  const ownUnit = await person(
    'unit-party',
    'demo-unit_party-2025',
    `/cases?q=${encodeURIComponent(number)}`,
  );
  await expect.poll(() => rowsOf(ownUnit).count()).toBe(1);
  expect(await rowsOf(ownUnit).first().innerText()).toContain(number);
  expect((await ownUnit.request.get(w.url + routes(target).case)).status()).toBe(200);

  // The answer for a case that does not exist, to compare the refusals with.
  const ghost = await owner.request.get(`${w.url}/api/cases/${randomUUID()}`);
  expect(ghost.status()).toBe(404);
  const ghostBody = (await ghost.json()) as {
    error: { code: string; message: unknown; details?: unknown };
  };

  // ---- the outsiders -----------------------------------------------------------------------------
  const otherOfficial = await officialOfAnotherBureau();
  const outsiders = [
    { username: 'unit-party-build', password: 'demo-unit_party-2025', shot: 'access-unit-party' },
    { username: otherOfficial, password: 'demo-official-2025', shot: 'access-official' },
  ];
  for (const who of outsiders) {
    const page = await person(who.username, who.password);
    await page.getByRole('heading', { name: '案件' }).waitFor();

    // Not in their list: searched by its number, and by its matter, nothing is found.
    for (const q of [number, title]) {
      await page.getByLabel('搜索编号、事项或干部姓名').fill(q);
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(q);
      await page.getByText('没有符合筛选条件的案件').waitFor();
      expect(await rowsOf(page).count(), `${who.username} searching ${q}`).toBe(0);
    }

    // Not by its address: the app says the case is not found, and shows nothing of it.
    await page.goto(`${w.url}/cases/${id}`);
    await page.getByText('找不到这个案件').waitFor();
    expect(await page.getByTestId('case-title').count()).toBe(0);
    expect(await page.getByText(title).count()).toBe(0);
    expect(await page.getByText(number).count()).toBe(0);
    await w.shot(page, who.shot);
    expect(await axeViolations(page)).toEqual([]);

    // Not through the API with their session: every route is 404, as for no case at all.
    expect(await statuses(page, routes(target)), who.username).toEqual({
      case: 404,
      documentJson: 404,
      documentText: 404,
      documentPdf: 404,
      evidence: 404,
    });
    const refused = await page.request.get(w.url + routes(target).case);
    const body = (await refused.json()) as { error: { code: string; message: unknown } };
    // The same answer as for a case that does not exist (the details name the id asked for).
    expect(body.error).toEqual({ ...ghostBody.error, details: { caseId: id } });
    const pdf = await page.request.get(w.url + routes(target).documentPdf);
    expect(pdf.headers()['content-type']).toMatch(/^application\/json/);
    expect(((await pdf.json()) as { error: { code: string } }).error.code).toBe(
      ghostBody.error.code,
    );
  }
}
