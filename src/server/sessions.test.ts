/**
 * Sessions and passwords through the API, on both stores: a user's own sessions (list, end one,
 * end the others), the limit of concurrent sessions, the idle timeout as configured, the forced
 * change of a password an administrator set, the history and the expiry of the security policy,
 * and the security administrator's routes.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it } from 'vitest';
import {
  adminEvents,
  passwordHistory,
  securityEvents,
  schema,
  securityPolicy,
  users,
  type Schema,
} from '../app/tables.js';
import { createUser, loadActor } from '../app/org.js';
import type { AppContext } from '../app/context.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { describeStores } from '../store/testing/harness.js';
import { buildServer } from './server.js';
import { buildHttpWorld, freshIp, setCookie, signIn, type HttpWorld } from './testing/http.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Signed {
  readonly answer: LightMyRequestResponse;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs in with a username and password on `app`; the client holds the session. */
async function signInAs(app: FastifyInstance, username: string, password: string): Promise<Signed> {
  const answer = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: freshIp(),
    headers: { 'user-agent': 'Mozilla/5.0 (rongcuo test)' },
    payload: { username, password },
  });
  const cookie = setCookie(answer, 'rongcuo_session')?.value ?? '';
  const csrf = answer.statusCode === 200 ? (answer.json() as { csrfToken: string }).csrfToken : '';
  const send = (o: InjectOptions) => app.inject({ ...o, cookies: { rongcuo_session: cookie } });
  return {
    answer,
    get: (url) => send({ method: 'GET', url }),
    post: (url, body = {}) =>
      send({
        method: 'POST',
        url,
        headers: { 'x-csrf-token': csrf },
        payload: body as InjectOptions['payload'],
      }),
  };
}

/** A server over the world's store with other session settings. */
async function serverWith(
  w: HttpWorld,
  sessions: Partial<AppContext['settings']['sessions']>,
): Promise<FastifyInstance> {
  const ctx: AppContext = {
    ...w.ctx,
    settings: { ...w.ctx.settings, sessions: { ...w.ctx.settings.sessions, ...sessions } },
  };
  const app = await buildServer(ctx, { checkResponses: true });
  await app.ready();
  return app;
}

describeStores<Schema>(
  'sessions and passwords through the API',
  (getStore) => {
    let w: HttpWorld;
    let securityRoot: string;
    let securityArea: string;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      // Security administrators: one over the province (a top level), one over the new area.
      const root = await createUser(w.ctx, {
        username: `sec-root-${w.ids.province}`,
        displayName: '省安全管理员',
        password: TEST_PASSWORD,
        grants: [{ role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.province }],
      });
      const area = await createUser(w.ctx, {
        username: `sec-area-${w.ids.area}`,
        displayName: '新区安全管理员',
        password: TEST_PASSWORD,
        grants: [{ role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      w.actors.securityRoot = await loadActor(w.ctx, root);
      w.actors.securityArea = await loadActor(w.ctx, area);
      securityRoot = root;
      securityArea = area;
    }, 120_000);
    afterEach(async () => {
      // The policy is the installation's: each test starts from the settings' defaults.
      await w.ctx.store.db.delete(securityPolicy);
    }, 120_000);

    it('a user lists their sessions, the current one marked, and ends one or all the others', async () => {
      const a = await signIn(w, 'liaison');
      const b = await signIn(w, 'liaison');
      const list = await a.get('/api/auth/sessions');
      expect(list.statusCode).toBe(200);
      const items = (
        list.json() as {
          items: { id: string; current: boolean; ip: string; signedInWith: unknown }[];
        }
      ).items;
      expect(items).toHaveLength(2);
      // Opened with the username and password, not through the identity platform.
      expect(items.map((s) => s.signedInWith)).toEqual([null, null]);
      expect(items.filter((s) => s.current)).toHaveLength(1);
      expect(list.body).not.toMatch(/idHash|id_hash|csrf/i);
      const other = items.find((s) => !s.current)!;

      // Another user cannot end it (it does not exist for them).
      const stranger = await signIn(w, 'auditor');
      const refused = await stranger.post(`/api/auth/sessions/${other.id}/end`);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('SESSION_NOT_FOUND');

      expect((await a.post(`/api/auth/sessions/${other.id}/end`)).statusCode).toBe(204);
      expect((await b.get('/api/auth/me')).statusCode).toBe(401);
      expect((await a.get('/api/auth/me')).statusCode).toBe(200);

      const c = await signIn(w, 'liaison');
      const d = await signIn(w, 'liaison');
      const ended = await a.post('/api/auth/sessions/end-others');
      expect(ended.json()).toEqual({ ended: 2 });
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
      expect((await d.get('/api/auth/me')).statusCode).toBe(401);
      expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    }, 120_000);

    it('at most three sessions by default: a fourth sign-in ends the earliest', async () => {
      const tick = () => (w.clock.instant = new Date(w.clock.instant.getTime() + 1000));
      const first = await signIn(w, 'member2');
      tick();
      const second = await signIn(w, 'member2');
      tick();
      await signIn(w, 'member2');
      tick();
      const fourth = await signIn(w, 'member2');
      expect((await first.get('/api/auth/me')).statusCode).toBe(401);
      expect((await second.get('/api/auth/me')).statusCode).toBe(200);
      const items = (await fourth.get('/api/auth/sessions')).json().items as unknown[];
      expect(items).toHaveLength(3);
      const ended = await w.ctx.store.db
        .select({ details: securityEvents.details })
        .from(securityEvents)
        .where(eq(securityEvents.kind, 'session.ended_by_limit'));
      expect(ended.length).toBeGreaterThan(0);
    }, 120_000);

    it('with RONGCUO_SESSION_ON_LIMIT=refuse the sign-in beyond the limit is refused', async () => {
      const app = await serverWith(w, { maxConcurrent: 2, onLimit: 'refuse' });
      try {
        const name = w.actors.cityChair!.username;
        const one = await signInAs(app, name, TEST_PASSWORD);
        expect(one.answer.statusCode).toBe(200);
        expect((await signInAs(app, name, TEST_PASSWORD)).answer.statusCode).toBe(200);
        const third = await signInAs(app, name, TEST_PASSWORD);
        expect(third.answer.statusCode).toBe(409);
        expect(third.answer.json().error.code).toBe('SESSION_LIMIT_REACHED');
        expect((await one.get('/api/auth/me')).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    }, 120_000);

    it('the idle timeout and the absolute lifetime follow the settings', async () => {
      const app = await serverWith(w, { idleMinutes: 5, absoluteHours: 1 });
      try {
        const s = await signInAs(app, w.actors.colleague!.username, TEST_PASSWORD);
        const start = w.clock.instant.getTime();
        expect(new Date(s.answer.json().expiresAt).getTime() - start).toBe(5 * MINUTE);
        w.clock.instant = new Date(start + 4 * MINUTE);
        expect((await s.get('/api/auth/me')).statusCode).toBe(200);
        // Used every 4 minutes, it still ends an hour after sign-in.
        for (let t = 8; t < 60; t += 4) {
          w.clock.instant = new Date(start + t * MINUTE);
          expect((await s.get('/api/auth/me')).statusCode, `at ${t} min`).toBe(200);
        }
        w.clock.instant = new Date(start + 60 * MINUTE);
        expect((await s.get('/api/auth/me')).statusCode).toBe(401);
      } finally {
        w.clock.instant = new Date(w.clock.instant.getTime() + MINUTE);
        await app.close();
      }
    }, 120_000);

    it('a password an administrator set must be changed at first sign-in; nothing else until then', async () => {
      const admin = await signIn(w, 'admin');
      const username = `new-intake-${w.ids.area}`;
      const initial = 'Chushi-mima-2025';
      const created = await admin.post('/api/admin/users', {
        username,
        displayName: '新受理人员',
        password: initial,
        grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const userId = created.json().user.id as string;

      const s = await signInAs(w.app, username, initial);
      expect(s.answer.statusCode).toBe(200);
      expect(s.answer.json().passwordChange).toBe('required');
      const other = await signInAs(w.app, username, initial);
      // Everything but the change, who is signed in, the rules and signing out is refused.
      const cases = await s.get('/api/cases');
      expect(cases.statusCode).toBe(403);
      expect(cases.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(cases.json().error.message.zh).toContain('修改密码');
      expect((await s.get('/api/auth/sessions')).json().error.code).toBe(
        'PASSWORD_CHANGE_REQUIRED',
      );
      expect((await s.get('/api/auth/me')).json().passwordChange).toBe('required');
      expect((await s.get('/api/admin/password-rules')).statusCode).toBe(200);

      const wrong = await s.post('/api/auth/password', {
        currentPassword: 'not-the-password-1',
        newPassword: 'Xin-de-mima-2026',
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error).toMatchObject({
        code: 'PASSWORD_CURRENT_WRONG',
        details: { field: 'currentPassword' },
      });
      const weak = await s.post('/api/auth/password', {
        currentPassword: initial,
        newPassword: 'short1',
      });
      expect(weak.json().error).toMatchObject({
        code: 'PASSWORD_WEAK',
        details: { field: 'newPassword', rules: ['minLength'] },
      });
      const same = await s.post('/api/auth/password', {
        currentPassword: initial,
        newPassword: initial,
      });
      expect(same.json().error.code).toBe('PASSWORD_REUSED');

      const changed = await s.post('/api/auth/password', {
        currentPassword: initial,
        newPassword: 'Xin-de-mima-2026',
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toEqual({ sessionsEnded: 1 });
      // The other session ended; this one goes on, now free.
      expect((await other.get('/api/auth/me')).statusCode).toBe(401);
      expect((await s.get('/api/auth/me')).json().passwordChange).toBeNull();
      expect((await s.get('/api/cases')).statusCode).toBe(200);
      const [row] = await w.ctx.store.db.select().from(users).where(eq(users.id, userId));
      expect(row!.mustChangePassword).toBe(false);
      expect(row!.passwordChangedAt!.getTime()).toBe(w.clock.instant.getTime());
      // Security events: the refused reuse (error path) and the change (its transaction).
      const kinds = (
        await w.ctx.store.db
          .select({ kind: securityEvents.kind })
          .from(securityEvents)
          .where(eq(securityEvents.userId, userId))
      ).map((r) => r.kind);
      expect(kinds).toEqual(expect.arrayContaining(['password.change_failed', 'password.changed']));
      // The history holds hashes, never the plaintext.
      const history = await w.ctx.store.db
        .select()
        .from(passwordHistory)
        .where(eq(passwordHistory.userId, userId));
      expect(history).toHaveLength(2);
      for (const h of history) {
        expect(h.passwordHash).toMatch(/^\$argon2id\$/);
        expect(h.passwordHash).not.toContain('mima');
      }

      // An administrator's reset makes the change required again.
      const reset = await admin.post(`/api/admin/users/${userId}/password`, {
        password: 'Chongzhi-mima-2025',
      });
      expect(reset.statusCode, reset.body).toBe(200);
      const again = await signInAs(w.app, username, 'Chongzhi-mima-2025');
      expect(again.answer.json().passwordChange).toBe('required');
    }, 120_000);

    it('a new password may not repeat the last N (the policy’s history)', async () => {
      const name = w.actors.investigator!.username;
      const s = await signInAs(w.app, name, TEST_PASSWORD);
      const change = (from: string, to: string) =>
        s.post('/api/auth/password', { currentPassword: from, newPassword: to });
      expect((await change(TEST_PASSWORD, 'Di-yi-ge-mima-1')).statusCode).toBe(200);
      expect((await change('Di-yi-ge-mima-1', 'Di-er-ge-mima-2')).statusCode).toBe(200);
      const back = await change('Di-er-ge-mima-2', 'Di-yi-ge-mima-1');
      expect(back.statusCode).toBe(422);
      expect(back.json().error).toMatchObject({
        code: 'PASSWORD_REUSED',
        details: { field: 'newPassword', historyCount: 5 },
      });
      // With no history asked, only the current password is refused.
      await w.ctx.store.db.insert(securityPolicy).values({
        id: 1,
        minLength: 10,
        minClasses: 2,
        historyCount: 0,
        expiryDays: 0,
        updatedAt: w.clock.now(),
        updatedBy: securityRoot,
      });
      expect((await change('Di-er-ge-mima-2', 'Di-er-ge-mima-2')).json().error.code).toBe(
        'PASSWORD_REUSED',
      );
      expect((await change('Di-er-ge-mima-2', 'Di-yi-ge-mima-1')).statusCode).toBe(200);
    }, 120_000);

    it('the security administrator sets the policy; classes and expiry apply at once', async () => {
      const root = await signIn(w, 'securityRoot');
      const area = await signIn(w, 'securityArea');
      const admin = await signIn(w, 'admin');

      const seen = await root.get('/api/admin/security-policy');
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({
        minLength: 10,
        minClasses: 2,
        historyCount: 5,
        expiryDays: 0,
        sessions: { idleMinutes: 30, absoluteHours: 10, maxConcurrent: 3, onLimit: 'end_oldest' },
        updatedAt: null,
        abilities: { edit: true },
      });
      expect((await area.get('/api/admin/security-policy')).json().abilities.edit).toBe(false);
      const policy = { minLength: 12, minClasses: 3, historyCount: 5, expiryDays: 90 };
      const below = await area.post('/api/admin/security-policy', policy);
      expect(below.statusCode).toBe(403);
      expect(below.json().error.code).toBe('SECURITY_POLICY_SCOPE');
      const sysadmin = await admin.post('/api/admin/security-policy', policy);
      expect(sysadmin.statusCode).toBe(403);
      expect(sysadmin.json().error.code).toBe('SECURITY_ADMIN_REQUIRED');
      const outOfRange = await root.post('/api/admin/security-policy', { ...policy, minLength: 4 });
      expect(outOfRange.statusCode).toBe(400);

      const saved = await root.post('/api/admin/security-policy', policy);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ ...policy, updatedAt: w.clock.now().toISOString() });
      const [event] = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(eq(adminEvents.action, 'security.policy'));
      expect(event).toMatchObject({
        actorId: securityRoot,
        targetKind: 'security_policy',
        payload: { before: { minClasses: 2, expiryDays: 0 }, after: policy },
      });

      // The rules the forms read, and the one check of the API (and the CLI, through the same use case).
      const rules = (await admin.get('/api/admin/password-rules')).json().rules as {
        id: string;
        value?: number;
      }[];
      expect(rules.map((r) => r.id)).toContain('classes');
      expect(rules.find((r) => r.id === 'minLength')!.value).toBe(12);
      const weak = await admin.post('/api/admin/users', {
        username: `two-classes-${w.ids.area}`,
        displayName: '两类字符',
        password: 'twoclasses12345',
        grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      expect(weak.json().error).toMatchObject({
        code: 'PASSWORD_WEAK',
        details: { rules: ['classes'] },
      });

      // Expiry: a password older than 90 days must be changed after signing in.
      const name = w.actors.unitParty!.username;
      const before = w.clock.instant;
      await w.ctx.store.db
        .update(users)
        .set({ passwordChangedAt: before })
        .where(eq(users.id, w.actors.unitParty!.userId));
      try {
        w.clock.instant = new Date(before.getTime() + 89 * DAY);
        const fresh = await signInAs(w.app, name, TEST_PASSWORD);
        expect(fresh.answer.json().passwordChange).toBeNull();
        w.clock.instant = new Date(before.getTime() + 91 * DAY);
        const s = await signInAs(w.app, name, TEST_PASSWORD);
        expect(s.answer.json().passwordChange).toBe('expired');
        expect((await s.get('/api/cases')).json().error).toMatchObject({
          code: 'PASSWORD_CHANGE_REQUIRED',
          details: { reason: 'expired' },
        });
      } finally {
        w.clock.instant = before;
      }
    }, 120_000);

    it('the security administrator lists and ends a user’s sessions inside their scope', async () => {
      const area = await signIn(w, 'securityArea');
      const target = w.actors.chair!;
      const one = await signIn(w, 'chair');
      const two = await signIn(w, 'chair');
      const list = await area.get(`/api/admin/users/${target.userId}/sessions`);
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; current: boolean }[];
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.every((s) => !s.current)).toBe(true);

      const ended = await area.post(
        `/api/admin/users/${target.userId}/sessions/${items[0]!.id}/end`,
      );
      expect(ended.json()).toEqual({ ended: 1 });
      const all = await area.post(`/api/admin/users/${target.userId}/sessions/end-all`);
      expect(all.statusCode).toBe(200);
      expect((await one.get('/api/auth/me')).statusCode).toBe(401);
      expect((await two.get('/api/auth/me')).statusCode).toBe(401);
      const trail = await w.ctx.store.db
        .select({ action: adminEvents.action, actorId: adminEvents.actorId })
        .from(adminEvents)
        .where(eq(adminEvents.targetId, target.userId));
      expect(trail.filter((e) => e.action === 'user.sessions_end')).toHaveLength(2);
      expect(
        trail.every((e) => e.action !== 'user.sessions_end' || e.actorId === securityArea),
      ).toBe(true);

      // Outside the scope the user does not exist; other roles are refused.
      const outside = await area.get(`/api/admin/users/${w.actors.cityChair!.userId}/sessions`);
      expect(outside.statusCode).toBe(404);
      const admin = await signIn(w, 'admin');
      const refused = await admin.get(`/api/admin/users/${target.userId}/sessions`);
      expect(refused.json().error.code).toBe('SECURITY_ADMIN_REQUIRED');

      const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const p of [
        '/api/auth/sessions',
        '/api/auth/sessions/{id}/end',
        '/api/auth/sessions/end-others',
        '/api/auth/password',
        '/api/admin/users/{id}/sessions',
        '/api/admin/users/{id}/sessions/{sid}/end',
        '/api/admin/users/{id}/sessions/end-all',
        '/api/admin/security-policy',
      ]) {
        expect(Object.keys(doc.paths), p).toContain(p);
      }
    }, 120_000);
  },
  { open: { schema } },
);
