/**
 * Security events where the parts of issue 14 meet (migration 0037): a flood of rate-limited
 * sign-ins writes a bounded number of rows (src/app/trails/rate-limited.ts), a CSRF failure names
 * the user whose session cookie came with it (security-events.ts), and each event carries the
 * jurisdiction of its user, by which the audit administrator's reads are filtered
 * (src/app/trails/read.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, hashPassword, loadActor } from '../app/org.js';
import { jurisdictions, schema, securityEvents, sessions, type Schema } from '../app/tables.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { summariseRateLimited } from '../app/trails/rate-limited.js';
import { verifyTrail } from '../app/trails/chain.js';
import { describeStores } from '../store/testing/harness.js';
import { tokenHash } from './auth/sessions.js';
import { buildHttpWorld, freshIp, signIn, type Client, type HttpWorld } from './testing/http.js';

describeStores<Schema>(
  'security events where the parts of issue 14 meet',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    }, 60_000);

    const login = (username: string, ip: string, cookie?: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { username, password: 'not the password' },
        ...(cookie ? { cookies: { rongcuo_session: cookie } } : {}),
      });

    /** Fills the address's rate-limit window with ten (unknown-username) attempts. */
    async function exhaust(ip: string) {
      for (let i = 0; i < 10; i++) expect((await login(`nobody-${i}`, ip)).statusCode).toBe(401);
    }

    const rateLimitedRows = (ip: string) =>
      w.ctx.store.db
        .select()
        .from(securityEvents)
        .where(and(eq(securityEvents.ip, ip), eq(securityEvents.kind, 'login.rate_limited')))
        .orderBy(asc(securityEvents.id));

    const attemptsOf = (rows: { details: Record<string, unknown> }[]) =>
      rows.reduce((n, r) => n + Number(r.details['attempts']), 0);

    it('200 rate-limited attempts write at most two rows, whose attempts add up to 200', async () => {
      const ip = freshIp();
      const name = w.actors.intake!.username;
      await exhaust(ip);
      for (let i = 0; i < 200; i++) expect((await login(name, ip)).statusCode).toBe(429);
      // While the window lasts: its first refusal only, at once.
      const during = await rateLimitedRows(ip);
      expect(during).toHaveLength(1);
      expect(during[0]!.details).toEqual({ attempts: 1 });
      expect(during[0]).toMatchObject({ username: name, route: '/api/auth/login' });
      // The window over, the minute's job writes the summary of the other 199.
      w.clock.instant = new Date(w.clock.instant.getTime() + 61_000);
      expect(await summariseRateLimited(w.ctx)).toBeGreaterThanOrEqual(1);
      const after = await rateLimitedRows(ip);
      expect(after).toHaveLength(2);
      expect(after[1]!.details).toMatchObject({ attempts: 199, summary: true });
      expect(attemptsOf(after)).toBe(200);
      // Nothing is written twice.
      await summariseRateLimited(w.ctx);
      expect(await rateLimitedRows(ip)).toHaveLength(2);
      expect((await verifyTrail(w.ctx, 'security_events')).firstBreak).toBeUndefined();
    });

    it('each username tried has its rows; the next window’s first refusal writes the last one’s summary', async () => {
      const ip = freshIp();
      await exhaust(ip);
      for (let i = 0; i < 5; i++) await login('guess-a', ip);
      for (let i = 0; i < 3; i++) await login('guess-b', ip);
      expect((await rateLimitedRows(ip)).map((r) => r.username)).toEqual(['guess-a', 'guess-b']);
      // The next window: the address is admitted again, fills it, and is refused again.
      w.clock.instant = new Date(w.clock.instant.getTime() + 61_000);
      await exhaust(ip);
      expect((await login('guess-a', ip)).statusCode).toBe(429);
      const rows = await rateLimitedRows(ip);
      const a = rows.filter((r) => r.username === 'guess-a');
      expect(a.map((r) => r.details['attempts'])).toEqual([1, 4, 1]);
      // guess-b's two later refusals wait for the job.
      expect(attemptsOf(rows)).toBe(5 + 1 + 1);
      await summariseRateLimited(w.ctx);
      const b = (await rateLimitedRows(ip)).filter((r) => r.username === 'guess-b');
      expect(b.map((r) => r.details['attempts'])).toEqual([1, 2]);
    });

    it('a CSRF failure names the user whose session cookie came with it', async () => {
      const me = await signIn(w, 'investigator');
      const noToken = await w.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        remoteAddress: freshIp(),
        cookies: { rongcuo_session: me.cookie },
      });
      expect(noToken.statusCode).toBe(403);
      // A sign-in refused as cross-site, the cookie of a live session with it: the session is
      // read, not slid on (a request from another site extends nobody's session).
      const expiry = async () =>
        (
          await w.ctx.store.db
            .select({ at: sessions.expiresAt })
            .from(sessions)
            .where(eq(sessions.idHash, tokenHash(me.cookie)))
        )[0]!.at.getTime();
      w.clock.instant = new Date(w.clock.instant.getTime() + 5 * 60_000);
      const before = await expiry();
      const crossSite = await w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        headers: { 'sec-fetch-site': 'cross-site' },
        cookies: { rongcuo_session: me.cookie },
        payload: { username: 'x', password: 'y' },
      });
      expect(crossSite.statusCode).toBe(403);
      expect(await expiry()).toBe(before);
      // A cookie that is no session names nobody.
      const stranger = await w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        headers: { 'sec-fetch-site': 'cross-site' },
        cookies: { rongcuo_session: 'A'.repeat(43) },
        payload: { username: 'x', password: 'y' },
      });
      expect(stranger.statusCode).toBe(403);
      const rows = await w.ctx.store.db
        .select()
        .from(securityEvents)
        .where(eq(securityEvents.kind, 'csrf.invalid'))
        .orderBy(asc(securityEvents.id));
      expect(rows.slice(-3).map((r) => [r.route, r.userId])).toEqual([
        ['/api/auth/logout', w.actors.investigator!.userId],
        ['/api/auth/login', w.actors.investigator!.userId],
        ['/api/auth/login', null],
      ]);
      // The refused requests left the session as it was.
      expect((await me.get('/api/auth/me')).statusCode).toBe(200);
    });

    describe('jurisdiction', () => {
      let province: Client;
      let area: Client;
      beforeAll(async () => {
        const hash = await hashPassword(TEST_PASSWORD);
        for (const [name, scopeId] of [
          ['provinceAudit', w.ids.province],
          ['areaAudit', w.ids.area],
        ] as const) {
          const id = await createUser(
            w.ctx,
            {
              username: `${name}-${w.ids.area}`,
              displayName: name,
              password: TEST_PASSWORD,
              grants: [{ role: 'audit_admin', scopeKind: 'jurisdiction', scopeId }],
            },
            hash,
          );
          w.actors[name] = await loadActor(w.ctx, id);
        }
        province = await signIn(w, 'provinceAudit');
        area = await signIn(w, 'areaAudit');
      }, 60_000);

      it('security events carry the scope path of the user’s grant; an unknown username none', async () => {
        const ip = freshIp();
        await login(w.actors.intake!.username, ip);
        await login(w.actors.outsiderIntake!.username, ip);
        await login('no-such-user', ip);
        const rows = await w.ctx.store.db
          .select()
          .from(securityEvents)
          .where(eq(securityEvents.ip, ip))
          .orderBy(asc(securityEvents.id));
        const paths = await w.ctx.store.db.select().from(jurisdictions);
        const pathOf = (id: string) => paths.find((r) => r.id === id)!.path;
        expect(rows.map((r) => [r.kind, r.scopePath])).toEqual([
          ['login.failed', pathOf(w.ids.area)],
          ['login.failed', pathOf(w.ids.otherArea)],
          ['login.unknown_user', ''],
        ]);
        expect((await verifyTrail(w.ctx, 'security_events')).firstBreak).toBeUndefined();
      });

      it('an area’s audit administrator reads and exports the events of the area only; the province’s all', async () => {
        const ip = freshIp();
        await login(w.actors.intake!.username, ip);
        await login(w.actors.outsiderIntake!.username, ip);
        await login('no-such-user-either', ip);
        const seen = async (c: Client) => {
          const res = await c.get('/api/audit/security-events?limit=500');
          expect(res.statusCode).toBe(200);
          const items = (res.json() as { items: { ip: string; username: string }[] }).items;
          return items.filter((i) => i.ip === ip).map((i) => i.username);
        };
        expect(await seen(area)).toEqual([w.actors.intake!.username]);
        expect(await seen(province)).toEqual([
          'no-such-user-either',
          w.actors.outsiderIntake!.username,
          w.actors.intake!.username,
        ]);
        const rowsOf = async (c: Client) =>
          Number((await c.get('/api/audit/security-events/export.xlsx?lang=en')).headers['x-rows']);
        const areaRows = await rowsOf(area);
        expect(areaRows).toBeGreaterThan(0);
        expect(areaRows).toBeLessThan(await rowsOf(province));
      });
    });
  },
  { open: { schema } },
);
