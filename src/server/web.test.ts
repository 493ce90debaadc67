import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notFoundHandler } from './errors.js';
import { helmetOptions } from './security.js';
import { registerWeb } from './web.js';

async function serverFor(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setNotFoundHandler(notFoundHandler);
  await app.register(helmet, helmetOptions(false));
  await registerWeb(app, { dir });
  await app.ready();
  return app;
}

describe('serving the web app', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rongcuo-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    app = await serverFor(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every app address with index.html, not cached, scripts from this origin only', async () => {
    for (const url of ['/', '/cases', '/cases/0b6f3c1e-1111-4222-8333-444455556666?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets as immutable for a year; a missing one is a 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log(1);');
    const missing = await app.inject({ method: 'GET', url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    const escape = await app.inject({ method: 'GET', url: '/assets/../index.html' });
    expect(escape.body).not.toContain('console.log');
  });

  it('leaves /api to the API: an unknown endpoint is the JSON 404, never the page', async () => {
    for (const url of ['/api', '/api/nope', '/api/cases/x/y']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect(res.headers['content-security-policy']).toContain("style-src 'self';");
    }
  });

  it('says how to build the app when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'rongcuo-web-empty-'));
    const bare = await serverFor(empty);
    try {
      const res = await bare.inject({ method: 'GET', url: '/cases' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
      expect(res.body).toContain('网页应用尚未构建');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
