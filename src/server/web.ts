/**
 * The web app (web/, built by Vite into dist/web) served by the same server as the API:
 *
 * - /assets/* — the built scripts, styles and fonts. Their names carry a content hash, so they are
 *   cached for a year as immutable; a missing one is the API's JSON 404.
 * - a path that names a file (a segment starting with a dot, as /.env or /.git/config, or a last
 *   segment with an extension, as /package.json) and is not a built asset — a plain-text 404:
 *   never the app's page, so that a scanner learns nothing and a missing file is not a 200.
 * - every other GET outside /api — index.html (the single-page app routes in the browser, and shows
 *   its own not-found page for an unknown address), never cached, so that a new build is picked up
 *   on the next load.
 *
 * The page's Content-Security-Policy is the strict one of security.ts with one exception: Ant
 * Design writes its component styles at run time into <style> elements (CSS-in-JS), which
 * `style-src 'self'` blocks, so the HTML page allows inline styles ('unsafe-inline' for style-src
 * only). Scripts stay 'self' only: no inline script, no eval. The JSON API keeps the strict policy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundHandler } from './errors.js';

export interface WebOptions {
  /** The built app (default: dist/web under the package root). */
  readonly dir?: string;
}

/** One year: hashed file names change whenever their content does. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The page's CSP: the API's, with inline styles allowed for Ant Design's CSS-in-JS. */
export function appCsp(header: string): string {
  return header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'");
}

/**
 * dist/web under the package root, found from src/server (Vitest) and dist/src/server (build);
 * RONGCUO_WEB_DIR overrides it (a separate build, e.g. for parallel development).
 */
export function defaultWebDir(): string {
  const override = process.env['RONGCUO_WEB_DIR'];
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string };
        if (parsed.name === 'rongcuo') return join(dir, 'dist', 'web');
      } catch {
        // not the package root; look one level up
      }
    }
    dir = dirname(dir);
  }
  return join(process.cwd(), 'dist', 'web');
}

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>rongcuo</title></head>
<body>
<h1>网页应用尚未构建 · The web app is not built</h1>
<p>请在项目目录运行 <code>npm run build</code>（或 <code>npm run build:web</code>）后刷新本页。接口仍可在 /api 使用。</p>
<p>Run <code>npm run build</code> (or <code>npm run build:web</code>) in the project folder, then reload this page. The API is still available under /api.</p>
</body></html>
`;

const FILE_NOT_FOUND = '404 没有这个文件 · Not Found\n';

/** An extension at the end of the last segment: `.json`, `.php`, `.tar.gz`'s `.gz`. */
const EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

/**
 * Whether a path names a file rather than a place in the app: a segment that starts with a dot
 * (a dotfile or dot-folder, or `..`), or a last segment with an extension. The one app address
 * whose last segment may hold a dot is a policy pack's (`/policy/:id`: pack ids may contain dots,
 * src/policy/schema.ts), so it is not read as an extension there.
 */
export function namesAFile(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return true;
  const last = segments.at(-1) ?? '';
  const isPackId = segments.length === 2 && segments[0] === 'policy';
  return !isPackId && EXTENSION.test(last);
}

export async function registerWeb(app: FastifyInstance, opts: WebOptions = {}): Promise<void> {
  const dir = opts.dir ?? defaultWebDir();
  const assets = join(dir, 'assets');
  let indexHtml: string | undefined;
  const loadIndex = (): string | undefined => {
    if (indexHtml === undefined && existsSync(join(dir, 'index.html'))) {
      indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
    }
    return indexHtml;
  };
  loadIndex();

  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      index: false,
      list: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (reply) => reply.header('cache-control', IMMUTABLE),
    });
  }

  const page = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) {
      return notFoundHandler(req, reply);
    }
    if (namesAFile(path)) {
      reply.header('cache-control', 'no-store');
      return reply.status(404).type('text/plain; charset=utf-8').send(FILE_NOT_FOUND);
    }
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', appCsp(csp));
    reply.header('cache-control', 'no-cache');
    const html = loadIndex();
    if (html === undefined)
      return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, page);
}
