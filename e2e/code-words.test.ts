/**
 * No code words on Chinese screens (issue 10). Every demo role signs in in Chinese and visits
 * every screen it has: each entry of its menu, a case page of each state the demo holds for it,
 * the policy pages (each tab for the policy administrator), the dashboard, the administration
 * screens for the administrator, and each trail of the audit administrator's 审计 (its records
 * shown as stored, `.rc-verbatim`, passed over). The visible text (and the inputs' placeholders)
 * of each screen is scanned for code words: pack, jurisdiction and rule ids, enum values
 * (`first`, `under_review`), `Art.`, English month or holiday names, uuids — in short any Latin
 * word, except the few that are legitimately Latin, listed in ALLOWED with the reason. The test
 * fails listing each screen and the code words on it (also written to
 * test-artifacts/code-words.txt).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../src/shared/case.js';
import { SHOTS, useBrowserWorld } from './harness.js';

const w = useBrowserWorld();

/**
 * The demo's roles (docs/demo.md); member2 and member3 are member1's role again, and the other
 * consulted departments' officers the discipline one's.
 */
const ROLES: readonly (readonly [username: string, password: string])[] = [
  ['official', 'demo-official-2025'],
  ['unit-party', 'demo-unit_party-2025'],
  ['intake', 'demo-intake-2025'],
  ['investigator', 'demo-investigator-2025'],
  ['member1', 'demo-committee_member-2025'],
  ['chair', 'demo-committee_chair-2025'],
  ['city-chair', 'demo-committee_chair-2025'],
  ['liaison', 'demo-org_liaison-2025'],
  ['policy-admin', 'demo-policy_admin-2025'],
  ['auditor', 'demo-auditor-2025'],
  ['admin', 'demo-admin-2025'],
  ['security-admin', 'demo-security_admin-2025'],
  ['audit-admin', 'demo-audit_admin-2025'],
  ['dept-discipline', 'demo-consultee-2025'],
  // The Sichuan free-trade-zone area (src/app/demo-zone.ts): its results off the ladder.
  ['ftz-chair', 'demo-committee_chair-2025'],
  ['ftz-official', 'demo-official-2025'],
];

interface Allowed {
  readonly pattern: RegExp;
  /** Why this Latin text is legitimate on a Chinese screen. */
  readonly why: string;
  /** Only on screens whose name matches (default: every screen). */
  readonly screens?: RegExp;
}

/**
 * Latin text that is legitimately on a Chinese screen. Keep it short and explain each entry:
 * anything else is fixed where the text is made (texts, presenters), never allowed here.
 */
const ALLOWED: readonly Allowed[] = [
  // The language switch names the other language in that language.
  { pattern: /\bEnglish\b/g, why: 'the language switch' },
  // File formats as offices name them.
  {
    pattern: /\b(PDF|Excel|OFD|WPS|PNG|JPEG|TXT|CSV|DOCX|XLSX|ODT|LRMX)\b/g,
    why: 'file formats, as offices name them',
  },
  // A sample draw's seed (回访): shown so that anyone can draw again and get the same officials.
  {
    pattern: /\b(demo-[\d-]+|[0-9a-f]{32})\b/g,
    why: 'the seed of a follow-up visits draw',
    screens: /visits/,
  },
  // The hash of each audit chain, named as its standard names it (GB/T 32905 SM3, FIPS 180-4).
  {
    pattern: /\b(SHA-256|SM3)\b/g,
    why: 'the hash algorithms of the audit chains',
    screens: /审计/,
  },
  // Sizes of uploads.
  { pattern: /\b(KB|MB|GB|KiB|MiB|GiB)\b/g, why: 'file-size units' },
  // The extension of an uploaded file's name is part of the name the user gave it.
  {
    pattern: /\.(txt|pdf|png|jpe?g|ofd|wps|docx?|xlsx?|csv)\b/gi,
    why: 'file-name extensions of uploaded evidence',
  },
  // Usernames are Latin by rule (src/app/org.ts); the administrator manages them.
  {
    pattern:
      /\b(ftz-)?(official(-\d{2})?|unit-party(-[a-z]+)?|intake|investigator|member\d|chair|city-chair|city-liaison|liaison|policy-admin|auditor|security-admin|audit-admin|admin|dept-[a-z]+)\b/g,
    why: 'demo usernames on the administration screens (system and security administrators)',
    screens: /^(admin|security-admin) .*\/admin\/users/,
  },
  // An instrument's version id (seed000-v1) is Latin by rule (src/app/evaluation/adapt-instrument.ts):
  // its author chooses it on the 修订 form, and campaigns name the version by it.
  {
    pattern: /\b[a-z][a-z0-9._-]*-v\d+\b/g,
    why: 'instrument version ids on the instrument screens',
    screens: /\/evaluation\/instruments/,
  },
  // The ASRS reference pack (policy administrators and administrators only) is about a US
  // scheme: its agencies and documents are named as they are (NASA, FAA, AC 00-46F, 14 CFR 91.25).
  {
    pattern: /\b(NASA|ASRS|FAA|NTSB|AC)\b|\b00-46F\b|\bCFR( Part)?\b/g,
    why: 'names of the US agencies and documents in the ASRS reference pack',
    screens: /政策依据/,
  },
];

/** Tokens of Latin letters and digits, joined by - _ or . (a uuid is one), and `Art.`. */
const TOKEN = /\bArt\.|[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*/g;

/** A code word: a token with two Latin letters in a row (so not a date, nor the X of X新区). */
const isCodeWord = (token: string) =>
  /[A-Za-z]{2}/.test(token) ||
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token);

/** The code words in a screen's text, after the allowed Latin text is taken out. */
export function codeWords(screen: string, text: string): string[] {
  let rest = text;
  for (const a of ALLOWED) {
    if (a.screens && !a.screens.test(screen)) continue;
    rest = rest.replace(a.pattern, ' ');
  }
  return [...new Set((rest.match(TOKEN) ?? []).filter(isCodeWord))];
}

const findings = new Map<string, string[]>();
let screens = 0;

/** Each page's count of requests in flight, from the page's own request events. */
const IN_FLIGHT = new WeakMap<Page, () => number>();

function trackRequests(page: Page): void {
  let inFlight = 0;
  const done = () => (inFlight = Math.max(0, inFlight - 1));
  page.on('request', () => (inFlight += 1));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  IN_FLIGHT.set(page, () => inFlight);
}

/**
 * Waits until the screen has loaded what it shows: no request in flight and no spinner, for
 * QUIET_MS in a row (a screen starts its requests on its first render, well within that).
 */
const QUIET_MS = 300;
async function settle(page: Page) {
  const inFlight = IN_FLIGHT.get(page)!;
  const deadline = Date.now() + 20_000;
  let quietSince = Date.now();
  for (;;) {
    const busy =
      inFlight() > 0 || (await page.locator('.ant-spin-spinning, .rc-loading').count()) > 0;
    const now = Date.now();
    if (busy) quietSince = now;
    else if (now - quietSince >= QUIET_MS) return;
    if (now > deadline) throw new Error(`still loading after 20 s: ${page.url()}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Goes to a path inside the app as its own links do (the history API and a popstate event, which
 * the router follows), not by loading the page again: a reload would parse the whole app again for
 * each of the two hundred screens, which took most of this test's time.
 */
async function goTo(page: Page, path: string) {
  await page.evaluate(
    `window.history.pushState(null, '', ${JSON.stringify(path)});
     window.dispatchEvent(new PopStateEvent('popstate'));`,
  );
  await settle(page);
}

/**
 * Scans what the screen shows now: its visible text and its inputs' placeholders. It settles again
 * although the caller has: a screen may start a second round of requests once the first has drawn
 * it (the case page's fact labels), later than one quiet period on a busy machine (seen once when
 * it settled only once).
 */
async function scan(page: Page, screen: string) {
  await settle(page);
  // A trail's records shown as stored (.rc-verbatim: usernames, ids, request lines, payloads on the
  // audit screens) are not the screen's own words: hidden while it is read (innerText skips
  // what is not visible), the rest of the screen is scanned.
  const text = (await page.evaluate(`(() => {
    const hide = document.createElement('style');
    hide.textContent = '.rc-verbatim { visibility: hidden !important; }';
    document.head.append(hide);
    try {
      return [
        document.body.innerText,
        ...[...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
          .filter((e) => e.offsetParent !== null)
          .map((e) => e.getAttribute('placeholder')),
      ].join('\\n');
    } finally {
      hide.remove();
    }
  })()`)) as string;
  screens += 1;
  const words = codeWords(screen, text);
  if (words.length > 0) findings.set(screen, words);
}

/** Each entry of the role's menu, clicked as a user does; returns the paths they lead to. */
async function menuEntries(page: Page, role: string): Promise<string[]> {
  const labels = (await page.locator('.rc-menu .ant-menu-item').allInnerTexts())
    .map((l) => l.trim())
    .filter((l) => l !== '');
  expect(labels.length, `${role} has a menu`).toBeGreaterThan(0);
  const paths: string[] = [];
  for (const label of labels) {
    const item = page.getByRole('menuitem', { name: label, exact: true });
    // An entry that does not fit the header's width is under the menu's overflow "…", as a user
    // finds it: hover that to open it.
    if (!(await item.isVisible()))
      await page.locator('.rc-menu .ant-menu-overflow-item-rest').hover();
    await item.click();
    await settle(page);
    const path = new URL(page.url()).pathname;
    paths.push(path);
    await scan(page, `${role} 菜单“${label}” ${path}`);
  }
  return paths;
}

/**
 * Roles the scan has already met in another jurisdiction: a chair of the city and of the
 * free-trade zone, an official of the zone. Their case pages are those of the same role, with
 * their jurisdiction's pack: one case page (the furthest on) and its official's record show what
 * the pack changes, without every state again.
 */
const SAME_ROLE_ELSEWHERE = new Set(['city-chair', 'ftz-chair', 'ftz-official']);

/**
 * A case page of each state the role has a case in (or only the furthest on, `everyState` false),
 * and the record (/officials/:id) of the official of the last of them (the furthest on:
 * corrections, talks, visits show there).
 */
async function casePages(page: Page, role: string, everyState: boolean) {
  let official: string | undefined;
  // The furthest on first: closed, then appeal, review, filed … (not withdrawn or refused).
  const states = everyState
    ? CASE_STATES
    : CASE_STATES.filter((st) => st !== 'withdrawn' && st !== 'refused').reverse();
  for (const state of states) {
    if (!everyState && official !== undefined) break;
    const r = await page.request.get(`${w.url}/api/cases?state=${state}&pageSize=1`);
    if (!r.ok()) continue;
    const [first] = ((await r.json()) as { items: { id: string; official: { id: string } }[] })
      .items;
    if (!first) continue;
    official = first.official.id;
    await goTo(page, `/cases/${first.id}`);
    await scan(page, `${role} 案件页（${state}） /cases/${first.id}`);
  }
  if (official === undefined) return;
  await goTo(page, `/officials/${official}`);
  await scan(page, `${role} 干部记录 /officials/${official}`);
}

/** The packs whose page has been scanned: a pack's page reads the same for every role. */
const packsScanned = new Set<string>();

/**
 * The policy pages: the list, and each listed pack not scanned yet (its page is the same for
 * every role that has it); as the policy administrator (`allTabs`), every pack and every tab.
 */
async function policyPages(page: Page, role: string, allTabs: boolean) {
  await goTo(page, '/policy');
  const links = await page
    .locator('[data-testid^="pack-link-"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of links) {
    if (!allTabs && packsScanned.has(href)) continue;
    packsScanned.add(href);
    await goTo(page, href);
    await scan(page, `${role} 政策依据 ${href}`);
    if (!allTabs) continue;
    for (const tab of ['决定顺序', '办理程序与时限', '检查结果', '试算情形']) {
      await page.getByRole('tab', { name: tab }).click();
      await scan(page, `${role} 政策依据 ${href} “${tab}”`);
    }
  }
}

/** The audit screen's three trails, each tab, after the trails' verification has run. */
async function auditTabs(page: Page, role: string) {
  await goTo(page, '/audit');
  await page.getByTestId('audit-verify-button').click();
  await page.getByTestId('audit-verify-result').waitFor();
  for (const tab of ['阅卷日志', '管理操作记录', '安全事件']) {
    await page.getByRole('tab', { name: tab }).click();
    await scan(page, `${role} 审计 /audit “${tab}”`);
  }
}

async function visitAs(username: string, password: string) {
  const page = await w.newPage({ locale: 'zh-CN' });
  trackRequests(page);
  await page.goto(w.url + '/');
  await w.signIn(page, username, password);
  await page.locator('.rc-menu').waitFor();
  await settle(page);
  await scan(page, `${username} 登录后首页 ${new URL(page.url()).pathname}`);
  const paths = await menuEntries(page, username);
  await casePages(page, username, !SAME_ROLE_ELSEWHERE.has(username));
  if (paths.includes('/policy')) await policyPages(page, username, username === 'policy-admin');
  if (paths.includes('/audit')) await auditTabs(page, username);
  if (paths.includes('/admin/users')) {
    for (const tab of ['organization', 'calendars']) {
      await goTo(page, `/admin/${tab}`);
      await scan(page, `${username} 系统管理 /admin/${tab}`);
    }
  }
  await page.context().close();
}

describe('Chinese screens show no code words', () => {
  it('the allow-list lets legitimate Latin through and catches code words', () => {
    expect(codeWords('x', '下载 PDF · English · 情况说明.txt · 10 MB')).toEqual([]);
    expect(codeWords('x', '依据 acc-reg-2019 Art. 20；状态 under_review；first')).toEqual([
      'acc-reg-2019',
      'Art.',
      'under_review',
      'first',
    ]);
    expect(codeWords('x', '辖区 x-new-area，10月1日 National Day，October')).toEqual([
      'x-new-area',
      'National',
      'Day',
      'October',
    ]);
    expect(codeWords('x', '编号 0f8fe1b2-4c7d-4e59-9a3b-6f0b8f1e2d3c')).toEqual([
      '0f8fe1b2-4c7d-4e59-9a3b-6f0b8f1e2d3c',
    ]);
    // Dates, the X of X新区 and a number are not code words.
    expect(codeWords('x', '2025-03-01 至 2026-12-31，X新区，共 12 件')).toEqual([]);
    expect(codeWords('admin 系统管理 /admin/users', '用户名 policy-admin')).toEqual([]);
    expect(codeWords('admin 系统管理 /admin/users', '用户名 ftz-chair ftz-official-02')).toEqual(
      [],
    );
    expect(codeWords('chair 案件页', '用户名 policy-admin')).toEqual(['policy-admin']);
    expect(codeWords('x 问卷版本 /evaluation/instruments', '版本 seed000-v2')).toEqual([]);
    expect(codeWords('x 问卷调查 /evaluation', '问卷 seed000-v2')).toEqual(['seed000-v2']);
  });

  it('every demo role, every screen it has', async () => {
    try {
      for (const [username, password] of ROLES) await visitAs(username, password);
    } finally {
      mkdirSync(join(SHOTS, '..'), { recursive: true });
      writeFileSync(
        join(SHOTS, '..', 'code-words.txt'),
        [`${screens} screens scanned`, ...[...findings].map(([s, ws]) => `${s}: ${ws.join(' ')}`)]
          .join('\n')
          .concat('\n'),
      );
    }
    expect(screens).toBeGreaterThan(60);
    expect(
      [...findings].map(([screen, words]) => `${screen}: ${words.join(' ')}`),
      'code words on Chinese screens (screen: words)',
    ).toEqual([]);
  }, 900_000);
});
