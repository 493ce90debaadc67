/**
 * CAS ticket sign-in against a small real CAS server started in the test (src/server/testing/
 * sso.ts): the browser goes to /login with the service URL, comes back with a one-time ticket,
 * and the server validates it at /p3/serviceValidate (or /serviceValidate for CAS 2.0) over HTTP.
 * Also: an administrator's second step after the platform; turning local passwords off, with a
 * break-glass account; and the reader of the CAS answer.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/context.js';
import { linkExternalIdentity } from '../../app/sso/links.js';
import { TEST_PASSWORD } from '../../app/testing/world.js';
import { sessions, users, type Schema } from '../../app/tables.js';
import { readSecondStepFragment } from '../../shared/sso.js';
import { describeStores } from '../../store/testing/harness.js';
import { parseServiceResponse } from '../auth/cas.js';
import { tokenHash } from '../auth/sessions.js';
import { buildServer } from '../server.js';
import {
  answerSecondStep,
  buildHttpWorld,
  freshIp,
  setCookie,
  type HttpWorld,
} from '../testing/http.js';
import { Browser, securityAdminOf, startCasServer, type TestCasServer } from '../testing/sso.js';

const SERVICE = 'http://rongcuo.test/api/auth/cas/callback';

describeStores<Schema>('CAS ticket sign-in against a real CAS server', (getStore) => {
  let w: HttpWorld;
  let cas: TestCasServer;
  let app: FastifyInstance;
  let cas2App: FastifyInstance;
  let noPasswords: FastifyInstance;
  let platformApp: FastifyInstance;

  const withSso = (ctx: AppContext, more: Partial<AppContext['settings']['sso']> = {}) => ({
    ...ctx,
    settings: {
      ...ctx.settings,
      sso: {
        ...ctx.settings.sso,
        casBaseUrl: cas.base,
        casServiceUrl: SERVICE,
        casNameAttribute: 'cn',
        ...more,
      },
    },
  });

  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    cas = await startCasServer();
    app = await buildServer(withSso(w.ctx), { checkResponses: true });
    cas2App = await buildServer(withSso(w.ctx, { casProtocol: 'cas2' }), {
      checkResponses: true,
    });
    noPasswords = await buildServer(
      withSso(w.ctx, {
        localPasswords: false,
        breakGlassUsers: [w.actors.admin!.username],
      }),
      { checkResponses: true },
    );
    platformApp = await buildServer(withSso(w.ctx, { secondFactor: 'platform' }), {
      checkResponses: true,
    });
    await linkExternalIdentity(w.ctx, await securityAdminOf(w), w.actors.chair!.userId, {
      provider: 'cas',
      subject: 'zhangsan@zjzwfw',
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await cas2App?.close();
    await noPasswords?.close();
    await platformApp?.close();
    await cas?.close();
  });

  /** Starts at rongcuo, signs in at the CAS server as `user`; the callback and the flow cookie. */
  async function toCallback(server: FastifyInstance, user: string, attrs = {}) {
    const start = await server.inject({ method: 'GET', url: '/api/auth/cas/start' });
    expect(start.statusCode).toBe(303);
    const login = new URL(start.headers.location as string);
    expect(`${login.origin}${login.pathname}`).toBe(`${cas.base}/login`);
    expect(login.searchParams.get('service')).toMatch(
      /^http:\/\/rongcuo\.test\/api\/auth\/cas\/callback\?state=/,
    );
    cas.signInAs(user, attrs);
    const back = new URL(await new Browser().follow(login.href, SERVICE, user));
    return { back, flow: setCookie(start, 'rongcuo_sso_flow')!.value };
  }

  const callback = (server: FastifyInstance, url: URL, flow: string | null) =>
    server.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      ...(flow ? { cookies: { rongcuo_sso_flow: flow } } : {}),
    });

  it('signs the linked user in after the server validated the ticket (CAS 3.0)', async () => {
    const { back, flow } = await toCallback(app, 'zhangsan@zjzwfw', { cn: '张三' });
    expect(back.searchParams.get('ticket')).toMatch(/^ST-/);
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const session = setCookie(res, 'rongcuo_session')!.value;
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { rongcuo_session: session },
    });
    expect(me.json().user.username).toBe(w.actors.chair!.username);
    const last = cas.validations.at(-1)!;
    expect(last.path).toBe('/cas/p3/serviceValidate');
    expect(last.service).toBe(
      `${SERVICE}?state=${new URL(last.service).searchParams.get('state')}`,
    );
    // The ticket was used: the same callback again is refused by the CAS server.
    const again = await callback(app, back, flow);
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain('SSO_TICKET_INVALID');
  });

  it('validates at /serviceValidate for CAS 2.0', async () => {
    const { back, flow } = await toCallback(cas2App, 'zhangsan@zjzwfw');
    expect((await callback(cas2App, back, flow)).statusCode).toBe(303);
    expect(cas.validations.at(-1)!.path).toBe('/cas/serviceValidate');
  });

  it('refuses an unlinked CAS user with a page naming the id and the name', async () => {
    const { back, flow } = await toCallback(app, 'lisi@zjzwfw', { cn: '李四' });
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('lisi@zjzwfw');
    expect(res.body).toContain('李四');
    expect(setCookie(res, 'rongcuo_session')).toBeUndefined();
  });

  it('refuses an identity whose linked user is disabled', async () => {
    const sa = await securityAdminOf(w);
    const member = w.actors.member2!;
    await linkExternalIdentity(w.ctx, sa, member.userId, {
      provider: 'cas',
      subject: 'wangwu@zjzwfw',
    });
    await w.ctx.store.db.update(users).set({ disabled: true }).where(eq(users.id, member.userId));
    const { back, flow } = await toCallback(app, 'wangwu@zjzwfw');
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('SSO_ACCOUNT_DISABLED');
    expect(setCookie(res, 'rongcuo_session')).toBeUndefined();
  });

  it('refuses a ticket brought to another browser (its state is not that browser’s)', async () => {
    const attacker = await toCallback(app, 'zhangsan@zjzwfw');
    const victim = await app.inject({ method: 'GET', url: '/api/auth/cas/start' });
    const res = await callback(app, attacker.back, setCookie(victim, 'rongcuo_sso_flow')!.value);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('SSO_STATE_INVALID');
    // A ticket for another service (a state changed in the URL) is not validated either.
    const forged = new URL(attacker.back);
    forged.searchParams.set('state', 'x');
    expect((await callback(app, forged, attacker.flow)).statusCode).toBe(400);
  });

  it('sends an administrator not yet enrolled to rongcuo’s enrolment, then signs them in', async () => {
    const admin = w.actors.admin!;
    await linkExternalIdentity(w.ctx, await securityAdminOf(w), admin.userId, {
      provider: 'cas',
      subject: 'zhaoliu@zjzwfw',
    });
    const { back, flow } = await toCallback(app, 'zhaoliu@zjzwfw');
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(303);
    expect(setCookie(res, 'rongcuo_session')).toBeUndefined();
    const location = new URL(res.headers.location as string, 'http://rongcuo.test');
    expect(`${location.pathname}${location.search}`).toBe('/');
    const step = readSecondStepFragment(location.hash)!;
    expect(step.secondFactor).toBe('enrol');
    const opened = await answerSecondStep(w, admin.userId, step);
    expect(opened.json().recoveryCodes).toHaveLength(10);
    const [row] = await w.ctx.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, tokenHash(setCookie(opened, 'rongcuo_session')!.value)));
    expect(row).toMatchObject({ externalProvider: 'cas', externalSubject: 'zhaoliu@zjzwfw' });
    // Trusting the platform's second factor, the same sign-in opens the session at once.
    const trusted = await toCallback(platformApp, 'zhaoliu@zjzwfw');
    const direct = await callback(platformApp, trusted.back, trusted.flow);
    expect(direct.headers.location).toBe('/');
    const me = await platformApp.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { rongcuo_session: setCookie(direct, 'rongcuo_session')!.value },
    });
    expect(me.json().user.username).toBe(admin.username);
  });

  it('with local passwords off refuses a password sign-in, except a break-glass account', async () => {
    const login = (username: string) =>
      noPasswords.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: { username, password: TEST_PASSWORD },
      });
    const refused = await login(w.actors.intake!.username);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('LOCAL_PASSWORDS_OFF');
    expect(refused.json().error.message.zh).toContain('统一身份认证登录');
    expect((await login(w.actors.admin!.username)).statusCode).toBe(200);
    const methods = await noPasswords.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(methods.json()).toEqual({ localPasswords: false, oidc: false, cas: true });
    // Single sign-on still opens sessions.
    const { back, flow } = await toCallback(noPasswords, 'zhangsan@zjzwfw');
    expect((await callback(noPasswords, back, flow)).statusCode).toBe(303);
  });
});

describe('the reader of a CAS serviceResponse', () => {
  it('reads the user and the attributes (a repeated one as a list), entities and CDATA', () => {
    const xml = `<?xml version="1.0"?>
<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>zhang&amp;san</cas:user>
    <cas:attributes>
      <cas:cn><![CDATA[张三 <科长>]]></cas:cn>
      <cas:memberOf>a</cas:memberOf>
      <cas:memberOf>b</cas:memberOf>
      <cas:org>&#x6D59;&#27743;</cas:org>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>`;
    expect(parseServiceResponse(xml)).toEqual({
      kind: 'success',
      user: 'zhang&san',
      attributes: { cn: '张三 <科长>', memberOf: ['a', 'b'], org: '浙江' },
    });
  });

  it('reads a failure, another prefix, and refuses a document type declaration', () => {
    expect(
      parseServiceResponse(
        '<sso:serviceResponse xmlns:sso="http://www.yale.edu/tp/cas"><sso:authenticationFailure code="INVALID_TICKET">no</sso:authenticationFailure></sso:serviceResponse>',
      ),
    ).toEqual({ kind: 'failure', code: 'INVALID_TICKET', message: 'no' });
    expect(
      parseServiceResponse(
        '<!DOCTYPE x [<!ENTITY e "boom">]><cas:serviceResponse><cas:authenticationSuccess><cas:user>&e;</cas:user></cas:authenticationSuccess></cas:serviceResponse>',
      ),
    ).toEqual({ kind: 'unreadable' });
    expect(parseServiceResponse('<html>Service unavailable</html>')).toEqual({
      kind: 'unreadable',
    });
  });
});
