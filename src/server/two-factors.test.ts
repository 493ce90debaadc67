import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { adminEvents, schema, securityEvents, sessions, type Schema } from '../app/tables.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { loginTickets, totpRecoveryCodes, totpSecrets } from '../app/two-factors/tables.js';
import { codeAt } from '../app/two-factors/totp.js';
import { describeStores } from '../store/testing/harness.js';
import { tokenHash } from './auth/sessions.js';
import {
  buildHttpWorld,
  freshIp,
  passSecondFactor,
  setCookie,
  signIn,
  type HttpWorld,
} from './testing/http.js';

const STEP = 30_000;

describeStores<Schema>(
  'Two factors: TOTP sign-in, enrolment, recovery codes, resets',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    }, 60_000);
    const post = (url: string, payload: object, ip = freshIp()) =>
      w.app.inject({ method: 'POST', url, remoteAddress: ip, payload });
    const login = (username: string, ip?: string) =>
      post('/api/auth/login', { username, password: TEST_PASSWORD }, ip);
    const later = (ms: number) => {
      w.clock.instant = new Date(w.clock.instant.getTime() + ms);
    };

    it('an administrator without TOTP gets an enrolment ticket, not a session; one code enrols and signs in', async () => {
      const admin = w.actors.admin!;
      const res = await login(admin.username);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ secondFactor: 'enrol' });
      expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.user).toBeUndefined();
      expect(setCookie(res, 'rongcuo_session')).toBeUndefined();
      // The ticket is no session: /auth/me refuses it.
      const me = await w.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${body.ticket}` },
      });
      expect(me.statusCode).toBe(401);
      // The table keeps its hash only.
      const [t] = await w.ctx.store.db
        .select()
        .from(loginTickets)
        .where(eq(loginTickets.userId, admin.userId));
      expect(t!.idHash).toBe(tokenHash(body.ticket));

      const e = await post('/api/auth/enrolment', { ticket: body.ticket });
      expect(e.statusCode).toBe(200);
      const { secret, otpauthUri, qrCode } = e.json();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauthUri).toContain('otpauth://totp/');
      expect(otpauthUri).toContain(`secret=${secret}`);
      expect(qrCode).toMatch(/^data:image\/png;base64,/);

      const wrong = await post('/api/auth/enrolment/confirm', {
        ticket: body.ticket,
        code: codeAt(secret, new Date(w.clock.now().getTime() + 5 * STEP)),
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toMatchObject({
        code: 'TOTP_CODE_WRONG',
        details: { attemptsLeft: 4 },
      });

      const ok = await post('/api/auth/enrolment/confirm', {
        ticket: body.ticket,
        code: codeAt(secret, w.clock.now()),
      });
      expect(ok.statusCode).toBe(200);
      const done = ok.json();
      expect(done.user.username).toBe(admin.username);
      expect(done.recoveryCodes).toHaveLength(10);
      expect(new Set(done.recoveryCodes).size).toBe(10);
      expect(setCookie(ok, 'rongcuo_session')!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Security events: the wrong code (on the error path, after its transaction rolled back)
      // and the enrolment (in the enrolment's transaction).
      const kinds = (
        await w.ctx.store.db
          .select({ kind: securityEvents.kind })
          .from(securityEvents)
          .where(eq(securityEvents.userId, admin.userId))
      ).map((r) => r.kind);
      expect(kinds).toEqual(expect.arrayContaining(['totp.failed', 'totp.enrolled']));
      // Stored: the secret confirmed, the recovery codes only as hashes; the ticket gone.
      const [s] = await w.ctx.store.db
        .select()
        .from(totpSecrets)
        .where(eq(totpSecrets.userId, admin.userId));
      expect(s!.confirmedAt).not.toBeNull();
      const codes = await w.ctx.store.db
        .select()
        .from(totpRecoveryCodes)
        .where(eq(totpRecoveryCodes.userId, admin.userId));
      expect(codes).toHaveLength(10);
      expect(codes.some((c) => (done.recoveryCodes as string[]).includes(c.codeHash))).toBe(false);
      const tickets = await w.ctx.store.db
        .select()
        .from(loginTickets)
        .where(eq(loginTickets.userId, admin.userId));
      expect(tickets).toHaveLength(0);
    });

    it('then sign-in asks for the code; a right code opens the session, the same code again is refused', async () => {
      const admin = w.actors.admin!;
      later(10 * STEP);
      const [{ secret }] = (await w.ctx.store.db
        .select({ secret: totpSecrets.secret })
        .from(totpSecrets)
        .where(eq(totpSecrets.userId, admin.userId))) as [{ secret: string }];
      const first = (await login(admin.username)).json();
      expect(first.secondFactor).toBe('totp');
      const code = codeAt(secret, w.clock.now());
      const ok = await post('/api/auth/second-factor', {
        ticket: first.ticket,
        code,
        client: 'api',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.username).toBe(admin.username);
      expect(ok.json().token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The ticket is used up.
      const again = await post('/api/auth/second-factor', { ticket: first.ticket, code });
      expect(again.json().error.code).toBe('TOTP_TICKET_INVALID');
      // A new sign-in with the same code (same 30-second step): refused as replayed.
      const second = (await login(admin.username)).json();
      const replay = await post('/api/auth/second-factor', { ticket: second.ticket, code });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('TOTP_CODE_WRONG');
      // The next step's code works (one step of drift is allowed).
      const next = codeAt(secret, new Date(w.clock.now().getTime() + STEP));
      const ok2 = await post('/api/auth/second-factor', { ticket: second.ticket, code: next });
      expect(ok2.statusCode).toBe(200);
    });

    it('five wrong codes end the ticket: the password is asked again', async () => {
      const admin = w.actors.admin!;
      later(10 * STEP);
      const { ticket } = (await login(admin.username)).json();
      const answers = [];
      for (let i = 0; i < 5; i++) {
        answers.push((await post('/api/auth/second-factor', { ticket, code: '000000' })).json());
      }
      expect(answers.map((a) => a.error.details.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
      const [{ secret }] = (await w.ctx.store.db
        .select({ secret: totpSecrets.secret })
        .from(totpSecrets)
        .where(eq(totpSecrets.userId, admin.userId))) as [{ secret: string }];
      const right = await post('/api/auth/second-factor', {
        ticket,
        code: codeAt(secret, w.clock.now()),
      });
      expect(right.statusCode).toBe(401);
      expect(right.json().error.code).toBe('TOTP_TICKET_INVALID');
      expect(right.json().error.message.zh).toContain('请重新输入用户名和密码');
    });

    it('a ticket runs out after the configured minutes', async () => {
      const admin = w.actors.admin!;
      later(10 * STEP);
      const { ticket } = (await login(admin.username)).json();
      later(5 * 60_000 + 1);
      const [{ secret }] = (await w.ctx.store.db
        .select({ secret: totpSecrets.secret })
        .from(totpSecrets)
        .where(eq(totpSecrets.userId, admin.userId))) as [{ secret: string }];
      const late = await post('/api/auth/second-factor', {
        ticket,
        code: codeAt(secret, w.clock.now()),
      });
      expect(late.json().error.code).toBe('TOTP_TICKET_INVALID');
    });

    it('a recovery code signs in once', async () => {
      const rw = await buildHttpWorld(getStore());
      const admin = rw.actors.admin!;
      const send = (url: string, payload: object) =>
        rw.app.inject({ method: 'POST', url, remoteAddress: freshIp(), payload });
      const enrol = (
        await send('/api/auth/login', { username: admin.username, password: TEST_PASSWORD })
      ).json();
      const { secret } = (await send('/api/auth/enrolment', { ticket: enrol.ticket })).json();
      const { recoveryCodes } = (
        await send('/api/auth/enrolment/confirm', {
          ticket: enrol.ticket,
          code: codeAt(secret, rw.clock.now()),
        })
      ).json();
      const use = async (code: string) => {
        const { ticket } = (
          await send('/api/auth/login', { username: admin.username, password: TEST_PASSWORD })
        ).json();
        return send('/api/auth/second-factor', { ticket, code });
      };
      // Typed in capitals and without the dash, it is still the code.
      const typed = (recoveryCodes[0] as string).toUpperCase().replace('-', ' ');
      expect((await use(typed)).statusCode).toBe(200);
      expect((await use(recoveryCodes[0])).json().error.code).toBe('TOTP_CODE_WRONG');
      const me = await signIn(rw, 'admin');
      const status = await me.get('/api/auth/two-factor');
      expect(status.json()).toEqual({ enrolled: true, required: true, recoveryCodesLeft: 9 });
    });

    it('a user not required signs in with the password alone, and may set up TOTP; then it is asked', async () => {
      const intake = await signIn(w, 'intake');
      expect((await intake.get('/api/auth/two-factor')).json()).toEqual({
        enrolled: false,
        required: false,
        recoveryCodesLeft: 0,
      });
      const setup = await intake.post('/api/auth/two-factor/setup');
      expect(setup.statusCode).toBe(200);
      const { secret } = setup.json();
      const bad = await intake.post('/api/auth/two-factor/confirm', { code: '123456' });
      expect(bad.json().error.code).toBe('TOTP_CODE_WRONG');
      const ok = await intake.post('/api/auth/two-factor/confirm', {
        code: codeAt(secret, w.clock.now()),
      });
      expect(ok.json().recoveryCodes).toHaveLength(10);
      expect((await login(w.actors.intake!.username)).json().secondFactor).toBe('totp');
      // A second setup is refused while one is in use.
      expect((await intake.post('/api/auth/two-factor/setup')).json().error.code).toBe(
        'TOTP_ALREADY_ENROLLED',
      );
      // Resetting needs a current code; a wrong one changes nothing.
      expect((await intake.post('/api/auth/two-factor/reset', { code: '000000' })).statusCode).toBe(
        401,
      );
      later(STEP);
      const reset = await intake.post('/api/auth/two-factor/reset', {
        code: codeAt(secret, w.clock.now()),
      });
      expect(reset.json()).toEqual({ enrolled: false, required: false, recoveryCodesLeft: 0 });
      const plain = await login(w.actors.intake!.username);
      expect(plain.json().user.username).toBe(w.actors.intake!.username);
    });

    it('resetting one’s own TOTP is throttled: after five wrong codes in 15 minutes it is refused, even with the right one', async () => {
      const me = await signIn(w, 'member2');
      const { secret } = (await me.post('/api/auth/two-factor/setup')).json();
      later(STEP);
      await me.post('/api/auth/two-factor/confirm', { code: codeAt(secret, w.clock.now()) });
      for (let left = 4; left >= 0; left--) {
        const wrong = await me.post('/api/auth/two-factor/reset', { code: '000000' });
        expect(wrong.statusCode).toBe(401);
        expect(wrong.json().error).toMatchObject({
          code: 'TOTP_CODE_WRONG',
          details: { attemptsLeft: left },
        });
        later(60_000);
      }
      later(STEP);
      const refused = await me.post('/api/auth/two-factor/reset', {
        code: codeAt(secret, w.clock.now()),
      });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('TOTP_RESET_THROTTLED');
      expect(refused.json().error.message.zh).toContain('错误次数过多');
      // The first wrong code was 5 minutes and a step ago: 10 minutes less a step to wait.
      expect(Number(refused.headers['retry-after'])).toBe(10 * 60 - 30);
      const failed = await w.ctx.store.db
        .select()
        .from(securityEvents)
        .where(eq(securityEvents.userId, w.actors.member2!.userId));
      const kinds = failed.filter((e) => e.kind === 'totp.failed').map((e) => e.details['code']);
      expect(kinds).toEqual([...Array(5).fill('TOTP_CODE_WRONG'), 'TOTP_RESET_THROTTLED']);
      // Still enrolled; once the window is over the right code resets it.
      expect((await me.get('/api/auth/two-factor')).json().enrolled).toBe(true);
      later(10 * 60_000);
      const reset = await me.post('/api/auth/two-factor/reset', {
        code: codeAt(secret, w.clock.now()),
      });
      expect(reset.statusCode).toBe(200);
      expect(reset.json().enrolled).toBe(false);
    });

    it('the reset’s throttle follows RONGCUO_TOTP_RESET_ATTEMPTS and RONGCUO_TOTP_RESET_WINDOW_MINUTES', async () => {
      const ctx = {
        ...w.ctx,
        settings: {
          ...w.ctx.settings,
          twoFactors: { ...w.ctx.settings.twoFactors, resetAttempts: 2, resetWindowMinutes: 3 },
        },
      };
      const app = await (await import('./server.js')).buildServer(ctx, { checkResponses: true });
      const me = await signIn({ ...w, ctx, app }, 'liaison');
      const { secret } = (await me.post('/api/auth/two-factor/setup')).json();
      later(STEP);
      await me.post('/api/auth/two-factor/confirm', { code: codeAt(secret, w.clock.now()) });
      for (const left of [1, 0]) {
        const wrong = await me.post('/api/auth/two-factor/reset', { code: '000000' });
        expect(wrong.json().error).toMatchObject({ details: { attemptsLeft: left } });
      }
      later(STEP);
      const refused = await me.post('/api/auth/two-factor/reset', {
        code: codeAt(secret, w.clock.now()),
      });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBe(3 * 60 - 30);
      later(3 * 60_000);
      const reset = await me.post('/api/auth/two-factor/reset', {
        code: codeAt(secret, w.clock.now()),
      });
      expect(reset.statusCode).toBe(200);
      await app.close();
    });

    it('with an encryption key the stored secret is sealed, and signing in with its codes still works', async () => {
      const ew = await buildHttpWorld(getStore());
      const key = randomBytes(16).toString('base64');
      const ctx = {
        ...ew.ctx,
        settings: {
          ...ew.ctx.settings,
          crypto: {
            ...ew.ctx.settings.crypto,
            encryption: 'sm4' as const,
            encryptionKeys: `t1:${key}`,
            encryptionKeyId: 't1',
          },
        },
      };
      const app = await (await import('./server.js')).buildServer(ctx, { checkResponses: true });
      const sealed: HttpWorld = { ...ew, ctx, app };
      const admin = ew.actors.admin!;
      const signInOnce = async () => {
        ew.clock.instant = new Date(ew.clock.instant.getTime() + STEP);
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: freshIp(),
          payload: { username: admin.username, password: TEST_PASSWORD },
        });
        return passSecondFactor(sealed, admin.userId, res);
      };
      expect((await signInOnce()).json().recoveryCodes).toHaveLength(10); // enrolled
      const [row] = await ew.ctx.store.db
        .select()
        .from(totpSecrets)
        .where(eq(totpSecrets.userId, admin.userId));
      expect(row).toMatchObject({ alg: 'sm4-ctr-hmac-sm3', keyId: 't1' });
      expect(row!.secret).not.toMatch(/^[A-Z2-7]{32}$/);
      const again = await signInOnce(); // the code of the sealed secret
      expect(again.statusCode).toBe(200);
      expect(again.json().user.username).toBe(admin.username);
      await app.close();
    });

    it('with RONGCUO_TOTP_REQUIRED_FOR=all every user must enrol', async () => {
      const store = getStore();
      const aw = await buildHttpWorld(store);
      const ctx = {
        ...aw.ctx,
        settings: {
          ...aw.ctx.settings,
          twoFactors: { ...aw.ctx.settings.twoFactors, totpRequiredFor: 'all' as const },
        },
      };
      const app = await (await import('./server.js')).buildServer(ctx, { checkResponses: true });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshIp(),
        payload: { username: aw.actors.official!.username, password: TEST_PASSWORD },
      });
      expect(res.json().secondFactor).toBe('enrol');
      await app.close();
    });

    it('the security administrator resets a user’s TOTP (their sessions end, it is in the trail); others may not', async () => {
      const admin = w.actors.admin!;
      const sec = await signIn(w, 'securityAdmin');
      const sys = await signIn(w, 'admin');
      const refused = await sys.post(`/api/admin/users/${admin.userId}/two-factor/reset`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('SECURITY_ADMIN_REQUIRED');
      const user = (await sec.get(`/api/admin/users/${admin.userId}`)).json().user;
      expect(user.twoFactor).toBe(true);
      expect(user.abilities).toMatchObject({
        resetTwoFactor: true,
        editGrants: true,
        resetPassword: false,
      });
      const res = await sec.post(`/api/admin/users/${admin.userId}/two-factor/reset`);
      expect(res.statusCode).toBe(200);
      expect(res.json().user.twoFactor).toBe(false);
      expect(res.json().user.history[0]).toMatchObject({ action: 'user.totp_reset' });
      const left = await w.ctx.store.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, admin.userId));
      expect(left).toHaveLength(0);
      const events = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(eq(adminEvents.targetId, admin.userId));
      expect(events.some((e) => e.action === 'user.totp_reset')).toBe(true);
      // Next sign-in: set it up again.
      expect((await login(admin.username)).json().secondFactor).toBe('enrol');
      // Not one's own through this route.
      const own = await sec.post(
        `/api/admin/users/${w.actors.securityAdmin!.userId}/two-factor/reset`,
      );
      expect(own.statusCode).toBe(409);
    });
  },
  { open: { schema } },
);
