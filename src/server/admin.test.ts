import { beforeAll, expect, it } from 'vitest';
import { createUser, hashPassword, loadActor } from '../app/org.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import type { Schema } from '../app/tables.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, freshIp, signIn, type Client, type HttpWorld } from './testing/http.js';

const GOOD = 'Xin-mima-2031';

describeStores<Schema>('administration over HTTP', (getStore) => {
  let w: HttpWorld;
  let areaAdmin: Client;
  let areaSecurity: Client;
  let root: Client;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    // An administrator of X New Area only (the world's admin holds the whole province).
    const id = await createUser(
      w.ctx,
      {
        username: `area-admin-${w.ids.area}`,
        displayName: 'X新区管理员',
        password: TEST_PASSWORD,
        grants: [{ role: 'admin', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      },
      await hashPassword(TEST_PASSWORD),
    );
    w.actors['areaAdmin'] = await loadActor(w.ctx, id);
    areaAdmin = await signIn(w, 'areaAdmin');
    // X New Area's security administrator: the one who grants roles there (三员分立).
    const sid = await createUser(
      w.ctx,
      {
        username: `area-security-${w.ids.area}`,
        displayName: 'X新区安全管理员',
        password: TEST_PASSWORD,
        grants: [{ role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      },
      await hashPassword(TEST_PASSWORD),
    );
    w.actors['areaSecurity'] = await loadActor(w.ctx, sid);
    areaSecurity = await signIn(w, 'areaSecurity');
    root = await signIn(w, 'admin');
  }, 60_000);

  const login = (username: string, password: string, remoteAddress = freshIp()) =>
    w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password },
    });

  async function allUsernames(c: Client): Promise<string[]> {
    const names: string[] = [];
    for (let page = 1; ; page++) {
      const res = await c.get(`/api/admin/users?pageSize=100&page=${page}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { username: string }[]; total: number };
      names.push(...body.items.map((u) => u.username));
      if (names.length >= body.total) return names;
    }
  }

  it('an admin of X New Area sees and edits only the users of X New Area, not those of A City', async () => {
    const seen = await allUsernames(areaAdmin);
    const a = w.actors;
    for (const name of ['intake', 'chair', 'official', 'unitParty', 'outsiderIntake'] as const) {
      // outsiderIntake is in Y District, a sibling of X New Area: not seen either.
      const expected = name !== 'outsiderIntake';
      expect(seen.includes(a[name]!.username), name).toBe(expected);
    }
    // A City's chair, the province's auditor and admin are outside.
    for (const name of ['cityChair', 'auditor', 'admin', 'policyAdmin'] as const) {
      expect(seen, name).not.toContain(a[name]!.username);
    }
    // The province's admin sees all of them.
    const all = await allUsernames(root);
    expect(all).toEqual(expect.arrayContaining([a['cityChair']!.username, a['intake']!.username]));

    const cityChair = a['cityChair']!.userId;
    const get = await areaAdmin.get(`/api/admin/users/${cityChair}`);
    expect(get.statusCode).toBe(404);
    expect(get.json().error.code).toBe('USER_NOT_FOUND');
    for (const [path, body] of [
      ['grants', { grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }] }],
      ['password', { password: GOOD }],
      ['unlock', {}],
      ['disable', {}],
    ] as const) {
      const by = path === 'grants' ? areaSecurity : areaAdmin;
      const res = await by.post(`/api/admin/users/${cityChair}/${path}`, body);
      expect(res.statusCode, path).toBe(404);
    }
    // Nor may they grant a role over A City to someone of theirs.
    const intake = a['intake']!.userId;
    const widen = await areaSecurity.post(`/api/admin/users/${intake}/grants`, {
      grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.city }],
    });
    expect(widen.statusCode).toBe(403);
    expect(widen.json().error.code).toBe('ADMIN_OUT_OF_SCOPE');
    // The search is scoped too.
    const search = await areaAdmin.get(
      `/api/admin/users?q=${encodeURIComponent(a['cityChair']!.username)}`,
    );
    expect(search.json()).toMatchObject({ items: [], total: 0 });
  });

  it('non-administrators get 403, and no session 401', async () => {
    for (const name of ['intake', 'chair', 'auditor', 'policyAdmin', 'official']) {
      const c = await signIn(w, name);
      for (const url of ['/api/admin/users', '/api/admin/organization', '/api/admin/calendars']) {
        const res = await c.get(url);
        expect(res.statusCode, `${name} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('ADMIN_ROLE_REQUIRED');
      }
      const create = await c.post('/api/admin/users', {
        username: `x-${name}`,
        displayName: 'x',
        password: GOOD,
        grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      expect(create.statusCode).toBe(403);
    }
    const anon = await w.app.inject({ method: 'GET', url: '/api/admin/users' });
    expect(anon.statusCode).toBe(401);
  });

  it('creates a user with a unit-scoped role under the password rules; the answer never holds a hash', async () => {
    const rules = await areaAdmin.get('/api/admin/password-rules');
    expect(rules.json().rules.map((r: { id: string }) => r.id)).toEqual([
      'minLength',
      'maxLength',
      'letter',
      'digit',
      'notUsername',
    ]);
    const username = `unit-party-new-${w.ids.area}`;
    const base = {
      username,
      displayName: '新单位党组织',
      locale: 'zh',
      grants: [{ role: 'unit_party', scopeKind: 'unit', scopeId: w.ids.otherUnit }],
    };
    const weak = await areaAdmin.post('/api/admin/users', { ...base, password: 'short1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({
      code: 'PASSWORD_WEAK',
      details: { field: 'password', rules: ['minLength'] },
    });
    expect(weak.json().error.message.zh).toContain('至少 10 个字符');
    const noDigit = await areaAdmin.post('/api/admin/users', {
      ...base,
      password: 'onlyletters-here',
    });
    expect(noDigit.json().error.details.rules).toEqual(['digit']);
    const withName = await areaAdmin.post('/api/admin/users', {
      ...base,
      password: `${username}-9`,
    });
    expect(withName.json().error.details.rules).toEqual(['notUsername']);

    const created = await areaAdmin.post('/api/admin/users', { ...base, password: GOOD });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toMatch(/argon2|passwordHash|password_hash/);
    const user = created.json().user;
    expect(user).toMatchObject({
      username,
      displayName: '新单位党组织',
      disabled: false,
      lockedUntil: null,
      grants: [
        {
          role: 'unit_party',
          scopeKind: 'unit',
          scopeId: w.ids.otherUnit,
          scopeName: { zh: '建设局', en: 'Construction Bureau' },
        },
      ],
      history: [{ action: 'user.create' }],
    });
    const again = await areaAdmin.post('/api/admin/users', {
      ...base,
      username: username.toUpperCase(),
      password: GOOD,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('USERNAME_TAKEN');

    // The new user signs in with the initial password and holds exactly that grant.
    const res = await login(username, GOOD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.grants).toEqual([
      expect.objectContaining({ role: 'unit_party', scopeKind: 'unit', scopeId: w.ids.otherUnit }),
    ]);
    // The official role needs a linked official, and only over self.
    const selfless = await areaAdmin.post('/api/admin/users', {
      ...base,
      username: `${username}-2`,
      password: GOOD,
      grants: [{ role: 'official', scopeKind: 'self', scopeId: '' }],
    });
    expect(selfless.statusCode).toBe(400);
    expect(selfless.json().error.details.field).toBe('grants[0].role');
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    const target = w.actors['member2']!;
    // The lock is per (account, address) pair: five failures from one address.
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await login(target.username, 'wrong password', ip);
    const locked = await login(target.username, TEST_PASSWORD, ip);
    expect(locked.statusCode).toBe(423);
    const seen = await areaAdmin.get(`/api/admin/users/${target.userId}`);
    expect(seen.json().user.lockedUntil).not.toBeNull();
    expect(seen.json().user.abilities).toMatchObject({ unlock: true });
    const locks = await areaAdmin.get('/api/admin/users?status=locked');
    expect(locks.json().items.map((u: { id: string }) => u.id)).toContain(target.userId);

    const unlocked = await areaAdmin.post(`/api/admin/users/${target.userId}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().user).toMatchObject({
      lockedUntil: null,
      failedLogins: 0,
      abilities: { unlock: false },
    });
    expect(unlocked.json().user.history[0]).toMatchObject({
      action: 'user.unlock',
      actor: { id: w.actors['areaAdmin']!.userId },
    });
    expect((await login(target.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('resets a password: the rules apply, the old password and the open sessions end', async () => {
    const target = w.actors['liaison']!;
    const session = await signIn(w, 'liaison');
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
    const weak = await areaAdmin.post(`/api/admin/users/${target.userId}/password`, {
      password: 'abc',
    });
    expect(weak.statusCode).toBe(422);
    const reset = await areaAdmin.post(`/api/admin/users/${target.userId}/password`, {
      password: GOOD,
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.body).not.toContain(GOOD);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(target.username, GOOD)).statusCode).toBe(200);
  });

  it('disables and enables accounts, never one’s own; nobody changes their own roles', async () => {
    const me = w.actors['areaAdmin']!;
    const self = await areaAdmin.post(`/api/admin/users/${me.userId}/disable`);
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('ADMIN_SELF');
    const sec = w.actors['areaSecurity']!;
    const promote = await areaSecurity.post(`/api/admin/users/${sec.userId}/grants`, {
      grants: [
        { role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.area },
        { role: 'investigator', scopeKind: 'jurisdiction', scopeId: w.ids.area },
      ],
    });
    expect(promote.statusCode).toBe(409);
    expect(promote.json().error.code).toBe('GRANTS_SELF');

    const target = w.actors['member1']!;
    const off = await areaAdmin.post(`/api/admin/users/${target.userId}/disable`);
    expect(off.json().user).toMatchObject({ disabled: true, abilities: { enable: true } });
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(401);
    const on = await areaAdmin.post(`/api/admin/users/${target.userId}/enable`);
    expect(on.json().user.disabled).toBe(false);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(200);

    // Grants: at least one; the change shows on the user's next request.
    const none = await areaSecurity.post(`/api/admin/users/${target.userId}/grants`, {
      grants: [],
    });
    expect(none.statusCode).toBe(400);
    const moved = await areaSecurity.post(`/api/admin/users/${target.userId}/grants`, {
      grants: [
        { role: 'committee_member', scopeKind: 'jurisdiction', scopeId: w.ids.area },
        { role: 'investigator', scopeKind: 'unit', scopeId: w.ids.unit },
      ],
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().user.history[0]).toMatchObject({ action: 'user.grants' });
    const c = await signIn(w, 'member1');
    const me2 = (await c.get('/api/auth/me')).json();
    expect(me2.user.roles.sort()).toEqual(['committee_member', 'investigator']);
  });

  it('describes the administration and dashboard routes in the API description', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/admin/users',
      '/api/admin/users/{id}/grants',
      '/api/admin/users/{id}/password',
      '/api/admin/users/{id}/unlock',
      '/api/admin/organization',
      '/api/admin/calendars/{id}/{year}',
      '/api/dashboard',
    ]) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    const create = doc.paths['/api/admin/users'].post;
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
  });

  it('keeps the admin trail append-only', async () => {
    const store = getStore();
    const r = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_events');
    expect(r.rows[0]!.n).toBeGreaterThan(0);
    await expect(store.query('UPDATE admin_events SET action = $1', ['x'])).rejects.toThrow(
      /append-only/,
    );
    await expect(store.query('DELETE FROM admin_events')).rejects.toThrow(/append-only/);
  });

  it('shows and changes the organization only inside the scope', async () => {
    const tree = (await areaAdmin.get('/api/admin/organization')).json();
    expect(tree.jurisdictions.map((j: { id: string }) => j.id)).toEqual([w.ids.area]);
    expect(tree.jurisdictions[0]).toMatchObject({
      parentId: null,
      pack: { id: 'x-new-area' },
      calendar: { id: 'cn' },
    });
    expect(tree.jurisdictions[0].calendar.years).toEqual(
      expect.arrayContaining([{ year: 2027, status: 'provisional' }]),
    );
    expect(tree.units.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([w.ids.unit, w.ids.subUnit, w.ids.otherUnit]),
    );
    // Each unit counts its own officials (the world has one in the bureau, one in its section).
    const count = (id: string) =>
      tree.units.find((u: { id: string; officials: number }) => u.id === id).officials;
    expect([count(w.ids.unit), count(w.ids.subUnit), count(w.ids.otherUnit)]).toEqual([1, 1, 1]);
    const full = (await root.get('/api/admin/organization')).json();
    expect(full.jurisdictions.map((j: { id: string }) => j.id)).toEqual(
      expect.arrayContaining([w.ids.province, w.ids.city, w.ids.area, w.ids.otherArea]),
    );

    const added = await areaAdmin.post('/api/admin/units', {
      jurisdictionId: w.ids.area,
      parentId: w.ids.unit,
      nameZh: '项目服务科',
      nameEn: 'Project Services Section',
      kind: 'section',
    });
    expect(added.statusCode).toBe(201);
    const unitId = added.json().id as string;
    const renamed = await areaAdmin.post(`/api/admin/units/${unitId}/rename`, {
      nameZh: '重大项目服务科',
      nameEn: 'Major Projects Section',
    });
    expect(renamed.statusCode).toBe(204);
    const after = (await areaAdmin.get('/api/admin/organization')).json();
    expect(after.units.find((u: { id: string }) => u.id === unitId)).toMatchObject({
      parentId: w.ids.unit,
      name: { zh: '重大项目服务科', en: 'Major Projects Section' },
    });
    const cityRename = await areaAdmin.post(`/api/admin/jurisdictions/${w.ids.city}/rename`, {
      nameZh: '改名',
      nameEn: 'Renamed',
    });
    expect(cityRename.statusCode).toBe(403);
    const cityUnit = await areaAdmin.post('/api/admin/units', {
      jurisdictionId: w.ids.otherArea,
      nameZh: '某局',
      nameEn: 'A Bureau',
    });
    expect(cityUnit.statusCode).toBe(403);
    expect(cityUnit.json().error.code).toBe('ADMIN_OUT_OF_SCOPE');
    const events = await getStore().query<{ action: string }>(
      `SELECT action FROM admin_events WHERE target_id = $1 ORDER BY id`,
      [unitId],
    );
    expect(events.rows.map((e) => e.action)).toEqual(['unit.create', 'unit.rename']);
  });

  it('shows the shipped calendars with holidays, make-up working days and the provisional year', async () => {
    const list = (await areaAdmin.get('/api/admin/calendars')).json();
    expect(list.calendars[0]).toMatchObject({ id: 'cn' });
    expect(list.calendars[0].years).toEqual([
      { year: 2025, status: 'published' },
      { year: 2026, status: 'published' },
      { year: 2027, status: 'provisional' },
    ]);
    const y2025 = (await areaAdmin.get('/api/admin/calendars/cn/2025')).json();
    expect(y2025.days).toHaveLength(365);
    const day = (d: string) => y2025.days.find((x: { date: string }) => x.date === d);
    expect(day('2025-01-01')).toMatchObject({ kind: 'holiday', working: false });
    expect(day('2025-01-26')).toMatchObject({ kind: 'makeup', working: true });
    expect(y2025.makeupWorkdays).toContain('2025-01-26');
    const y2027 = (await areaAdmin.get('/api/admin/calendars/cn/2027')).json();
    expect(y2027).toMatchObject({ status: 'provisional', makeupWorkdays: [] });
    expect(y2027.days[0]).toMatchObject({ provisional: true });
    expect((await areaAdmin.get('/api/admin/calendars/cn/2030')).statusCode).toBe(404);
  });
});
