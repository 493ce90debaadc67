/**
 * Behind a reverse proxy: with RONGCUO_TRUST_PROXY naming the proxy, the sign-in rate limit counts
 * the client the proxy names in X-Forwarded-For, so that clients behind one proxy (one office NAT)
 * are throttled apart; without it, the header is ignored and cannot be used to escape the limit.
 */
import { describe, expect, it } from 'vitest';
import { trustProxySetting } from '../config/areas/network.js';
import type { Schema } from '../app/tables.js';
import type { TestClock } from '../app/testing/world.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, freshIp, type HttpWorld } from './testing/http.js';

/** A wrong password for an unknown user, as the client `client` seen from `remoteAddress`. */
function attempt(w: HttpWorld, remoteAddress: string, client?: string) {
  return w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: client ? { 'x-forwarded-for': client } : {},
    payload: { username: `nobody-${Math.random().toString(36).slice(2)}`, password: 'wrong' },
  });
}

const tick = (clock: TestClock) => (clock.instant = new Date(clock.instant.getTime() + 2000));

describeStores<Schema>('sign-in behind a proxy', (getStore) => {
  it('with the proxy trusted, two clients behind it are throttled apart', async () => {
    const proxy = freshIp();
    const w = await buildHttpWorld(getStore(), { trustProxy: trustProxySetting.parse(proxy) });
    const [a, b] = [freshIp(), freshIp()];
    for (let i = 0; i < 10; i++) {
      expect((await attempt(w, proxy, a)).statusCode).toBe(401);
      tick(w.clock);
    }
    expect((await attempt(w, proxy, a)).json().error.code).toBe('AUTH_RATE_LIMITED');
    // The other client behind the same proxy is not locked out by the first one's attempts.
    expect((await attempt(w, proxy, b)).statusCode).toBe(401);
  });

  it('without the setting, X-Forwarded-For is ignored: a new one each time does not escape the limit', async () => {
    const w = await buildHttpWorld(getStore(), { trustProxy: trustProxySetting.parse(undefined) });
    const sender = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await attempt(w, sender, freshIp())).statusCode).toBe(401);
      tick(w.clock);
    }
    expect((await attempt(w, sender, freshIp())).json().error.code).toBe('AUTH_RATE_LIMITED');
  });

  it('a proxy not in the list cannot speak for a client', async () => {
    const w = await buildHttpWorld(getStore(), {
      trustProxy: trustProxySetting.parse('192.0.2.1'),
    });
    const sender = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await attempt(w, sender, freshIp())).statusCode).toBe(401);
      tick(w.clock);
    }
    expect((await attempt(w, sender, freshIp())).statusCode).toBe(429);
  });
});

describe('trust proxy', () => {
  it('is off unless configured', () => expect(trustProxySetting.parse('')).toBe(false));
});
