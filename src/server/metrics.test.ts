import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildWorld, type World } from '../app/testing/world.js';
import { schema, type Schema } from '../app/tables.js';
import { describeStores } from '../store/testing/harness.js';
import { buildServer } from './server.js';

/** The value of one sample line `name{labels} value` of a scrape, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describeStores<Schema>(
  'GET /api/metrics',
  (getStore, kind) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    }, 60_000);

    it('counts requests and latency by route pattern and status class, and 5xx errors', async () => {
      const app = await buildServer(w.ctx);
      app.get('/api/test-boom', async () => {
        throw new Error('boom');
      });
      await app.inject({ method: 'GET', url: '/api/health/live' });
      await app.inject({ method: 'GET', url: '/api/health/live' });
      await app.inject({ method: 'GET', url: '/api/cases/3f1c0a52-0000-4000-8000-000000000001' });
      await app.inject({ method: 'GET', url: '/api/test-boom' });
      const res = await app.inject({ method: 'GET', url: '/api/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(doc.paths['/api/metrics'].get.security).toEqual([]);
      const text = res.body;
      const live = 'method="GET",route="/api/health/live",status_class="2xx"';
      expect(sample(text, 'rongcuo_http_requests_total', live)).toBe(2);
      expect(sample(text, 'rongcuo_http_request_duration_seconds_count', live)).toBe(2);
      expect(sample(text, 'rongcuo_http_request_duration_seconds_bucket', `le="10",${live}`)).toBe(
        2,
      );
      // The pattern, never the raw URL.
      expect(
        sample(
          text,
          'rongcuo_http_requests_total',
          'method="GET",route="/api/cases/:id",status_class="4xx"',
        ),
      ).toBe(1);
      expect(text).not.toContain('3f1c0a52');
      expect(sample(text, 'rongcuo_http_errors_total', 'method="GET",route="/api/test-boom"')).toBe(
        1,
      );
      // The process's metrics.
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
      await app.close();
    });

    it('reads the store connections and the jobs by state when scraped', async () => {
      const store = getStore();
      await store.db.execute(sql`DELETE FROM jobs WHERE kind = 'test.metrics'`);
      const job = (key: string, state: string) =>
        store.db.execute(
          sql`INSERT INTO jobs (kind, key, run_at, state) VALUES ('test.metrics', ${key}, now(), ${state})`,
        );
      const before = await buildServer(w.ctx);
      const base = (await before.inject({ method: 'GET', url: '/api/metrics' })).body;
      await before.close();
      const n = (text: string, state: string) => sample(text, 'rongcuo_jobs', `state="${state}"`)!;
      await job('test.metrics:1', 'pending');
      await job('test.metrics:2', 'pending');
      await job('test.metrics:3', 'failed');
      await job('test.metrics:4', 'done');
      const app = await buildServer(w.ctx);
      const text = (await app.inject({ method: 'GET', url: '/api/metrics' })).body;
      expect(n(text, 'pending')).toBe(n(base, 'pending') + 2);
      expect(n(text, 'failed')).toBe(n(base, 'failed') + 1);
      expect(n(text, 'running')).toBe(n(base, 'running'));
      expect(text).not.toContain('state="done"');
      expect(text).toMatch(/^rongcuo_store_up 1$/m);
      const max = sample(text, 'rongcuo_store_connections', 'state="max"')!;
      const open = sample(text, 'rongcuo_store_connections', 'state="open"')!;
      const idle = sample(text, 'rongcuo_store_connections', 'state="idle"')!;
      expect(sample(text, 'rongcuo_store_connections', 'state="waiting"')).toBe(0);
      if (kind === 'pglite') {
        expect({ max, open, idle }).toEqual({ max: 1, open: 1, idle: 1 });
      } else {
        expect(max).toBe(10);
        expect(open).toBeGreaterThanOrEqual(1);
        expect(idle).toBeLessThanOrEqual(open);
      }
      await store.db.execute(sql`DELETE FROM jobs WHERE kind = 'test.metrics'`);
      await app.close();
    });

    it('has one registry per server: two servers count apart, nothing registered twice', async () => {
      const a = await buildServer(w.ctx);
      const b = await buildServer(w.ctx);
      await a.inject({ method: 'GET', url: '/api/health/live' });
      const live = 'method="GET",route="/api/health/live",status_class="2xx"';
      const ta = (await a.inject({ method: 'GET', url: '/api/metrics' })).body;
      const tb = (await b.inject({ method: 'GET', url: '/api/metrics' })).body;
      expect(sample(ta, 'rongcuo_http_requests_total', live)).toBe(1);
      expect(sample(tb, 'rongcuo_http_requests_total', live)).toBeUndefined();
      await a.close();
      await b.close();
    });

    it('serves only loopback clients when no token is set, not through a proxy', async () => {
      const app = await buildServer(w.ctx);
      const far = await app.inject({
        method: 'GET',
        url: '/api/metrics',
        remoteAddress: '10.1.2.3',
      });
      expect(far.statusCode).toBe(403);
      expect(far.json().error.code).toBe('METRICS_FORBIDDEN');
      const proxied = await app.inject({
        method: 'GET',
        url: '/api/metrics',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(proxied.statusCode).toBe(403);
      const v6 = await app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '::1' });
      expect(v6.statusCode).toBe(200);
      await app.close();
    });

    it('asks for the Bearer token when RONGCUO_METRICS_TOKEN is set, from anywhere', async () => {
      const ctx = {
        ...w.ctx,
        settings: {
          ...w.ctx.settings,
          observability: { ...w.ctx.settings.observability, metricsToken: 's3cret-scrape' },
        },
      };
      const app = await buildServer(ctx);
      const get = (headers: Record<string, string>) =>
        app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '10.9.9.9', headers });
      expect((await get({})).statusCode).toBe(403);
      expect((await get({ authorization: 'Bearer wrong' })).statusCode).toBe(403);
      const ok = await get({ authorization: 'Bearer s3cret-scrape' });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('rongcuo_http_requests_total');
      // With a token set, loopback alone is not enough.
      const local = await app.inject({ method: 'GET', url: '/api/metrics' });
      expect(local.statusCode).toBe(403);
      await app.close();
    });
  },
  { open: { schema } },
);
