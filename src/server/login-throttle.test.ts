/**
 * Sign-in throttling per (account, address) pair (issue 9 §3): nobody can lock someone else out
 * by failing from many addresses, and a failed attempt does not end the caller's session.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { loginThrottle } from '../app/login-throttle.js';
import { users, type Schema } from '../app/tables.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, freshIp, setCookie, signIn, type HttpWorld } from './testing/http.js';

describeStores<Schema>('sign-in throttling per account and address', (getStore) => {
  let w: HttpWorld;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
  });

  const login = (username: string, password: string, remoteAddress: string, cookie?: string) =>
    w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password },
      ...(cookie ? { cookies: { rongcuo_session: cookie } } : {}),
    });

  it('five failures from five addresses lock nothing: the owner still signs in', async () => {
    const name = w.actors.investigator!.username;
    for (let i = 0; i < 5; i++) {
      expect((await login(name, 'wrong password', freshIp())).statusCode).toBe(401);
    }
    // Even twenty more from other addresses.
    for (let i = 0; i < 20; i++) await login(name, 'wrong password', freshIp());
    expect((await login(name, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('five failures from one address lock the account for that address only', async () => {
    const name = w.actors.liaison!.username;
    const attacker = freshIp();
    for (let i = 0; i < 4; i++) expect((await login(name, 'nope', attacker)).statusCode).toBe(401);
    const fifth = await login(name, 'nope', attacker);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message.en).toContain('from this address');
    // The right password from that address waits; from another it opens.
    expect((await login(name, TEST_PASSWORD, attacker)).statusCode).toBe(423);
    expect((await login(name, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    // The administrator still sees that the account is locked somewhere.
    const [u] = await w.ctx.store.db.select().from(users).where(eq(users.username, name));
    expect(u!.lockedUntil).not.toBeNull();
    const pairs = await w.ctx.store.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.userId, u!.id));
    expect(pairs.map((p) => p.ip)).toEqual([attacker]);
    // After 15 minutes the address may try again.
    w.clock.instant = new Date(w.clock.instant.getTime() + 15 * 60_000 + 1000);
    expect((await login(name, TEST_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('a failed sign-in leaves the session the caller holds', async () => {
    const me = await signIn(w, 'member1');
    const failed = await login(me.username, 'wrong password', freshIp(), me.cookie);
    expect(failed.statusCode).toBe(401);
    expect(setCookie(failed, 'rongcuo_session')).toBeUndefined();
    expect((await me.get('/api/auth/me')).statusCode).toBe(200);
    // A failure under another name neither.
    await login(w.actors.intake!.username, 'wrong password', freshIp(), me.cookie);
    expect((await me.get('/api/auth/me')).statusCode).toBe(200);
  });
});
