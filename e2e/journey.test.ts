/**
 * The acceptance journey of the web app in Chromium (see harness.ts), in Chinese and in English,
 * every step through the screens a newcomer would use and none through the API:
 *
 *   1. the official applies at /apply (answers under which the preliminary assessment is
 *      "exempted"), uploads a PDF and submits;
 *   2. intake finds the case in the queue and accepts it;
 *   3. the investigator records a fact resting on the official's evidence, assesses the six
 *      elements and completes verification; the X New Area pack requires consultation, so the
 *      organization, discipline and audit departments' officers answer and sign their opinions,
 *      the investigator transcribes the party organization's written reply and completes
 *      consultation;
 *   4. the chair constitutes the panel and votes; member1 declares a conflict and is recused;
 *      member2 and member3 vote; the chair decides, following the recommendation;
 *   5. intake notifies the decision in writing;
 *   6. the official sees the decision and downloads the decision document as a PDF.
 *
 * Issue 10's screens on the way: everyone starts at the workbench (工作台) and opens the case by
 * its to-do link (intake's "find" in step 2 is the to-do list, not a search of the queue; the
 * chair and intake come back to it by the header's reminder); intake issues the acceptance notice
 * (numbered, beside the case's own number), and after notifying the delivery receipt, sees closing
 * shown disabled with its reason and opens the approval form (呈批表); the investigator confirms
 * two of the official's stated facts at once; the chair's decision form comes with the majority
 * pre-selected and the minutes drafted from the votes; the liaison starts the publicity the X New
 * Area pack requires and issues its notice; during publicity the official, from the workbench,
 * sees the review and appeal windows and downloads each of their documents, every PDF named by
 * its official number.
 *
 * Phone width: the official and intake work on a 390 px screen (menu through the drawer); every
 * screen they stop at is measured there (nothing scrolls sideways) and then checked again at
 * desktop width (screenshot, axe). The other roles work at desktop width only: a third and fourth
 * run at phone width would double the journey's time for screens e2e/phone.test.ts and the
 * screens' own files already cover.
 *
 * Each person works in their own browser context (own session and language choice). The labels
 * the test looks for are read from the app's own zh/en texts, so the English run fails wherever
 * the English interface shows Chinese (or nothing). Screenshots journey-<n>-<step>-<lang>; axe on
 * each main screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jurisdictions, users } from '../src/app/tables.js';
import { STANDARD_FACTS } from '../src/policy/vocabulary.js';
import { SIX_ELEMENT_LABEL, STATE_LABEL, STEP_LABEL } from '../src/shared/case.js';
import { DOCUMENT_TYPE_LABEL, type DocumentType } from '../src/shared/documents.js';
import { ROLE_LABEL } from '../src/shared/roles.js';
import { TASK_LABEL } from '../src/shared/tasks.js';
import {
  axeViolations,
  PHONE,
  realProblems,
  SHOTS,
  sidewaysOverflow,
  useBrowserWorld,
} from './harness.js';

type Lang = 'zh' | 'en';
type Texts = Record<string, unknown>;

const w = useBrowserWorld();

// ---- the app's texts ---------------------------------------------------------------------------

const I18N = join(process.cwd(), 'web', 'src', 'i18n');
const AREAS = [
  'official',
  'desk',
  'committee',
  'document',
  'documents',
  'workbench',
  'batch',
  'find',
] as const;

function loadTexts(lang: Lang): Texts {
  const read = (file: string) => JSON.parse(readFileSync(join(I18N, file), 'utf8')) as Texts;
  const all: Texts = { ...read(`${lang}.json`) };
  for (const area of AREAS) Object.assign(all, read(join('areas', `${area}.${lang}.json`)));
  return all;
}
const TEXTS: Record<Lang, Texts> = { zh: loadTexts('zh'), en: loadTexts('en') };

/** Labels the server defines (src/shared), which the app shows as they are, under the keys used here. */
const SHARED_LABELS: Record<string, Readonly<Record<string, { zh: string; en: string }>>> = {
  states: STATE_LABEL,
  steps: STEP_LABEL,
  roles: ROLE_LABEL,
  'desk.six.elements': SIX_ELEMENT_LABEL,
  'workbench.task': TASK_LABEL,
};

function sharedLabel(lang: Lang, key: string): string | undefined {
  const dot = key.lastIndexOf('.');
  return SHARED_LABELS[key.slice(0, dot)]?.[key.slice(dot + 1)]?.[lang];
}

/** The app's text for a key (i18next's `{{name}}` filled in); throws on a missing key. */
function tx(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const find = (k: string) => {
    let node: unknown = TEXTS[lang];
    for (const part of k.split('.')) node = (node as Texts | undefined)?.[part];
    return typeof node === 'string' ? node : undefined;
  };
  // Plurals as i18next picks them: key_one for a count of 1 where the language has it, else
  // key_other (Chinese has only _other).
  const text =
    find(key) ??
    sharedLabel(lang, key) ??
    (typeof vars['count'] === 'number'
      ? ((vars['count'] === 1 ? find(`${key}_one`) : undefined) ?? find(`${key}_other`))
      : undefined);
  if (text === undefined) throw new Error(`no ${lang} text for ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A button's name: antd puts a space between the two characters of a two-character label. */
const spaced = (text: string) => new RegExp(`^\\s*${[...text].map(escape).join('\\s*')}\\s*$`);

// ---- the journey's data -------------------------------------------------------------------------

/** A small valid PDF (the server checks the content against the type). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/**
 * The answers of an exempted case (src/app/testing/steps.ts EXEMPTED_FACTS) as the form shows
 * them: the options' labels come from the policy vocabulary (src/policy/vocabulary.ts).
 */
const ANSWERS: readonly [fact: string, zh: string, en: string][] = [
  ['purpose', '推动发展任务', 'Development task'],
  ['privateGain', '否', 'No'],
  ['onReformTaskList', '是', 'Yes'],
  ['knowinglyViolated', '否', 'No'],
  ['actedAfterExplicitBan', '否', 'No'],
  ['crimeSuspected', '否', 'No'],
  ['executedIllegalHigherDecision', '否', 'No'],
  ['obstructed', '否', 'No'],
  ['ignoredRepeatedOrders', '否', 'No'],
  ['graveConsequence', '无', 'None'],
  ['fraudulentRecords', '否', 'No'],
  ['repeatOfSameError', '否', 'No'],
  ['decisionProcess', '集体决策', 'Collective decision'],
  ['objectionRecorded', '否', 'No'],
  ['forceMajeure', '否', 'No'],
  ['dutiesPerformed', '是', 'Yes'],
  ['prohibitedAtTheTime', '否', 'No'],
  ['remediation', '有效挽回损失、消除影响', 'Effective'],
  ['cooperated', '是', 'Yes'],
];

/** The x-new-area ladder's label of the recommended outcome (packs/cn-national/pack.yaml). */
const EXEMPTED: Record<Lang, string> = { zh: '免予问责（容错免责）', en: 'Exempted (tolerated)' };
/** The private-gain fact's label (src/policy/vocabulary.ts). */
const PRIVATE_GAIN: Record<Lang, string> = { zh: '谋取私利', en: 'Private gain' };

/** Facts of the official's statement the investigator confirms at once, by their labels. */
const CONFIRMED = ['cooperated', 'dutiesPerformed'].map((id) => {
  const fact = STANDARD_FACTS.find((f) => f.id === id);
  if (!fact) throw new Error(`no standard fact ${id}`);
  return fact.label;
});

/** An official number (发文字号) as screens show it, e.g. X新容受〔2026〕3号. */
const OFFICIAL_NUMBER = /\S+?〔\d{4}〕\d+号/;

const RUNS = [
  {
    lang: 'zh',
    official: 'official',
    title: '产业园区标准地改革先行供地',
    summary: '为加快项目落地，经局党组集体研究，在配套规划调整批复前先行供地，事后补齐了手续。',
    conductDate: '2025-08-12',
    file: '党组会议纪要.pdf',
    words: {
      evidence: '局党组会议纪要，证明供地决定经集体研究',
      accept: '材料齐全，符合受理条件，予以受理。',
      factNote: '经查阅会议纪要和财务凭证，当事人未谋取私利。',
      confirmNote: '经调阅会议纪要、约谈相关人员核实，与申请人陈述一致。',
      assess: (n: number) => `经核实，第${n}项要素有利于容错。`,
      opinion: (d: string) => `${d}：经研究，同意提交集体研究。`,
      conflict: '本人曾参与该项目的前期论证。',
      vote: '出于公心推动改革，程序瑕疵已补正，同意免责。',
      minutes: '会议认为，当事人出于公心推进改革，程序瑕疵已及时补正。',
    },
  },
  {
    lang: 'en',
    official: 'official-02',
    title: 'Land supplied before the zoning amendment was approved',
    summary:
      'To land the project in time, the bureau leadership decided collectively to supply the land before the zoning amendment was approved; the approval followed later.',
    conductDate: '2025-07-03',
    file: 'leadership-minutes.pdf',
    words: {
      evidence: 'Minutes of the leadership meeting: the decision was collective',
      accept: 'The application is complete and is accepted.',
      factNote: 'The minutes and the accounts show no private gain.',
      confirmNote: 'The minutes and interviews bear out the statement.',
      assess: (n: number) => `Verified: element ${n} favours tolerance.`,
      opinion: (d: string) => `${d}: agrees that the committee deliberates.`,
      conflict: 'I took part in the project’s feasibility study.',
      vote: 'A good-faith reform effort; the procedural defect was remedied.',
      minutes: 'The meeting found a good-faith reform effort whose defect was promptly remedied.',
    },
  },
] as const;
type Run = (typeof RUNS)[number];

/** The display names of the committee's demo logins, as the panel lists them. */
async function displayName(username: string): Promise<string> {
  const [u] = await w.app.ctx.store.db
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.username, username));
  if (!u) throw new Error(`no demo user ${username}`);
  return u.name;
}

// ---- helpers ------------------------------------------------------------------------------------

/** Every page of the current run, for the failure screenshots. */
let pages: Page[] = [];

/** The pages of the people who work on a phone (390 px); the others work at desktop width. */
const phones = new WeakSet<Page>();
/** The harness's desktop viewport, to which a phone page turns for its desktop checks. */
const DESKTOP = { width: 1280, height: 860 } as const;

/** Screens of the current run that scrolled sideways at phone width. */
let overflows: string[] = [];

/**
 * Whether the current run checks its screens with axe: the Chinese one only. axe's rules look at
 * the structure, names, roles and contrast the English screens share with the Chinese, and each
 * run of it takes about two seconds: checking once saves some forty seconds of the suite.
 */
let axeThisRun = true;

/**
 * A fresh browser context for one person, signed in, in the run's language, at `path` ('/' lands
 * on the workbench); on a phone-sized screen when `phone`.
 */
async function person(
  lang: Lang,
  username: string,
  password: string,
  path = '/cases',
  phone = false,
): Promise<Page> {
  const page = await w.newPage({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  pages.push(page);
  if (phone) {
    phones.add(page);
    await page.setViewportSize(PHONE);
  }
  await page.goto(w.url + path);
  if (lang === 'en') await page.getByText('English', { exact: true }).click();
  await w.signIn(page, username, password);
  // On a phone the name is in the drawer; the menu button stands for it.
  await page.getByTestId(phone ? 'menu-button' : 'user-name').waitFor();
  return page;
}

/** Follows a menu entry: on a phone through the drawer the menu button opens, else the header's menu. */
async function viaMenu(page: Page, entry: string, shot?: string) {
  if (!phones.has(page)) {
    await page.locator('.rc-menu').getByRole('menuitem', { name: entry, exact: true }).click();
    return;
  }
  expect(await page.locator('.rc-menu').isVisible()).toBe(false);
  await page.getByTestId('menu-button').click();
  const drawer = page.getByTestId('drawer-menu');
  await drawer.waitFor();
  if (shot) await fitsPhone(page, shot);
  await drawer.getByRole('menuitem', { name: entry, exact: true }).click();
  await drawer.waitFor({ state: 'hidden' });
}

/**
 * Opens the case from the workbench by its to-do link under `action`: the case page, at the task
 * (the link's #task-<action>).
 */
async function toTask(page: Page, action: string, number: string, casePath: string) {
  await page.getByTestId('workbench').waitFor();
  const link = page
    .getByTestId(`todo-group-${action}`)
    .getByRole('link', { name: new RegExp(`^${escape(number)} `) });
  await link.click();
  await page.getByTestId('case-title').waitFor();
  const url = new URL(page.url());
  expect(url.pathname).toBe(casePath);
  expect(url.hash).toBe(`#task-${action}`);
}

const dialog = (page: Page, name: string) => page.getByRole('dialog', { name: spaced(name) });

/**
 * Sends a dialog: presses its button until the dialog closes or `next` (the confirmation it asks)
 * shows. A click during the dialog's opening animation can miss on a slow machine; a second press
 * while the first is sending finds the button loading, which ignores it.
 */
async function send(box: Locator, button: Locator, next?: Locator) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await button.click({ timeout: 10_000 }).catch(() => undefined);
    // Whichever comes first; the confirmation may carry the dialog's title too, so the dialog's
    // own locator can match two and fail: only a success counts.
    const done = await Promise.any([
      box.waitFor({ state: 'hidden', timeout: 10_000 }),
      ...(next ? [next.waitFor({ timeout: 10_000 })] : []),
    ]).then(
      () => true,
      () => false,
    );
    if (done) return;
  }
  throw new Error('the dialog was not sent');
}

/** Checks a radio button, again if a click during an animation did not take. */
async function choice(radio: Locator) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await radio.check({ timeout: 10_000 }).catch(() => undefined);
    if (await radio.isChecked()) return;
    await radio.page().waitForTimeout(300);
  }
  expect(await radio.isChecked()).toBe(true);
}

/** The pending confirmation of an antd Modal.confirm. */
const confirmation = (page: Page) => page.locator('.ant-modal-confirm').last();

/**
 * Presses the OK button of a confirmation (an antd Modal.confirm or Popconfirm) until it closes: a
 * click during its opening animation can miss on a slow machine.
 */
async function confirmIn(box: Locator, ok: string) {
  await box.waitFor();
  for (let attempt = 0; attempt < 3; attempt++) {
    // The box may close (or its button show loading) while we click: both are fine.
    await box
      .getByRole('button', { name: spaced(ok) })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    const closed = await box
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
  }
  throw new Error(`the confirmation did not close on '${ok}'`);
}

/** Confirms an antd Modal.confirm (the question asked before an irreversible action). */
const confirmModal = (page: Page, ok: string) => confirmIn(confirmation(page), ok);

/**
 * Chooses an option of an Ant Design select (its dropdown is rendered at the end of the page).
 * A click during the dropdown's opening animation can miss on a slow machine: check and retry.
 */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
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

/** Chooses an option of a select found by its role (an input): types its text, takes the match. */
async function typeAndPick(page: Page, combobox: Locator, text: string): Promise<void> {
  await combobox.click();
  await page.keyboard.type(text);
  // The filtered list is shown once the option is active; Enter takes it.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
    .filter({ hasText: text })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
}

async function stateIs(page: Page, lang: Lang, state: string) {
  await expect
    .poll(() => page.getByTestId('case-state').innerText())
    .toBe(tx(lang, `states.${state}`));
}

/** At phone width: the screen does not scroll sideways (else noted); a screenshot <name>-phone. */
async function fitsPhone(page: Page, name: string) {
  const wide = await sidewaysOverflow(page, PHONE.width);
  if (wide) overflows.push(`${name}: ${wide}`);
  await w.shot(page, `${name}-phone`);
}

/**
 * A screen the journey stops at: a screenshot and (unless `axe` is false, or in the English run)
 * axe at desktop width.
 * A person on a phone has it measured at 390 px first, then turns to desktop width for the rest.
 */
async function check(page: Page, name: string, axe = true) {
  const phone = phones.has(page);
  if (phone) {
    await fitsPhone(page, name);
    await page.setViewportSize(DESKTOP);
  }
  try {
    await w.shot(page, name);
    if (axe && axeThisRun) expect(await axeViolations(page), name).toEqual([]);
  } finally {
    if (phone) await page.setViewportSize(PHONE);
  }
}

/**
 * Issues a document of the case from the documents card: the preview first, then issued; returns
 * the official number the card shows for it.
 */
async function issue(page: Page, lang: Lang, type: DocumentType): Promise<string> {
  const card = page.getByTestId('documents-card');
  await card.getByTestId(`issue-${type}`).click();
  const preview = page.getByRole('dialog', { name: DOCUMENT_TYPE_LABEL[type][lang] });
  await preview.getByTestId('decision-document').waitFor();
  await send(preview, preview.getByTestId('confirm-issue'));
  const line = card.getByTestId(`number-${type}`);
  await line.waitFor();
  const number = OFFICIAL_NUMBER.exec(await line.innerText())?.[0];
  expect(number, `the ${type} is numbered`).toBeDefined();
  expect(await card.getByTestId(`issue-${type}`).count()).toBe(0);
  return number!;
}

/** Downloads a PDF by its button: a PDF, named by the document's official number. */
async function downloadPdf(button: Locator, number: string) {
  const [download] = await Promise.all([button.page().waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10 * 1024);
}

// ---- the journey --------------------------------------------------------------------------------

describe('the acceptance journey in Chromium, from application to decision document', () => {
  for (const run of RUNS) {
    it(`in ${run.lang === 'zh' ? 'Chinese' : 'English'}: ${run.official} applies, the case is decided and the PDF downloaded`, async () => {
      const seen = w.problems.length;
      pages = [];
      overflows = [];
      axeThisRun = run.lang === 'zh';
      try {
        await journey(run);
      } catch (e) {
        for (const [i, p] of pages.entries()) {
          await p
            .screenshot({
              path: join(SHOTS, `journey-failure-${run.lang}-${i}.png`),
              fullPage: true,
            })
            .catch(() => undefined);
        }
        throw e;
      }
      expect(overflows, 'screens wider than the phone').toEqual([]);
      expect(realProblems(w.problems.slice(seen))).toEqual([]);
    }, 900_000);
  }
});

async function journey(run: Run) {
  const { lang, words } = run;
  const t = (key: string, vars?: Record<string, string | number>) => tx(lang, key, vars);
  const shot = (n: number, step: string) => `journey-${n}-${step}-${lang}`;

  // ---- 1. the official applies ------------------------------------------------------------------
  // Applicants see the preliminary assessment where an administrator turned it on (issue 10; off
  // by default, e2e/review.test.ts): on here, for every jurisdiction of the demo.
  await w.app.ctx.store.db.update(jurisdictions).set({ applicantAssessment: true });
  // On a phone: the workbench first, then the menu in its drawer.
  const official = await person(lang, run.official, 'demo-official-2025', '/', true);
  await official.getByTestId('workbench').waitFor();
  await check(official, shot(1, 'workbench'), false);
  await viaMenu(official, t('official.menu.apply'), shot(1, 'menu'));
  await official.getByRole('heading', { name: t('official.apply.heading'), level: 1 }).waitFor();
  await official.locator('#title').fill(run.title);
  const date = official.getByLabel(t('official.apply.conductDate'));
  await date.click();
  await date.fill(run.conductDate);
  await date.press('Enter');
  await official.getByLabel(t('official.apply.summary')).fill(run.summary);
  const outcome = () => official.getByTestId('assessment-outcome').getAttribute('data-outcome');
  await expect.poll(outcome, { timeout: 20_000 }).toBe('undetermined');
  await official.getByRole('button', { name: spaced(t('official.apply.next')) }).click();
  await official
    .getByRole('heading', { name: t('official.apply.stepQuestions'), level: 2 })
    .waitFor();
  for (const [fact, zh, en] of ANSWERS) {
    await official
      .locator(`#apply-fact-${fact}`)
      .getByText(lang === 'zh' ? zh : en, { exact: true })
      .click();
  }
  await official.locator('#apply-fact-lossAmount').fill('800000');
  // The preliminary assessment: exempted, on cited provisions, nothing left that matters.
  await expect.poll(outcome, { timeout: 20_000 }).toBe('exempted');
  await expect
    .poll(async () => official.getByTestId('assessment-missing').getAttribute('data-count'))
    .toBe('0');
  expect(await official.getByTestId('assessment-reasons').innerText()).not.toBe('');
  await check(official, shot(1, 'apply'));

  await official.getByRole('button', { name: spaced(t('official.apply.next')) }).click();
  await official.getByRole('heading', { name: t('official.apply.stepReview'), level: 2 }).waitFor();
  await official.getByRole('button', { name: spaced(t('official.apply.submit')) }).click();
  const createdPrefix = t('official.apply.createdTitle', { number: '' });
  const created = official.getByRole('heading', { name: new RegExp(`^${escape(createdPrefix)}`) });
  await created.waitFor({ timeout: 30_000 });
  const number = (await created.innerText()).slice(createdPrefix.length).trim();
  expect(number).not.toBe('');

  // The minutes as evidence, right after submitting.
  await official.getByTestId('evidence-file-input').setInputFiles({
    name: run.file,
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await official.getByLabel(t('official.evidence.description')).fill(words.evidence);
  await official.getByRole('button', { name: spaced(t('official.evidence.submit')) }).click();
  await official
    .getByText(t('official.apply.uploadedCount', { count: 1 }))
    .waitFor({ timeout: 30_000 });
  await official.getByRole('button', { name: spaced(t('official.apply.toCase')) }).click();
  await official.getByTestId('case-title').waitFor();
  expect(await official.getByTestId('case-title').innerText()).toContain(run.title);
  await stateIs(official, lang, 'submitted');
  const caseUrl = official.url();
  expect(caseUrl).toMatch(/\/cases\/[0-9a-f-]{36}$/);
  const casePath = new URL(caseUrl).pathname;
  await check(official, shot(1, 'submitted'), false);

  // ---- 2. intake, on a phone, goes from the workbench to the case and accepts it ---------------
  const intake = await person(lang, 'intake', 'demo-intake-2025', '/', true);
  await intake
    .getByTestId('todo-group-accept')
    .getByText(t('workbench.task.accept'))
    .first()
    .waitFor();
  await check(intake, shot(2, 'workbench'));
  await toTask(intake, 'accept', number, casePath);
  await stateIs(intake, lang, 'submitted');
  await intake.getByTestId('action-accept').click();
  const accept = dialog(intake, t('desk.actions.accept'));
  await accept.getByLabel(t('desk.form.note')).fill(words.accept);
  await send(accept, accept.getByRole('button', { name: spaced(t('desk.action.submit')) }));
  await stateIs(intake, lang, 'verification');
  // The case carries its official number (受理编号); the acceptance notice takes its own.
  expect(await intake.getByTestId('case-number').innerText()).toBe(number);
  expect(number).toMatch(OFFICIAL_NUMBER);
  const acceptanceNo = await issue(intake, lang, 'acceptance');
  await check(intake, shot(2, 'accepted'), false);

  // ---- 3. the investigator verifies --------------------------------------------------------------
  const inv = await person(lang, 'investigator', 'demo-investigator-2025', '/');
  await toTask(inv, 'completeVerification', number, casePath);
  await stateIs(inv, lang, 'verification');

  // A fact with its provenance: the value, the basis, and the official's minutes it rests on.
  await inv.getByTestId('action-record-fact').click();
  const record = dialog(inv, t('desk.facts.record'));
  await typeAndPick(
    inv,
    record.getByRole('combobox', { name: t('caseView.fact'), exact: true }),
    PRIVATE_GAIN[lang],
  );
  await record.getByTestId('fact-help').waitFor();
  await choice(record.getByRole('radio', { name: t('common.no') }));
  await record.getByLabel(t('desk.facts.note')).fill(words.factNote);
  await typeAndPick(
    inv,
    record.getByRole('combobox', { name: t('desk.facts.evidenceLinks') }),
    run.file,
  );
  // A multiple choice stays open: click the dialog's title to close it (Escape closes the dialog).
  await record.locator('.ant-modal-title').click();
  await send(record, record.getByRole('button', { name: spaced(t('desk.action.submit')) }));
  const factRow = inv.getByTestId('case-facts').locator('tr', { hasText: PRIVATE_GAIN[lang] });
  await factRow.getByRole('link', { name: run.file }).waitFor();
  expect(await factRow.innerText()).toContain(words.factNote);

  // Two facts as the official stated them, ticked and confirmed as verified in one step.
  const facts = inv.getByTestId('case-facts');
  const confirmed = CONFIRMED.map((label) => label[lang]);
  for (const fact of confirmed) {
    await facts.getByRole('checkbox', { name: t('batch.facts.select', { fact }) }).check();
  }
  const confirmFacts = inv.getByTestId('action-confirm-facts');
  await expect
    .poll(() => confirmFacts.innerText())
    .toContain(t('batch.facts.confirm', { count: confirmed.length }));
  await confirmFacts.click();
  const batch = dialog(inv, t('batch.facts.confirmTitle'));
  const listed = batch.getByTestId('confirm-facts-list');
  await expect.poll(() => listed.innerText()).toContain(confirmed[0]);
  expect(await listed.innerText()).toContain(confirmed[1]);
  await batch.getByLabel(t('desk.facts.note')).fill(words.confirmNote);
  await send(batch, batch.getByRole('button', { name: spaced(t('desk.action.submit')) }));
  for (const fact of confirmed) {
    await expect
      .poll(() => facts.locator('tr', { hasText: fact }).first().innerText())
      .toContain(t('factSources.investigator'));
  }

  // The six elements, each with its notes.
  const elements = [
    'motive',
    'conditions',
    'procedure',
    'nature',
    'consequences',
    'recovery',
  ] as const;
  for (const [i, element] of elements.entries()) {
    await inv.getByTestId(`assess-${element}`).click();
    const d = dialog(inv, t('desk.six.dialog', { element: t(`desk.six.elements.${element}`) }));
    await choice(d.getByRole('radio', { name: t('desk.six.ratings.favourable') }));
    await d.getByLabel(t('desk.six.notes')).fill(words.assess(i + 1));
    await send(d, d.getByRole('button', { name: spaced(t('desk.action.submit')) }));
    await expect
      .poll(() => inv.getByTestId('six-progress').innerText())
      .toBe(t('desk.six.progress', { done: i + 1, total: 6 }));
  }
  await check(inv, shot(3, 'verification'));

  await inv.getByTestId('action-complete-verification').click();
  const verified = dialog(inv, t('desk.actions.completeVerification'));
  await send(
    verified,
    verified.getByRole('button', { name: spaced(t('desk.action.submit')) }),
    confirmation(inv),
  );
  await confirmModal(inv, t('desk.action.confirmOk'));
  // The X New Area pack requires consultation: its departments are asked at once.
  await stateIs(inv, lang, 'consultation');
  const departments = ['organization', 'discipline', 'audit', 'party-organization'] as const;
  const consultations = inv.getByTestId('case-consultations');
  for (const d of departments) {
    await consultations
      .locator('tr', { hasText: t(`desk.departments.${d}`) })
      .getByText(t('desk.consult.waiting'))
      .waitFor();
  }

  // Each consulted department with users answers for itself and signs (dept-organization,
  // dept-discipline, dept-audit); the unit's party organization has none, so the investigator
  // transcribes its written reply, with the reply's reference and date.
  let consultee: Page | undefined;
  for (const d of ['organization', 'discipline', 'audit'] as const) {
    const department = t(`desk.departments.${d}`);
    consultee = await person(lang, `dept-${d}`, 'demo-consultee-2025', casePath);
    await stateIs(consultee, lang, 'consultation');
    await consultee.getByTestId(`answer-${d}`).click();
    const answer = dialog(consultee, t('desk.consult.answerFor', { department }));
    await answer.getByLabel(t('desk.consult.opinion')).fill(words.opinion(department));
    await send(answer, answer.getByRole('button', { name: spaced(t('desk.action.submit')) }));
    await expect
      .poll(() => consultee!.getByTestId(`opinion-signer-${d}`).innerText())
      .toContain(t('desk.consult.signedBy', { name: await displayName(`dept-${d}`) }));
  }
  await check(consultee!, shot(3, 'consultation'));
  await inv.reload();
  const party = t('desk.departments.party-organization');
  await inv.getByTestId('opinion-party-organization').click();
  const reply = dialog(inv, t('desk.consult.recordFor', { department: party }));
  await reply.getByLabel(t('desk.consult.replyReference')).fill('经发党组复〔2026〕3号');
  await reply
    .getByLabel(t('desk.consult.replyDate'))
    .fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await reply.getByLabel(t('desk.consult.opinion')).fill(words.opinion(party));
  await send(reply, reply.getByRole('button', { name: spaced(t('desk.action.submit')) }));
  await expect
    .poll(() => inv.getByTestId('opinion-signer-party-organization').innerText())
    .toContain('经发党组复〔2026〕3号');

  // Everyone answered: the investigator completes consultation; deliberation starts.
  await inv.reload();
  await inv.getByTestId('action-complete-consultation').click();
  const complete = dialog(inv, t('desk.consult.complete'));
  await complete.getByText(t('desk.consult.allAnswered')).waitFor();
  await send(
    complete,
    complete.getByRole('button', { name: spaced(t('desk.action.submit')) }),
    confirmation(inv),
  );
  await confirmModal(inv, t('desk.action.confirmOk'));
  await stateIs(inv, lang, 'deliberation');

  // ---- 4. the committee -------------------------------------------------------------------------
  const [chairName, m1, m2, m3] = await Promise.all(
    ['chair', 'member1', 'member2', 'member3'].map(displayName),
  );
  const panelOf = (page: Page) => page.getByTestId('deliberation-panel');
  const memberRow = (page: Page, name: string) =>
    panelOf(page)
      .getByTestId('members-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: name });
  const vote = async (page: Page, me: string) => {
    await panelOf(page).getByTestId('vote').click();
    const d = dialog(page, t('committee.vote.button'));
    await choose(page, d.getByTestId('vote-outcome'), EXEMPTED[lang]);
    await d.getByLabel(t('committee.vote.reason')).fill(words.vote);
    await send(d, d.getByTestId('vote-submit'), confirmation(page));
    await confirmModal(page, t('committee.action.confirmOk'));
    await memberRow(page, me).getByTestId('member-vote').waitFor();
    expect(await memberRow(page, me).getByTestId('member-vote').innerText()).toBe(EXEMPTED[lang]);
    expect(await panelOf(page).getByTestId('vote').count()).toBe(0);
  };

  // The chair sees the recommendation, constitutes the panel and votes.
  const chair = await person(lang, 'chair', 'demo-committee_chair-2025', '/');
  await toTask(chair, 'addMember', number, casePath);
  await panelOf(chair).getByTestId('recommended-outcome').waitFor();
  expect(await panelOf(chair).getByTestId('recommended-outcome').innerText()).toBe(EXEMPTED[lang]);
  expect(await panelOf(chair).getByTestId('clause-citation').count()).toBeGreaterThan(0);
  for (const name of [m1!, m2!, m3!]) {
    await panelOf(chair).getByTestId('add-member').click();
    const d = dialog(chair, t('committee.addMember.button'));
    await choose(chair, d.getByTestId('add-member-user'), name);
    await send(d, d.getByTestId('add-member-submit'));
    await memberRow(chair, name).waitFor();
    await d.waitFor({ state: 'hidden' });
  }
  // The chair who adds the first member sits as the panel's chair.
  await memberRow(chair, chairName!).getByText(t('committee.members.chair')).waitFor();
  await vote(chair, chairName!);
  await check(chair, shot(4, 'panel'));

  // member1 declares a conflict of interest and is recused.
  const member1 = await person(lang, 'member1', 'demo-committee_member-2025', '/');
  await toTask(member1, 'vote', number, casePath);
  await panelOf(member1).getByTestId('declare-conflict').click();
  const conflict = dialog(member1, t('committee.conflict.button'));
  await conflict.getByLabel(t('committee.conflict.describe')).fill(words.conflict);
  await send(conflict, conflict.getByTestId('declare-conflict-submit'), confirmation(member1));
  await confirmModal(member1, t('committee.action.confirmOk'));
  await memberRow(member1, m1!).getByTestId('member-recused').waitFor();
  expect(await memberRow(member1, m1!).innerText()).toContain(words.conflict);
  expect(await panelOf(member1).getByTestId('vote').count()).toBe(0);
  await w.shot(member1, shot(4, 'recused'));

  // member2 and member3 vote.
  const member2 = await person(lang, 'member2', 'demo-committee_member-2025', '/');
  await toTask(member2, 'vote', number, casePath);
  await vote(member2, m2!);
  const member3 = await person(lang, 'member3', 'demo-committee_member-2025', '/');
  await toTask(member3, 'vote', number, casePath);
  await vote(member3, m3!);
  expect(await panelOf(member3).getByTestId('vote-tally').innerText()).toContain(
    t('committee.members.tally', { sitting: 3, recused: 1, voted: 3 }),
  );

  // The header's reminder leads the chair back to the workbench, where the case waits for the
  // decision. The form comes with the majority's outcome (the recommendation: no reasons for
  // departing are asked) and minutes drafted from the votes, which the chair completes.
  await chair.getByTestId('todo-badge').click();
  await toTask(chair, 'decide', number, casePath);
  const form = panelOf(chair).getByTestId('decision-form');
  await form.waitFor();
  await expect
    .poll(() => form.getByTestId('decision-outcome').innerText())
    .toContain(EXEMPTED[lang]);
  expect(await form.getByTestId('departure-warning').count()).toBe(0);
  await form.getByText(t('batch.minutes.prefilled')).waitFor();
  const minutes = form.getByLabel(t('committee.decide.minutes'));
  await expect
    .poll(() => minutes.inputValue())
    .toContain(t('batch.minutes.majority', { outcome: EXEMPTED[lang] }));
  const draft = await minutes.inputValue();
  for (const name of [chairName!, m2!, m3!]) expect(draft).toContain(name);
  expect(draft).toContain(words.vote);
  await minutes.fill(`${draft}\n${words.minutes}`);
  await check(chair, shot(4, 'decide'));
  await form.getByTestId('decide').click();
  await confirmModal(chair, t('committee.decide.confirmOk'));
  const decided = panelOf(chair).getByTestId('decision-record');
  await decided.waitFor();
  expect(await decided.getByTestId('record-outcome').innerText()).toBe(EXEMPTED[lang]);
  await decided.getByText(t('committee.record.follows'), { exact: true }).waitFor();
  await stateIs(chair, lang, 'determined');
  await check(chair, shot(4, 'decided'));

  // ---- 5. intake notifies the official in writing and issues the delivery receipt ---------------
  // The header's reminder leads back to the workbench, which lists the case to notify.
  await intake.getByTestId('todo-badge').click();
  await toTask(intake, 'notify', number, casePath);
  await stateIs(intake, lang, 'determined');
  await intake.getByTestId('action-notify').click();
  await confirmIn(intake.locator('.ant-popconfirm').last(), t('desk.action.confirmOk'));
  await stateIs(intake, lang, 'notified');
  const receiptNo = await issue(intake, lang, 'delivery_receipt');
  // Closing is a task not possible yet: shown disabled, with the reason.
  const close = intake.getByTestId('task-not-now-close');
  expect(await close.getByRole('button').isDisabled()).toBe(true);
  expect(await close.getByTestId('task-reason').innerText()).not.toBe('');
  await check(intake, shot(5, 'notified'), false);

  // The approval form (呈批表) of the case, under its number.
  await intake.getByTestId('approval-form-link').click();
  const approval = intake.getByTestId('approval-form');
  await approval.waitFor();
  expect(await approval.getByTestId('approval-number').innerText()).toBe(number);
  await approval.getByText(t('find.approval.title')).waitFor();
  // The verification as the form words it: the six elements in their order, each language's
  // punctuation (English lines had Chinese colons and brackets).
  const verification = await approval.getByTestId('approval-verification').innerText();
  const at = (e: keyof typeof SIX_ELEMENT_LABEL) =>
    verification.indexOf(SIX_ELEMENT_LABEL[e][lang]);
  expect(at('motive')).toBeGreaterThan(-1);
  expect(at('motive')).toBeLessThan(at('conditions'));
  expect(at('nature')).toBeLessThan(at('consequences'));
  if (lang === 'en') expect(verification).not.toMatch(/[：（）。]/);
  await check(intake, shot(5, 'approval-form'));

  // The liaison starts the publicity the X New Area pack requires, from their workbench, and
  // issues its notice.
  const publisher = await person(lang, 'liaison', 'demo-org_liaison-2025', '/');
  await toTask(publisher, 'startPublicity', number, casePath);
  await publisher.getByTestId('action-start-publicity').click();
  await confirmIn(publisher.locator('.ant-popconfirm').last(), t('desk.action.confirmOk'));
  await stateIs(publisher, lang, 'publicity');
  const publicityNo = await issue(publisher, lang, 'publicity');
  await w.shot(publisher, shot(5, 'publicity'));

  // ---- 6. the official follows the case from the workbench and downloads their documents ------
  await viaMenu(official, t('workbench.menu'));
  const mine = official
    .getByTestId('my-cases')
    .locator('tr.ant-table-row')
    .filter({ hasText: number });
  await mine.waitFor();
  expect(await mine.innerText()).toContain(t('states.publicity'));
  await check(official, shot(6, 'workbench'), false);
  await mine.getByTestId('my-action-document').click();
  await official.getByTestId('case-title').waitFor();
  expect(new URL(official.url()).pathname).toBe(casePath);
  await stateIs(official, lang, 'publicity');
  // During publicity the review and appeal windows stay in view; applying for review is a task.
  const windows = official.getByTestId('challenge-windows');
  await windows.waitFor();
  expect(await windows.innerText()).toContain(t('desk.challenge.windows.reviewUntil'));
  await official.getByTestId('task-go-requestReview').waitFor();
  const determination = official.getByTestId('case-determination');
  // The outcome (and, beside it, the recommendation it followed).
  await determination.getByText(EXEMPTED[lang]).first().waitFor();
  const panel = official.getByTestId('decision-document-panel');
  await panel.getByTestId('decision-document').waitFor();
  const determinationNo = await panel.getByTestId('document-number').innerText();
  expect(determinationNo).toMatch(OFFICIAL_NUMBER);
  expect(await panel.getByTestId('decision-document').innerText()).toContain(run.title);
  await check(official, shot(6, 'decision'));

  // Every document of theirs downloads as a PDF named by its number.
  await downloadPdf(panel.getByTestId('download-pdf'), determinationNo.trim());
  const documents = official.getByTestId('documents-card');
  const issued: [DocumentType, string][] = [
    ['acceptance', acceptanceNo],
    ['publicity', publicityNo],
    ['delivery_receipt', receiptNo],
  ];
  for (const [type, no] of issued) {
    const line = documents.getByTestId(`number-${type}`);
    expect(await line.innerText()).toContain(no);
    // On the phone the number has a line of its own, not a sliver beside the buttons.
    expect((await line.boundingBox())?.width, `the ${type}'s line`).toBeGreaterThan(150);
    await downloadPdf(documents.getByTestId(`download-${type}`), no);
  }
}
