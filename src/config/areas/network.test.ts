import { describe, expect, it } from 'vitest';
import { ConfigError } from '../define.js';
import { readSettings } from '../index.js';
import { tlsFilesOf, trustProxySetting } from './network.js';

describe('the network settings', () => {
  it('maps RONGCUO_TRUST_PROXY onto Fastify’s trustProxy: off, on, addresses and CIDRs', () => {
    expect(trustProxySetting.parse(undefined)).toBe(false);
    expect(trustProxySetting.parse('false')).toBe(false);
    expect(trustProxySetting.parse('true')).toBe(true);
    expect(trustProxySetting.parse(' 127.0.0.1, 10.0.0.0/8 ,::1 ')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(readSettings({}, { 'trust-proxy': '10.1.2.3' }).network.trustProxy).toEqual([
      '10.1.2.3',
    ]);
    expect(
      readSettings({ RONGCUO_TRUST_PROXY: 'true' }, { 'trust-proxy': 'false' }).network.trustProxy,
    ).toBe(false);
  });

  it('refuses a value that is none of these, naming the variable and the bad entry', () => {
    // A hop count too: Fastify 5 ignores X-Forwarded-For under one (it cannot check the peer).
    for (const bad of ['proxy.example', '10.0.0.0/33', '1', '10.0.0.1,nginx']) {
      expect(() => trustProxySetting.parse(bad)).toThrow(ConfigError);
    }
    expect(() => trustProxySetting.parse('10.0.0.1,nginx')).toThrow(/RONGCUO_TRUST_PROXY.*'nginx'/);
  });

  it('takes TLS files both or neither: half a configuration is refused in one sentence', () => {
    expect(tlsFilesOf({ tlsCert: undefined, tlsKey: undefined })).toBeUndefined();
    expect(tlsFilesOf({ tlsCert: 'c.pem', tlsKey: 'k.pem' })).toEqual({
      cert: 'c.pem',
      key: 'k.pem',
    });
    expect(() => tlsFilesOf({ tlsCert: 'c.pem', tlsKey: undefined })).toThrow(
      /RONGCUO_TLS_CERT \(--tls-cert\) is set but RONGCUO_TLS_KEY \(--tls-key\) is not/,
    );
    expect(() => tlsFilesOf({ tlsCert: undefined, tlsKey: 'k.pem' })).toThrow(ConfigError);
  });

  it('has HTTPS behind a proxy off by default, and the pool at 10 connections with no statement timeout', () => {
    const s = readSettings({});
    expect(s.network.https).toBe(false);
    expect(s.server.pgPoolMax).toBe(10);
    expect(s.server.pgStatementTimeoutMs).toBe(0);
    expect(readSettings({ RONGCUO_HTTPS: 'true', RONGCUO_PG_POOL_MAX: '40' }).network.https).toBe(
      true,
    );
    expect(() => readSettings({ RONGCUO_PG_POOL_MAX: '0' })).toThrow(/RONGCUO_PG_POOL_MAX/);
  });
});
