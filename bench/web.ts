/**
 * Web app budget: what the browser must fetch for the first screen (the sign-in page) and how
 * long that screen takes to become usable.
 *
 *   npm run bench:web      (builds, then node dist/bench/web.js)
 *
 * 1. Size. Reads dist/web/index.html (or RONGCUO_WEB_DIR) and follows its entry scripts, their
 *    static imports (transitively; dynamic import() is left out: lazy routes are not on the first
 *    screen), its modulepreload links and its stylesheets, and sums their gzip sizes (node:zlib,
 *    level 9). Target: at most 500 KB gzip.
 * 2. Time. Starts the server on a fresh temporary PGlite store seeded with the demo, and loads the
 *    sign-in page in Chromium (/usr/bin/chromium or CHROMIUM_PATH; playwright-core) in a fresh
 *    browser context each time (empty cache: a cold load), measuring from navigation start to the
 *    moment the username field is visible and enabled. Median of BENCH_WEB_LOADS loads (default 7,
 *    at least 5), after one unmeasured warm-up load of the server.
 *
 * Writes bench/results/web.json (machine, commit, every first-screen file with raw and gzip
 * sizes, totals, timings, pass/fail) and prints a summary. Exits 1 when the size budget is missed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { openApp } from '../src/app/bootstrap.js';
import { seedDemo } from '../src/app/demo.js';
import { startServer } from '../src/server/index.js';
import { defaultWebDir } from '../src/server/web.js';
import { envNumber, envText } from './env.js';

/** The repository root: the nearest directory above with package.json (this runs from dist/bench/). */
const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
const CHROMIUM = envText('CHROMIUM_PATH', '/usr/bin/chromium');
const BUDGET_GZIP_BYTES = 500 * 1024;
const LOADS = envNumber('BENCH_WEB_LOADS', 7, { min: 5, integer: true });

export interface FirstScreenFile {
  readonly path: string;
  /** How the first screen needs it. */
  readonly via: 'entry' | 'import' | 'modulepreload' | 'stylesheet';
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Static import specifiers of an ES module (`import … from "x"`, `import "x"`, `export … from "x"`). */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

/** Attributes of the tags named `tag` in an HTML text. */
function tags(html: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)"|\s*=\s*'([^']*)')?/g)) {
      attrs[a[1]!.toLowerCase()] = a[2] ?? a[3] ?? '';
    }
    out.push(attrs);
  }
  return out;
}

/** The files the first screen needs, from index.html, each once. */
export function firstScreenFiles(webDir: string): FirstScreenFile[] {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const seen = new Map<string, FirstScreenFile>();
  const add = (urlPath: string, via: FirstScreenFile['via']) => {
    const path = posix.normalize(urlPath.replace(/^\//, ''));
    if (seen.has(path)) return;
    const file = join(webDir, path);
    if (!existsSync(file))
      throw new Error(`index.html refers to ${urlPath}, which is not in ${webDir}`);
    const content = readFileSync(file);
    seen.set(path, {
      path,
      via,
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
    });
    if (path.endsWith('.js')) {
      for (const spec of staticImports(content.toString('utf8'))) {
        if (/^[a-z]+:/i.test(spec)) continue; // another origin: not ours to count
        const next = spec.startsWith('/') ? spec : posix.join(posix.dirname(`/${path}`), spec);
        add(next, 'import');
      }
    }
  };
  for (const s of tags(html, 'script')) {
    if (s['type'] === 'module' && s['src']) add(s['src'], 'entry');
  }
  for (const l of tags(html, 'link')) {
    const rel = (l['rel'] ?? '').toLowerCase();
    if (rel === 'modulepreload' && l['href']) add(l['href'], 'modulepreload');
    if (rel === 'stylesheet' && l['href']) add(l['href'], 'stylesheet');
  }
  return [...seen.values()];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Records when the username field is first visible and enabled (ms since navigation start). */
const READY_PROBE = `(() => {
  const check = () => {
    const el = document.querySelector('input[autocomplete="username"]');
    if (el && !el.disabled && el.offsetParent !== null && el.getClientRects().length > 0) {
      window.__rcReady = performance.now();
      return true;
    }
    return false;
  };
  const loop = () => { if (!check()) requestAnimationFrame(loop); };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', loop);
  } else {
    loop();
  }
  new MutationObserver((_, o) => { if (check()) o.disconnect(); })
    .observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function measureLoads(url: string): Promise<{ loads: number[]; chromiumVersion: string }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const loads: number[] = [];
    for (let i = 0; i <= LOADS; i++) {
      // A fresh context each time: no HTTP cache, no storage — a cold load.
      const context = await browser.newContext({
        viewport: { width: 1280, height: 860 },
        locale: 'zh-CN',
      });
      await context.addInitScript(READY_PROBE);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // Polled from here (page.evaluate goes through the DevTools protocol, so the app's CSP,
      // which forbids eval, stays on); the moment itself was taken in the page.
      let ms: number | undefined;
      for (const until = Date.now() + 60_000; ms === undefined;) {
        const v = (await page.evaluate('window.__rcReady')) as unknown;
        if (typeof v === 'number') ms = v;
        else if (Date.now() > until) throw new Error('the sign-in page did not become usable');
        else await new Promise((r) => setTimeout(r, 50));
      }
      await context.close();
      if (i > 0) loads.push(Math.round(ms * 10) / 10); // load 0 warms the server up
    }
    return { loads, chromiumVersion: browser.version() };
  } finally {
    await browser.close();
  }
}

function commit(): { commit: string; dirty: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      dirty: git('status', '--porcelain', '--', 'web').trim() !== '',
    };
  } catch {
    return { commit: 'unknown (git unavailable)', dirty: false };
  }
}

async function main(): Promise<void> {
  const webDir = defaultWebDir();
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`No built web app at ${webDir}: run npm run build first.`);
  }
  const files = firstScreenFiles(webDir);
  const totals = {
    files: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'rongcuo-bench-web-'));
  let timing: { loads: number[]; chromiumVersion: string };
  const app = await openApp({ dataDir, databaseUrl: undefined });
  try {
    await seedDemo(app.ctx);
    const server = await startServer(app.ctx, { port: 0, host: '127.0.0.1' });
    try {
      timing = await measureLoads(server.url + '/');
    } finally {
      await server.close();
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const sizeOk = totals.gzipBytes <= BUDGET_GZIP_BYTES;
  const result = {
    benchmark: 'web',
    at: new Date().toISOString(),
    ...commit(),
    machine: {
      platform: `${platform()} ${release()}`,
      arch: arch(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      node: process.version,
      chromium: timing.chromiumVersion,
    },
    webDir,
    firstScreen: {
      description:
        'index.html’s entry scripts with their static imports, modulepreload links and stylesheets: what the sign-in page needs',
      files: [...files].sort((a, b) => b.gzipBytes - a.gzipBytes),
      totals,
      budgetGzipBytes: BUDGET_GZIP_BYTES,
      pass: sizeOk,
    },
    timeToUsableSignIn: {
      description:
        'navigation start → the username field visible and enabled, cold loads in fresh browser contexts against a local server (PGlite, demo data)',
      loads: timing.loads,
      medianMs: median(timing.loads),
      minMs: Math.min(...timing.loads),
      maxMs: Math.max(...timing.loads),
    },
    pass: sizeOk,
  };
  const out = join(ROOT, 'bench', 'results', 'web.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  console.log(
    `First screen: ${totals.files} files, ${kb(totals.bytes)} raw, ${kb(totals.gzipBytes)} gzip`,
  );
  for (const f of result.firstScreen.files) {
    console.log(`  ${kb(f.gzipBytes).padStart(10)}  ${f.path} (${f.via})`);
  }
  console.log(
    `Budget ${kb(BUDGET_GZIP_BYTES)} gzip: ${sizeOk ? 'pass' : 'FAIL'}. Usable sign-in page: median ${result.timeToUsableSignIn.medianMs} ms over ${timing.loads.length} cold loads (${timing.loads.join(', ')}).`,
  );
  console.log(`Wrote ${out}`);
  if (!sizeOk) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
