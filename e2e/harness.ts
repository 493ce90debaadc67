/**
 * The browser harness every end-to-end file uses: a fresh PGlite store seeded with the demo (as
 * `rongcuo serve` does on first start), the server in-process on a free port, and Debian's
 * Chromium (its headless shell, see CHROMIUM; never a downloaded browser) driven by
 * playwright-core. Needs the built app (npm run build) and Chromium with CJK fonts (.ci/run
 * installs chromium, chromium-headless-shell and fonts-noto-cjk). Screenshots go to
 * test-artifacts/screenshots/.
 *
 * Use: `const w = useBrowserWorld()` at the top of a test file (opened before its tests, closed
 * after them); sign in with `w.signIn(page, 'intake', 'demo-intake-2025')`; `w.problems` collects script errors and
 * CSP refusals of every page opened through `w.newPage()`.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openApp, type OpenedApp } from '../src/app/bootstrap.js';
import { DEMO_TOTP_SECRET, seedDemo } from '../src/app/demo.js';
import { eq } from 'drizzle-orm';
import { users } from '../src/app/tables.js';
import { totpSecrets } from '../src/app/two-factors/tables.js';
import { codeAt } from '../src/app/two-factors/totp.js';

/** The demo's logins that sign in with two factors (the three administrators). */
const DEMO_ADMINISTRATORS: readonly string[] = ['admin', 'security-admin', 'audit-admin'];
import { startServer, type StartedServer } from '../src/server/index.js';
import { defaultWebDir } from '../src/server/web.js';

/**
 * Debian's Chromium headless shell (package chromium-headless-shell, built from the same source as
 * the chromium package: the same Blink and V8 without the browser's own interface), else Debian's
 * /usr/bin/chromium; CHROMIUM_PATH chooses another. The browser tests are most of the suite's
 * time and are bound by CPU: three browser files used 96 CPU-seconds with /usr/bin/chromium and
 * 80 with the shell, 63 s and 57 s (2026-12-05). bench:web keeps /usr/bin/chromium, the browser
 * users have.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM =
  process.env['CHROMIUM_PATH'] ??
  (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
export const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

/**
 * Screenshots of the screens a test passes through are kept only when RONGCUO_E2E_SHOTS=1 (a
 * failing step's screenshot always is). A full-page screenshot lays the page out again at its
 * whole height and paints all of it: about half a second of Chromium's time each, some two hundred
 * of them per run, on a machine the browser tests keep busy.
 */
export const KEEP_SHOTS = process.env['RONGCUO_E2E_SHOTS'] === '1';

/**
 * A screenshot under test-artifacts/screenshots/<name>.png when KEEP_SHOTS; the whole page unless
 * `fullPage` is false (the screen as seen).
 */
export async function keepShot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!KEEP_SHOTS) return;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The address the n-th browser context of a file signs in from, as a proxy in front of the server
 * reports it (X-Forwarded-For): each context stands for one person at their own computer. From
 * 127.0.0.1 alone, the sign-in rate limit (10 a minute per address, src/server/auth/login.ts)
 * refused the journey's eleventh sign-in within a minute once the browser got faster.
 */
const PERSON_ADDRESS = (n: number) => `10.20.${Math.floor(n / 250)}.${(n % 250) + 1}`;

/**
 * The browsers of the tests ask for reduced motion (prefers-reduced-motion), which the app honours
 * by turning Ant Design's animations off (web/src/App.tsx): a click then never lands on a dialog
 * still fading in or out, and no test waits for an animation to end. e2e/web.test.ts keeps the
 * animations (`newPage({ motion: 'full' })`), as most users see them.
 */
export const REDUCED_MOTION = 'reduce' as const;

export interface BrowserWorld {
  readonly app: OpenedApp;
  readonly server: StartedServer;
  readonly browser: Browser;
  /** The server's base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Console errors, page errors and CSP refusals seen on pages made by newPage(). */
  readonly problems: string[];
  /**
   * A page in a new, isolated browser context (own cookies and storage), asking for reduced motion
   * unless `motion: 'full'` (see REDUCED_MOTION).
   */
  newPage(opts?: { locale?: 'zh-CN' | 'en-US'; motion?: 'full' }): Promise<Page>;
  /** Signs in; the demo's administrators also enter their one-time code (DEMO_TOTP_SECRET). */
  signIn(page: Page, username: string, password: string): Promise<void>;
  /** Enters the one-time code of `secret` on the second sign-in step. */
  enterCode(page: Page, username: string, secret?: string): Promise<void>;
  signOut(page: Page): Promise<void>;
  /** A full-page screenshot under test-artifacts/screenshots/<name>.png (when KEEP_SHOTS). */
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file's browser world, opened in a beforeAll hook and closed in an afterAll hook registered
 * here. The object returned stands for the world once it is open (use it in tests and in later
 * hooks, not at the top level of the file).
 */
export function useBrowserWorld(): BrowserWorld {
  let opened: BrowserWorld | undefined;
  beforeAll(async () => {
    opened = await openBrowserWorld();
  }, 240_000);
  afterAll(async () => {
    await opened?.close();
  });
  return new Proxy({} as BrowserWorld, {
    get(_target, prop) {
      if (!opened)
        throw new Error('The browser world is not open yet: use it inside tests or hooks.');
      const value: unknown = Reflect.get(opened, prop, opened);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(opened)
        : value;
    },
  });
}

/** Templates of earlier runs, a day old or more, are removed. */
function removeOldTemplates(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('rongcuo-e2e-demo-')) continue;
    const path = join(tmpdir(), name);
    if (Date.now() - statSync(path).mtimeMs > 86_400_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/**
 * A copy of the demo store in `dataDir`. The demo is seeded once per test run (about a minute
 * each time, and twenty browser files want it) into a template directory shared by the run's
 * workers — named after the Vitest process that started them — and each file gets a copy of it.
 */
async function copyDemoStore(dataDir: string): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const template = join(tmpdir(), `rongcuo-e2e-demo-${process.ppid}-${today}`);
  if (!existsSync(template)) await seedTemplate(template);
  cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith('store.lock') });
}

/**
 * Seeds the template once for all workers: the worker that creates the lock file seeds, into a
 * directory of its own renamed into place when done (atomic: nobody copies a half-written
 * store); the others wait for the template. Should the seeding worker fail, it removes its lock,
 * and a waiting worker seeds its own.
 */
async function seedTemplate(template: string): Promise<void> {
  const lock = `${template}.lock`;
  let mine = false;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    mine = true;
  } catch {
    const deadline = Date.now() + 300_000;
    while (!existsSync(template) && existsSync(lock) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    if (existsSync(template)) return;
  }
  try {
    removeOldTemplates();
    const building = mkdtempSync(join(tmpdir(), 'rongcuo-e2e-seeding-'));
    const seeding = await openApp({ dataDir: building, databaseUrl: undefined });
    try {
      await seedDemo(seeding.ctx);
    } finally {
      await seeding.close();
    }
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another worker was first
    }
  } finally {
    if (mine) rmSync(lock, { force: true });
  }
}

export async function openBrowserWorld(): Promise<BrowserWorld> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it with apt-get install -y chromium chromium-headless-shell fonts-noto-cjk (as .ci/run does), or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(join(defaultWebDir(), 'index.html'))) {
    throw new Error('The web app is not built: run npm run build (or npm run build:web) first.');
  }
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'rongcuo-e2e-data-'));
  const contexts: BrowserContext[] = [];
  let app: OpenedApp | undefined;
  let server: StartedServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  try {
    // Always PGlite (even when DATABASE_URL is set for the store tests): a fresh copy of the demo
    // store for each file.
    await copyDemoStore(dataDir);
    app = await openApp({ dataDir, databaseUrl: undefined });
    // Every answer the screens receive is checked against its schema (src/server/response-check.ts).
    // The server stands behind a proxy at 127.0.0.1, so that each browser context signs in from
    // an address of its own (PERSON_ADDRESS).
    server = await startServer(app.ctx, {
      port: 0,
      host: '127.0.0.1',
      checkResponses: true,
      trustProxy: ['127.0.0.1'],
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const opened = { app, server, browser };
  const world: BrowserWorld = {
    ...opened,
    url: server.url,
    problems,
    async newPage(opts = {}) {
      const context = await opened.browser.newContext({
        extraHTTPHeaders: { 'x-forwarded-for': PERSON_ADDRESS(contexts.length) },
        viewport: { width: 1280, height: 860 },
        locale: opts.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        reducedMotion: opts.motion === 'full' ? 'no-preference' : REDUCED_MOTION,
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      return page;
    },
    async signIn(page, username, password) {
      await page.getByLabel(/用户名|Username/).fill(username);
      await page.getByLabel(/密码|Password/).fill(password);
      await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
      if (DEMO_ADMINISTRATORS.includes(username)) await world.enterCode(page, username);
    },
    async enterCode(page, username, secret = DEMO_TOTP_SECRET) {
      // The demo's administrators sign in with two factors (DEMO_TOTP_SECRET). The server's clock
      // is the real one; a code of a step already used is refused as replayed, so the last step
      // is forgotten first (several sign-ins of one administrator within 30 seconds).
      const field = page.getByLabel(/动态口令或恢复码|One-time code or recovery code/);
      await field.waitFor();
      const [u] = await opened.app.ctx.store.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, username));
      await opened.app.ctx.store.db
        .update(totpSecrets)
        .set({ lastStep: 0 })
        .where(eq(totpSecrets.userId, u!.id));
      await field.fill(codeAt(secret, new Date()));
      await page.getByRole('button', { name: /验证并登录|Verify and sign in/ }).click();
    },
    async signOut(page) {
      await page.getByRole('button', { name: /退\s*出|Sign out/ }).click();
      await page.getByRole('button', { name: /登\s*录|Sign in/ }).waitFor();
    },
    async shot(page, name) {
      await keepShot(page, name);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await opened.browser.close().catch(() => undefined);
      await opened.server.close().catch(() => undefined);
      await opened.app.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated through
 * the DevTools protocol, so the app's CSP (no inline script) stays on and untouched.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Let fade-ins and other finite animations end first (at most 3 s): half-transparent text
  // measured mid-animation fails the contrast rule although the settled screen passes it.
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((r) => setTimeout(r, 3000)),
  ])`);
  await page.evaluate(axeSource);
  const all = (await page.evaluate(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    })))`)) as AxeViolation[];
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A phone's screen (issue 10: the app at 390 px wide). */
export const PHONE = { width: 390, height: 844 } as const;

/** Waits until the screen has loaded: no request in flight, no spinner, no sliding drawer. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .rc-loading').count(), { timeout: 20_000 })
    .toBe(0);
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((r) => setTimeout(r, 3000)),
  ])`);
}

/**
 * How the settled screen scrolls sideways at `width` (document.scrollingElement.scrollWidth beyond
 * it), naming the widest elements to say what to fix; undefined when it fits. Compared with the
 * width asked for, not innerWidth: a mobile browser widens its layout viewport to hold what
 * overflows.
 */
export async function sidewaysOverflow(
  page: Page,
  width: number = PHONE.width,
): Promise<string | undefined> {
  await settle(page);
  const scroll = (await page.evaluate('document.scrollingElement.scrollWidth')) as number;
  if (scroll <= width) return undefined;
  const wide = (await page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > ${width} + 1)
    .slice(-5)
    .map((e) => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.'))`)) as string[];
  return `${new URL(page.url()).pathname} is ${scroll} px wide: ${wide.join(', ')}`;
}

/**
 * Fails unless the screen stops scrolling sideways at `width` within a few seconds. After a resize
 * the layout follows a media query through a React render (the menu becomes a drawer), so one
 * reading straight after `setViewportSize` may still see the desktop layout; this polls.
 */
export async function expectFits(page: Page, width: number = PHONE.width): Promise<void> {
  await expect.poll(() => sidewaysOverflow(page, width), { timeout: 15_000 }).toBeUndefined();
}

/** Problems that are real: 401/404 answers the app expects and shows are not. */
export function realProblems(problems: readonly string[]): string[] {
  return problems.filter((p) => !/status of 40[14]/.test(p));
}

/**
 * Checks a radio or checkbox, again if the first click landed while its dialog was still opening
 * (the zoom animation moves it; Playwright then reports that the click did not change its state).
 */
export async function checkSurely(box: Locator, tries = 4): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await box.check({ timeout: 5_000 });
      return;
    } catch (e) {
      if (i >= tries) throw e;
      await box.page().waitForTimeout(250);
    }
  }
}

/** Runs a step of a test; when it fails, keeps a screenshot of the page (`<name>-failure.png`). */
export async function withShot(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    await page.screenshot({ path: join(SHOTS, `${name}-failure.png`), fullPage: true });
    throw e;
  }
}
