import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions, schema, users, type Schema } from '../app/tables.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { describeStores } from '../store/testing/harness.js';
import { tokenHash } from './auth/sessions.js';
import { buildHttpWorld, freshIp, setCookie, signIn, type HttpWorld } from './testing/http.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

function login(w: HttpWorld, username: string, password: string, more: object = {}) {
  return w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: freshIp(),
    payload: { username, password },
    ...more,
  });
}

describeStores<Schema>(
  'HTTP sign-in, sessions and CSRF',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    }, 60_000);

    it('signs in: an HttpOnly, SameSite=Strict session cookie, the user and a CSRF token', async () => {
      const official = w.actors.official!;
      const res = await login(w, official.username, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user).toMatchObject({
        id: official.userId,
        username: official.username,
        displayName: 'official',
        locale: 'zh',
        officialId: official.officialId,
        roles: ['official'],
      });
      expect(body.user.grants[0]).toMatchObject({ role: 'official', scopeKind: 'self' });
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.token).toBeUndefined(); // a browser never sees the session token
      const c = setCookie(res, 'rongcuo_session')!;
      expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(c.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
      expect(c.attrs).not.toContain('secure'); // plain HTTP here
      expect(c.attrs.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false);
      expect(res.headers['cache-control']).toBe('no-store');

      // The table keeps the token's SHA-256, never the token.
      const rows = await w.ctx.store.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, official.userId));
      expect(rows.map((r) => r.idHash)).toContain(tokenHash(c.value));
      expect(rows.some((r) => r.idHash === c.value)).toBe(false);
      const mine = rows.find((r) => r.idHash === tokenHash(c.value))!;
      expect(mine.csrfToken).toBe(body.csrfToken);
      // The default idle timeout (src/config/areas/sessions.ts): 30 minutes.
      expect(mine.expiresAt.getTime() - w.clock.now().getTime()).toBe(30 * MINUTE);

      const me = await w.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { rongcuo_session: c.value },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: { username: official.username },
        csrfToken: body.csrfToken,
      });
    });

    it('over HTTPS the cookie is Secure and __Host- prefixed', async () => {
      const app = (await import('./server.js')).buildServer(w.ctx, { https: true });
      const server = await app;
      const res = await server.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: { username: w.actors.intake!.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const c = setCookie(res, '__Host-rongcuo_session')!;
      expect(c.attrs).toEqual(
        expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', 'secure']),
      );
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      await server.close();
    });

    it('a wrong password and an unknown user get the same 401 AUTH_INVALID in zh and en', async () => {
      const wrong = await login(w, w.actors.intake!.username, 'not the password');
      const unknown = await login(w, 'nobody-here', 'not the password');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({
          error: {
            code: 'AUTH_INVALID',
            message: { zh: '用户名或密码不正确。', en: 'Wrong username or password.' },
            details: {},
          },
          message: '用户名或密码不正确。',
        });
        expect(setCookie(res, 'rongcuo_session')).toBeUndefined();
      }
      const en = await login(w, 'nobody-here', 'x', {
        headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' },
      });
      expect(en.json().message).toBe('Wrong username or password.');
    });

    it('locks an account for 15 minutes after 5 consecutive failures, saying until when', async () => {
      const lw = await buildHttpWorld(getStore());
      const name = lw.actors.investigator!.username;
      const ip = freshIp();
      const attempt = (password: string) =>
        lw.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: ip,
          payload: { username: name, password },
        });
      // A success resets the count: 3 failures, a success, then 4 failures are not yet a lock.
      for (let i = 0; i < 3; i++) expect((await attempt('wrong')).statusCode).toBe(401);
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
      lw.clock.instant = new Date(lw.clock.instant.getTime() + 61_000); // keep under the rate limit
      for (let i = 0; i < 4; i++) expect((await attempt('wrong')).statusCode).toBe(401);
      const fifth = await attempt('wrong');
      expect(fifth.statusCode).toBe(423);
      const body = fifth.json();
      expect(body.error.code).toBe('AUTH_LOCKED');
      // 10:01 China time plus 15 minutes.
      expect(body.error.message.zh).toContain('账户已锁定至 2025-03-03 10:16（北京时间）');
      expect(body.error.message.en).toContain('locked until 2025-03-03 10:16 (Beijing time');
      expect(body.error.details.lockedUntil).toBe('2025-03-03T02:16:01.000Z');
      expect(fifth.headers['retry-after']).toBe('900');
      const [u] = await lw.ctx.store.db.select().from(users).where(eq(users.username, name));
      expect(u!.lockedUntil?.toISOString()).toBe('2025-03-03T02:16:01.000Z');

      // Even the right password is refused while locked.
      lw.clock.instant = new Date(lw.clock.instant.getTime() + 14 * 60_000);
      const locked = await attempt(TEST_PASSWORD);
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.code).toBe('AUTH_LOCKED');

      // After 15 minutes it opens again, and the count starts afresh.
      lw.clock.instant = new Date(lw.clock.instant.getTime() + 61_000);
      expect((await attempt('wrong')).statusCode).toBe(401);
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
      const [after] = await lw.ctx.store.db.select().from(users).where(eq(users.username, name));
      expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });

    it('limits sign-in to 10 attempts a minute per address: 429 with Retry-After', async () => {
      const rw = await buildHttpWorld(getStore());
      const ip = freshIp();
      const attempt = (username: string, remoteAddress = ip) =>
        rw.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username, password: 'wrong' },
        });
      // Different (unknown) usernames, so that no account lock interferes.
      for (let i = 0; i < 10; i++) {
        expect((await attempt(`someone-${i}`)).statusCode).toBe(401);
        rw.clock.instant = new Date(rw.clock.instant.getTime() + 2000);
      }
      const limited = await attempt('someone-else');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({
        code: 'AUTH_RATE_LIMITED',
        message: { zh: '尝试过于频繁，请稍后再试。', en: 'Too many attempts; try again later.' },
      });
      // The first attempt leaves the window 60 s after it was made: 20 s have passed.
      expect(limited.headers['retry-after']).toBe('40');
      // Even the right password waits; another address does not.
      const right = await rw.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { username: rw.actors.intake!.username, password: TEST_PASSWORD },
      });
      expect(right.statusCode).toBe(429);
      expect((await attempt('someone-else', freshIp())).statusCode).toBe(401);
      rw.clock.instant = new Date(rw.clock.instant.getTime() + 40_000);
      expect((await attempt('someone-else')).statusCode).toBe(401);
    });

    it('refuses a cross-site sign-in (Origin, Sec-Fetch-Site), allows a same-origin one', async () => {
      const name = w.actors.liaison!.username;
      const cross = await login(w, name, TEST_PASSWORD, {
        headers: { origin: 'https://evil.example' },
      });
      expect(cross.statusCode).toBe(403);
      expect(cross.json().error.code).toBe('CSRF_INVALID');
      const site = await login(w, name, TEST_PASSWORD, {
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(site.statusCode).toBe(403);
      const same = await login(w, name, TEST_PASSWORD, {
        headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
      });
      expect(same.statusCode).toBe(200);
    });

    it('requires a session everywhere but health and sign-in: 401 AUTH_REQUIRED', async () => {
      for (const url of ['/api/auth/me', '/api/cases', '/api/policy/packs']) {
        const res = await w.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error).toMatchObject({
          code: 'AUTH_REQUIRED',
          message: { zh: '请先登录。', en: 'Please sign in.' },
        });
      }
      const forged = await w.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { rongcuo_session: 'A'.repeat(43) },
      });
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.details.reason).toBe('session_expired_or_unknown');
      const health = await w.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
    });

    it('CSRF: a cookie POST without or with a wrong X-CSRF-Token is 403; with it, it works', async () => {
      const c = await signIn(w, 'official');
      const evaluate = {
        packId: 'x-new-area',
        facts: { privateGain: true },
        at: '2024-11-05',
      };
      const none = await w.app.inject({
        method: 'POST',
        url: '/api/policy/evaluate',
        cookies: { rongcuo_session: c.cookie },
        payload: evaluate,
      });
      expect(none.statusCode).toBe(403);
      expect(none.json().error).toMatchObject({
        code: 'CSRF_INVALID',
        message: {
          zh: '请求缺少有效的 CSRF 令牌；请刷新页面后重试。',
          en: 'The request lacks a valid CSRF token; reload the page and try again.',
        },
      });
      const wrong = await c.post('/api/policy/evaluate', evaluate, {
        'x-csrf-token': 'B'.repeat(43),
      });
      expect(wrong.statusCode).toBe(403);
      // Another session's token is no good either.
      const other = await signIn(w, 'colleague');
      const crossed = await c.post('/api/policy/evaluate', evaluate, {
        'x-csrf-token': other.csrfToken,
      });
      expect(crossed.statusCode).toBe(403);
      const ok = await c.post('/api/policy/evaluate', evaluate);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().evaluation.outcome).toBe('not_tolerated');
      // GET needs no CSRF token.
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    });

    it('API clients: client "api" gets a Bearer token and no cookie; Bearer needs no CSRF token', async () => {
      const res = await login(w, w.actors.intake!.username, TEST_PASSWORD, {
        payload: { username: w.actors.intake!.username, password: TEST_PASSWORD, client: 'api' },
      });
      expect(res.statusCode).toBe(200);
      expect(setCookie(res, 'rongcuo_session')).toBeUndefined();
      const { token } = res.json() as { token: string };
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const bearer = { authorization: `Bearer ${token}` };
      const evaluated = await w.app.inject({
        method: 'POST',
        url: '/api/policy/evaluate',
        headers: bearer,
        payload: { packId: 'cn-national', facts: {}, at: '2024-11-05' },
      });
      expect(evaluated.statusCode).toBe(200);
      const me = await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
      expect(me.json().user.username).toBe(w.actors.intake!.username);
      const malformed = await w.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Token ${token}` },
      });
      expect(malformed.statusCode).toBe(401);
      expect(malformed.json().error.details.reason).toBe('malformed_authorization');
    });

    it('signing in again ends the session the browser held', async () => {
      const first = await signIn(w, 'member1');
      const again = await login(w, w.actors.member1!.username, TEST_PASSWORD, {
        cookies: { rongcuo_session: first.cookie },
      });
      expect(again.statusCode).toBe(200);
      expect(setCookie(again, 'rongcuo_session')!.value).not.toBe(first.cookie);
      expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('signs out: the session is deleted and the cookie cleared', async () => {
      const c = await signIn(w, 'auditor');
      const out = await c.post('/api/auth/logout');
      expect(out.statusCode).toBe(204);
      const cleared = setCookie(out, 'rongcuo_session')!;
      expect(cleared.value).toBe('');
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
      const left = await w.ctx.store.db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, tokenHash(c.cookie)));
      expect(left).toEqual([]);
    });

    describe('session lifetime', () => {
      it('expires after 30 idle minutes; each use slides the expiry; 10 hours is the cap', async () => {
        const sw = await buildHttpWorld(getStore());
        const idle = await signIn(sw, 'official');
        const busy = await signIn(sw, 'intake');
        const start = sw.clock.instant.getTime();
        const at = (ms: number) => (sw.clock.instant = new Date(start + ms));

        at(25 * MINUTE);
        expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
        at(30 * MINUTE + 1000);
        expect((await idle.get('/api/auth/me')).statusCode).toBe(401);
        expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
        // Keep using it every 25 minutes: it lives until 10 hours after sign-in, and no longer.
        let t = 30 * MINUTE + 1000;
        while (t + 25 * MINUTE < 10 * HOUR) {
          t += 25 * MINUTE;
          at(t);
          expect((await busy.get('/api/auth/me')).statusCode, `at ${t / MINUTE} min`).toBe(200);
        }
        at(10 * HOUR - 1000);
        const last = await busy.get('/api/auth/me');
        expect(last.statusCode).toBe(200);
        expect(last.json().expiresAt).toBe(new Date(start + 10 * HOUR).toISOString());
        at(10 * HOUR);
        expect((await busy.get('/api/auth/me')).statusCode).toBe(401);
      });
    });
  },
  { open: { schema } },
);
