import { beforeAll, expect, it } from 'vitest';
import { buildWorld, TEST_PASSWORD, type World } from '../app/testing/world.js';
import { schema, type Schema } from '../app/tables.js';
import type { LogLevel } from '../config/areas/observability.js';
import { describeStores } from '../store/testing/harness.js';
import { logOptions } from './observability.js';
import { buildServer } from './server.js';
import { freshIp, setCookie } from './testing/http.js';

/** A server whose log lines are caught; `lines()` parses them. */
async function logged(w: World, level: LogLevel = 'info') {
  const raw: string[] = [];
  const app = await buildServer(w.ctx, {
    logger: logOptions(level, { write: (s: string) => raw.push(s) }),
  });
  app.get('/api/test-boom', async () => {
    throw new Error('relation "secret_table" does not exist');
  });
  await app.ready();
  const lines = () => raw.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, raw, lines };
}

describeStores<Schema>(
  'the JSON log of the server',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    }, 60_000);

    it('writes one line per request: id, user, method, route, path, status, time', async () => {
      const { app, lines } = await logged(w);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: { username: w.actors['intake']!.username, password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = setCookie(login, 'rongcuo_session')!.value;
      const res = await app.inject({
        method: 'GET',
        url: '/api/cases?q=private-search',
        cookies: { rongcuo_session: cookie },
      });
      expect(res.statusCode).toBe(200);
      const line = lines().find((l) => l['msg'] === 'request' && l['route'] === '/api/cases');
      expect(line).toMatchObject({
        level: 30,
        reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userId: w.actors['intake']!.userId,
        method: 'GET',
        route: '/api/cases',
        path: '/api/cases',
        status: 200,
        ms: expect.any(Number),
      });
      const signIn = lines().find((l) => l['route'] === '/api/auth/login');
      expect(signIn).toMatchObject({ userId: null, method: 'POST', status: 200 });
      // Fastify's own two lines per request are off.
      expect(lines().filter((l) => l['msg'] === 'incoming request')).toEqual([]);
      await app.close();
    });

    it('writes no secret: password, session cookie, Authorization, CSRF token, survey token', async () => {
      const { app, raw } = await logged(w, 'trace');
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: {
          username: w.actors['chair']!.username,
          password: TEST_PASSWORD,
          client: 'api',
        },
      });
      const { token } = login.json() as { token: string };
      const web = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: { username: w.actors['chair']!.username, password: TEST_PASSWORD },
      });
      const cookie = setCookie(web, 'rongcuo_session')!.value;
      const { csrfToken } = web.json() as { csrfToken: string };
      await app.inject({
        method: 'GET',
        url: '/api/cases',
        headers: { authorization: `Bearer ${token}` },
      });
      await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        cookies: { rongcuo_session: cookie },
        headers: { 'x-csrf-token': csrfToken },
      });
      // A wrong password, and a survey link with its token in the path.
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: { username: w.actors['chair']!.username, password: 'wrong-Secret-99' },
      });
      // The survey's own routes log nothing (anonymity: evaluation.ts); another path with a
      // token in it is logged with the token cut out.
      const survey = await app.inject({ method: 'GET', url: '/api/survey/tok3nSecretValue42' });
      expect(survey.statusCode).toBeGreaterThanOrEqual(400);
      const longer = await app.inject({ method: 'GET', url: '/api/survey/tok3nSecretValue42/x' });
      expect(longer.statusCode).toBe(404);
      const all = raw.join('');
      expect(all).not.toContain('"route":"/api/survey/:token"');
      expect(all).toContain('"path":"/api/survey/…/x"');
      for (const secret of [
        TEST_PASSWORD,
        'wrong-Secret-99',
        token,
        cookie,
        csrfToken,
        'tok3nSecretValue42',
      ]) {
        expect(all).not.toContain(secret);
      }
      await app.close();
    });

    it('logs a 500 with its stack under the request id the answer gives', async () => {
      const { app, lines } = await logged(w);
      const res = await app.inject({ method: 'GET', url: '/api/test-boom' });
      expect(res.statusCode).toBe(500);
      const id = (res.json() as { error: { details: { requestId: string } } }).error.details
        .requestId;
      expect(res.body).not.toContain('secret_table');
      const error = lines().find((l) => l['level'] === 50);
      expect(error).toMatchObject({ reqId: id, msg: 'unexpected error' });
      const err = error!['err'] as { stack: string; message: string };
      expect(err.message).toContain('secret_table');
      expect(err.stack).toMatch(/observability\.test\.ts/);
      const line = lines().find((l) => l['msg'] === 'request');
      expect(line).toMatchObject({ reqId: id, status: 500, route: '/api/test-boom' });
      await app.close();
    });

    it('blanks a secret any line might carry (redact)', async () => {
      const { app, raw } = await logged(w);
      app.log.info(
        {
          headers: {
            authorization: 'Bearer b1',
            cookie: 'rongcuo_session=c1',
            'x-csrf-token': 'x1',
          },
          password: 'p1',
          body: { password: 'p2', token: 't1' },
        },
        'careless',
      );
      const line = raw.join('');
      expect(line).toContain('careless');
      for (const secret of ['b1', 'c1', 'x1', 'p1', 'p2', 't1']) {
        expect(line).not.toContain(`"${secret}"`);
        expect(line).not.toContain(`=${secret}`);
        expect(line).not.toContain(` ${secret}`);
      }
      expect(line).toContain('[redacted]');
      await app.close();
    });

    it('keeps to its level: warn writes no request line, silent writes nothing', async () => {
      const warn = await logged(w, 'warn');
      await warn.app.inject({ method: 'GET', url: '/api/health/live' });
      await warn.app.inject({ method: 'GET', url: '/api/test-boom' });
      expect(warn.lines().map((l) => l['msg'])).toEqual(['unexpected error']);
      await warn.app.close();
      const silent = await logged(w, 'silent');
      await silent.app.inject({ method: 'GET', url: '/api/test-boom' });
      expect(silent.raw).toEqual([]);
      await silent.app.close();
    });
  },
  { open: { schema } },
);
