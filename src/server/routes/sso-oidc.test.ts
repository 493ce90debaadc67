/**
 * OpenID Connect sign-in against a real OpenID provider (`oidc-provider`) started inside the
 * test on a random port: the whole flow by HTTP — start, the provider's sign-in and consent,
 * the callback, the code exchanged with PKCE, the ID token checked — ends in a session of the
 * linked user with that user's grants; an unlinked subject is refused with a page naming its id;
 * a callback with another browser's state is refused; the automatic link by a claim; an unlink
 * ends the sessions the identity opened; an administrator still passes rongcuo's second step
 * (unless the installation trusts the platform's).
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminEvents, securityEvents, sessions, type Schema } from '../../app/tables.js';
import { linkExternalIdentity } from '../../app/sso/links.js';
import { readSecondStepFragment } from '../../shared/sso.js';
import { tokenHash } from '../auth/sessions.js';
import { externalIdentities } from '../../app/sso/table.js';
import type { AppContext } from '../../app/context.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildServer } from '../server.js';
import {
  answerSecondStep,
  buildHttpWorld,
  setCookie,
  signIn,
  type HttpWorld,
} from '../testing/http.js';
import {
  Browser,
  securityAdminOf,
  startOidcProvider,
  type TestOidcProvider,
} from '../testing/sso.js';

const SITE = 'http://rongcuo.test';
const CALLBACK = `${SITE}/api/auth/oidc/callback`;

describeStores<Schema>('OpenID Connect sign-in against a real provider', (getStore) => {
  let w: HttpWorld;
  let op: TestOidcProvider;
  let app: FastifyInstance;
  let autoApp: FastifyInstance;
  let platformApp: FastifyInstance;

  const ssoCtx = (ctx: AppContext, more: Partial<AppContext['settings']['sso']> = {}) => ({
    ...ctx,
    settings: {
      ...ctx.settings,
      sso: {
        ...ctx.settings.sso,
        oidcIssuer: op.issuer,
        oidcClientId: op.clientId,
        oidcClientSecret: op.clientSecret,
        oidcRedirectUrl: CALLBACK,
        oidcAllowHttp: true,
        ...more,
      },
    },
  });

  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    op = await startOidcProvider({
      redirectUri: CALLBACK,
      people: {
        'zs-330102': { name: '张三丰', preferred_username: 'nobody-here' },
        'ls-330103': { name: '李四光' },
        'ww-330104': { name: '王五', preferred_username: w.actors.liaison!.username },
        'ad-330105': { name: '赵六' },
      },
    });
    app = await buildServer(ssoCtx(w.ctx), { checkResponses: true });
    autoApp = await buildServer(ssoCtx(w.ctx, { autoLinkClaim: 'preferred_username' }), {
      checkResponses: true,
    });
    platformApp = await buildServer(ssoCtx(w.ctx, { secondFactor: 'platform' }), {
      checkResponses: true,
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await autoApp?.close();
    await platformApp?.close();
    await op?.close();
  });

  /** Starts at rongcuo, signs in at the provider as `sub`; the callback URL and flow cookie. */
  async function toCallback(server: FastifyInstance, sub: string) {
    const start = await server.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(303);
    const flow = setCookie(start, 'rongcuo_sso_flow')!;
    expect(flow.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=lax']));
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin).toBe(op.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const back = await new Browser().follow(authorize.href, CALLBACK, sub);
    return { callback: new URL(back), flow: flow.value };
  }

  const callback = (server: FastifyInstance, url: URL, flow: string | null) =>
    server.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      ...(flow ? { cookies: { rongcuo_sso_flow: flow } } : {}),
    });

  const sessionOf = (res: LightMyRequestResponse) => setCookie(res, 'rongcuo_session')?.value;

  let securityAdmin: { cookie: string; csrf: string };
  /** The intake officer's session opened through the platform (ended by the unlink below). */
  let intakeSession = '';

  it('says which ways to sign in are offered', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toEqual({ localPasswords: true, oidc: true, cas: false });
    // The world's own server has no single sign-on configured.
    const plain = await w.app.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(plain.json()).toEqual({ localPasswords: true, oidc: false, cas: false });
    const refused = await w.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('未配置该统一身份认证方式');
  });

  it('signs the linked user in: a session with the user’s own grants', async () => {
    // A security administrator of the province links the provider's subject to the intake officer.
    // (An administrator signs in with two factors: the test helper passes the second step.)
    const sa = await signIn(w, 'securityAdmin');
    const id = w.actors.securityAdmin!.userId;
    securityAdmin = { cookie: sa.cookie, csrf: sa.csrfToken };
    const intake = w.actors.intake!;
    const link = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${intake.userId}/external-identities`,
      cookies: { rongcuo_session: securityAdmin.cookie },
      headers: { 'x-csrf-token': securityAdmin.csrf },
      payload: { provider: 'oidc', subject: 'zs-330102' },
    });
    expect(link.statusCode).toBe(204);

    const { callback: url, flow } = await toCallback(app, 'zs-330102');
    expect(url.searchParams.get('code')).toBeTruthy();
    const res = await callback(app, url, flow);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const session = sessionOf(res)!;
    intakeSession = session;
    expect(setCookie(res, 'rongcuo_session')!.attrs).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict']),
    );
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { rongcuo_session: session },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(intake.username);
    expect(me.json().user.grants.map((g: { role: string }) => g.role)).toEqual(['intake']);
    // The link remembers the name the provider gave (from userinfo) and when it was last used.
    const [row] = await w.ctx.store.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, 'zs-330102'));
    expect(row!.displayName).toBe('张三丰');
    expect(row!.lastSeenAt).not.toBeNull();
    // The security administrator sees it on the user.
    const list = await app.inject({
      method: 'GET',
      url: `/api/admin/users/${intake.userId}/external-identities`,
      cookies: { rongcuo_session: securityAdmin.cookie },
    });
    expect(list.json().items).toMatchObject([
      { provider: 'oidc', subject: 'zs-330102', displayName: '张三丰', linkedBy: { id } },
    ]);
    expect(list.json().abilities).toEqual({ link: true, unlink: true });
    // A code is used once: the same callback replayed (even with the flow cookie, which the
    // browser no longer has) signs nobody in: the provider refuses the code.
    expect(setCookie(res, 'rongcuo_sso_flow')!.value).toBe('');
    const again = await callback(app, url, flow);
    expect(again.statusCode).toBe(502);
    expect(again.body).toContain('SSO_PROVIDER_ERROR');
    expect(sessionOf(again)).toBeFalsy();
  });

  it('refuses an unlinked subject with a page naming its id, and opens no session', async () => {
    const { callback: url, flow } = await toCallback(app, 'ls-330103');
    const res = await callback(app, url, flow);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('尚未关联本系统用户');
    expect(res.body).toContain('ls-330103');
    expect(res.body).toContain('李四光');
    expect(res.body).toContain('is not linked to a rongcuo user');
    expect(sessionOf(res)).toBeFalsy();
    const rows = await w.ctx.store.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, 'ls-330103'));
    expect(rows).toEqual([]);
  });

  it('refuses a callback carrying another browser’s state (login CSRF) or none', async () => {
    // The attacker signs in at the provider and hands the victim the callback URL.
    const attacker = await toCallback(app, 'zs-330102');
    const victim = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const victimFlow = setCookie(victim, 'rongcuo_sso_flow')!.value;
    const res = await callback(app, attacker.callback, victimFlow);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('SSO_STATE_INVALID');
    expect(sessionOf(res)).toBeFalsy();
    // A state changed in the URL, and a callback without the flow cookie, fare the same.
    const forged = new URL(attacker.callback);
    forged.searchParams.set('state', 'forged-state');
    expect((await callback(app, forged, attacker.flow)).statusCode).toBe(400);
    expect((await callback(app, attacker.callback, null)).statusCode).toBe(400);
  });

  it('links automatically by a claim equal to a username, when the installation says so', async () => {
    const liaison = w.actors.liaison!;
    // Without the setting, the same person is refused.
    const off = await toCallback(app, 'ww-330104');
    expect((await callback(app, off.callback, off.flow)).statusCode).toBe(403);
    // With it, they sign in as the liaison, and the link is recorded as automatic.
    const on = await toCallback(autoApp, 'ww-330104');
    const res = await callback(autoApp, on.callback, on.flow);
    expect(res.statusCode).toBe(303);
    const me = await autoApp.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { rongcuo_session: sessionOf(res)! },
    });
    expect(me.json().user.username).toBe(liaison.username);
    const [row] = await w.ctx.store.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, 'ww-330104'));
    expect(row).toMatchObject({ userId: liaison.userId, linkedBy: null });
    const events = await w.ctx.store.db
      .select()
      .from(adminEvents)
      .where(eq(adminEvents.targetId, liaison.userId));
    expect(events.map((e) => [e.action, e.payload['automatic']])).toContainEqual([
      'user.external_link',
      true,
    ]);
    // A claim matching no username is still refused.
    const none = await toCallback(autoApp, 'zs-330102-other');
    expect((await callback(autoApp, none.callback, none.flow)).statusCode).toBe(403);
  });

  it('lets only a security administrator link, and keeps an identity to one user', async () => {
    const admin = await signIn(w, 'admin');
    const target = w.actors.investigator!;
    const asAdmin = await admin.post(`/api/admin/users/${target.userId}/external-identities`, {
      provider: 'oidc',
      subject: 'x-1',
    });
    expect(asAdmin.statusCode).toBe(403);
    expect(asAdmin.json().error.code).toBe('SSO_LINK_ROLE_REQUIRED');
    // The administrator may read the links, not change them.
    const read = await admin.get(`/api/admin/users/${target.userId}/external-identities`);
    expect(read.json()).toEqual({ items: [], abilities: { link: false, unlink: false } });
    const taken = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${target.userId}/external-identities`,
      cookies: { rongcuo_session: securityAdmin.cookie },
      headers: { 'x-csrf-token': securityAdmin.csrf },
      payload: { provider: 'oidc', subject: 'zs-330102' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('SSO_IDENTITY_TAKEN');
    // Unlinked, the identity's next sign-in is refused.
    const unlink = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${w.actors.intake!.userId}/external-identities/unlink`,
      cookies: { rongcuo_session: securityAdmin.cookie },
      headers: { 'x-csrf-token': securityAdmin.csrf },
      payload: { provider: 'oidc', subject: 'zs-330102' },
    });
    expect(unlink.statusCode).toBe(204);
    const after = await toCallback(app, 'zs-330102');
    expect((await callback(app, after.callback, after.flow)).statusCode).toBe(403);
    // The session the identity opened has ended with the link.
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { rongcuo_session: intakeSession },
    });
    expect(me.statusCode).toBe(401);
  });

  it('asks an administrator for rongcuo’s one-time code after the platform: no session, the ticket in the fragment', async () => {
    const admin = w.actors.admin!;
    await signIn(w, 'admin'); // enrolled in two factors
    await linkExternalIdentity(w.ctx, await securityAdminOf(w), admin.userId, {
      provider: 'oidc',
      subject: 'ad-330105',
    });
    const { callback: url, flow } = await toCallback(app, 'ad-330105');
    const res = await callback(app, url, flow);
    expect(res.statusCode).toBe(303);
    expect(sessionOf(res)).toBeFalsy();
    const location = new URL(res.headers.location as string, SITE);
    expect(location.pathname).toBe('/');
    expect(location.search).toBe('');
    expect(location.hash).toMatch(/^#ticket=[A-Za-z0-9_-]{43}&step=totp$/);
    const step = readSecondStepFragment(location.hash)!;
    expect(step.secondFactor).toBe('totp');
    // The ticket opens nothing by itself.
    const bare = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${step.ticket}` },
    });
    expect(bare.statusCode).toBe(401);
    // The code completes the sign-in; the session records the identity that opened it.
    const opened = await answerSecondStep(w, admin.userId, step);
    expect(opened.json().user.username).toBe(admin.username);
    const [row] = await w.ctx.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, tokenHash(sessionOf(opened)!)));
    expect(row).toMatchObject({ externalProvider: 'oidc', externalSubject: 'ad-330105' });
    const events = await w.ctx.store.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.userId, admin.userId))
      .orderBy(asc(securityEvents.id));
    expect(events.map((e) => e.kind)).not.toContain('sso.login');
    expect(events.at(-1)).toMatchObject({
      kind: 'login.succeeded',
      details: { secondFactor: 'totp', provider: 'oidc', subject: 'ad-330105' },
    });
  });

  it('with RONGCUO_SSO_SECOND_FACTOR=platform opens the administrator’s session as before', async () => {
    const admin = w.actors.admin!;
    const { callback: url, flow } = await toCallback(platformApp, 'ad-330105');
    const res = await callback(platformApp, url, flow);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const me = await platformApp.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { rongcuo_session: sessionOf(res)! },
    });
    expect(me.json().user.username).toBe(admin.username);
    // Its session list names the identity that opened it.
    const list = await platformApp.inject({
      method: 'GET',
      url: '/api/auth/sessions',
      cookies: { rongcuo_session: sessionOf(res)! },
    });
    const own = (
      list.json() as { items: { current: boolean; signedInWith: unknown }[] }
    ).items.find((s) => s.current);
    expect(own?.signedInWith).toEqual({ provider: 'oidc', subject: 'ad-330105' });
    const [last] = await w.ctx.store.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.userId, admin.userId))
      .orderBy(desc(securityEvents.id))
      .limit(1);
    expect(last).toMatchObject({ kind: 'sso.login', details: { provider: 'oidc' } });
  });
});
