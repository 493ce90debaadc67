import { beforeAll, expect, it } from 'vitest';
import { commandLineActor, createUserAsAdmin } from '../app/admin/users.js';
import { createUser, hashPassword, loadActor } from '../app/org.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import type { Schema } from '../app/tables.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from './testing/http.js';

const GOOD = 'Xin-mima-2031';

describeStores<Schema>('three administrators apart (三员分立)', (getStore) => {
  let w: HttpWorld;
  let sys: Client;
  let sec: Client;
  let audit: Client;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    const id = await createUser(
      w.ctx,
      {
        username: `audit-admin-${w.ids.province}`,
        displayName: '审计管理员',
        password: TEST_PASSWORD,
        grants: [{ role: 'audit_admin', scopeKind: 'jurisdiction', scopeId: w.ids.province }],
      },
      await hashPassword(TEST_PASSWORD),
    );
    w.actors['auditAdmin'] = await loadActor(w.ctx, id);
    sys = await signIn(w, 'admin');
    sec = await signIn(w, 'securityAdmin');
    audit = await signIn(w, 'auditAdmin');
  }, 60_000);

  const intakeGrant = () => [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }];

  it('the system administrator manages accounts but grants no roles after creation', async () => {
    const target = w.actors.member2!.userId;
    const res = await sys.post(`/api/admin/users/${target}/grants`, { grants: intakeGrant() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SECURITY_ADMIN_REQUIRED');
    const user = (await sys.get(`/api/admin/users/${target}`)).json().user;
    expect(user.abilities).toMatchObject({ edit: true, resetPassword: true, editGrants: false });
    // A new account with a working role: yes; with an administrator role: only the security admin.
    const ok = await sys.post('/api/admin/users', {
      username: 'sep-new-intake',
      displayName: '新受理人员',
      password: GOOD,
      grants: intakeGrant(),
    });
    expect(ok.statusCode).toBe(201);
    const admin = await sys.post('/api/admin/users', {
      username: 'sep-new-security',
      displayName: '新安全管理员',
      password: GOOD,
      grants: [{ role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
    });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('SECURITY_ADMIN_REQUIRED');
    expect(admin.json().error.message.zh).toContain('只有安全管理员可以授予“安全管理员”角色');
  });

  it('the security administrator grants roles, reads accounts and the organization, and changes nothing else', async () => {
    const target = w.actors.member2!.userId;
    const user = (await sec.get(`/api/admin/users/${target}`)).json().user;
    expect(user.abilities).toMatchObject({
      edit: false,
      editGrants: true,
      resetPassword: false,
      disable: false,
    });
    const ok = await sec.post(`/api/admin/users/${target}/grants`, {
      grants: [{ role: 'committee_member', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.history[0]).toMatchObject({ action: 'user.grants' });
    for (const [url, body] of [
      [`/api/admin/users/${target}/password`, { password: GOOD }],
      [`/api/admin/users/${target}/disable`, {}],
      [
        '/api/admin/users',
        { username: 'x1', displayName: 'x', password: GOOD, grants: intakeGrant() },
      ],
    ] as const) {
      const res = await sec.post(url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('ADMIN_ROLE_REQUIRED');
    }
    const tree = (await sec.get('/api/admin/organization')).json();
    expect(tree.jurisdictions.length).toBeGreaterThan(0);
    expect(
      tree.jurisdictions.every((j: { abilities: { rename: boolean } }) => !j.abilities.rename),
    ).toBe(true);
  });

  it('nobody holds two of the three administrator roles', async () => {
    const target = w.actors.liaison!.userId;
    const res = await sec.post(`/api/admin/users/${target}/grants`, {
      grants: [
        { role: 'admin', scopeKind: 'jurisdiction', scopeId: w.ids.area },
        { role: 'audit_admin', scopeKind: 'jurisdiction', scopeId: w.ids.city },
      ],
    });
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('ADMIN_ROLES_APART');
    expect(err.details.roles).toEqual(['admin', 'audit_admin']);
    expect(err.message.zh).toContain('不能同时担任“系统管理员”和“审计管理员”');
    expect(err.message.en).toContain('Administrator and Audit administrator');
    // One of them is fine (and the liaison's working role may stay beside it).
    const one = await sec.post(`/api/admin/users/${target}/grants`, {
      grants: [
        { role: 'audit_admin', scopeKind: 'jurisdiction', scopeId: w.ids.area },
        { role: 'org_liaison', scopeKind: 'jurisdiction', scopeId: w.ids.area },
      ],
    });
    expect(one.statusCode).toBe(200);
  });

  it('the audit administrator may not administer accounts or roles', async () => {
    for (const url of ['/api/admin/users', '/api/admin/organization']) {
      const res = await audit.get(url);
      expect(res.statusCode, url).toBe(403);
    }
    const res = await audit.post(`/api/admin/users/${w.actors.intake!.userId}/grants`, {
      grants: intakeGrant(),
    });
    expect(res.statusCode).toBe(403);
  });

  it('the operator’s command line creates each administrator (bootstrap), under the same rule', async () => {
    const cli = await commandLineActor(w.ctx, 'root');
    for (const role of ['admin', 'security_admin', 'audit_admin'] as const) {
      const u = await createUserAsAdmin(w.ctx, cli, {
        username: `boot-${role}`,
        displayName: role,
        password: GOOD,
        grants: [{ role, scopeKind: 'jurisdiction', scopeId: w.ids.province }],
      });
      expect(u.grants.map((g) => g.role)).toEqual([role]);
    }
    await expect(
      createUserAsAdmin(w.ctx, cli, {
        username: 'boot-both',
        displayName: 'both',
        password: GOOD,
        grants: [
          { role: 'admin', scopeKind: 'jurisdiction', scopeId: w.ids.province },
          { role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.province },
        ],
      }),
    ).rejects.toMatchObject({ code: 'ADMIN_ROLES_APART' });
  });
});
