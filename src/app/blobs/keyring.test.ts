import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/define.js';
import { readSettings } from '../../config/index.js';
import { keyRingOf } from './keyring.js';

const k16 = randomBytes(16).toString('base64');
const k32 = randomBytes(32).toString('base64');
const ring = (env: Record<string, string>, files: Record<string, string> = {}) =>
  keyRingOf(readSettings(env).crypto, (p) => {
    const text = files[p];
    if (text === undefined) throw Object.assign(new Error('no file'), { code: 'ENOENT' });
    return text;
  });
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).text;
  }
  throw new Error('no ConfigError');
};

describe('the key ring of stored files', () => {
  it('is empty and writes in clear by default', () => {
    const r = ring({});
    expect(r.write).toBeNull();
    expect(r.keys.size).toBe(0);
  });

  it('reads keys from the variable and the file, and writes with the named one', () => {
    const r = ring(
      {
        RONGCUO_ENCRYPTION: 'sm4',
        RONGCUO_ENCRYPTION_KEYS: `old:${k16}`,
        RONGCUO_ENCRYPTION_KEYS_FILE: '/etc/rongcuo/keys',
        RONGCUO_ENCRYPTION_KEY_ID: 'new',
      },
      { '/etc/rongcuo/keys': `# 2026 rotation\nnew:${k16}\n\nbig:${k32} # for aes\n` },
    );
    expect([...r.keys.keys()]).toEqual(['old', 'new', 'big']);
    expect(r.write).toMatchObject({ alg: 'sm4-ctr-hmac-sm3', key: { id: 'new' } });
    const aes = ring({
      RONGCUO_ENCRYPTION: 'aes-256-gcm',
      RONGCUO_ENCRYPTION_KEYS: `a:${k32}`,
      RONGCUO_ENCRYPTION_KEY_ID: 'a',
    });
    expect(aes.write?.alg).toBe('aes-256-gcm');
  });

  it('stops the start with one line naming the variable, never the key', () => {
    const on = { RONGCUO_ENCRYPTION: 'sm4' };
    expect(message(() => ring(on)).en).toMatch(/RONGCUO_ENCRYPTION_KEY_ID must name/);
    expect(
      message(() =>
        ring({ ...on, RONGCUO_ENCRYPTION_KEYS: `a:${k16}`, RONGCUO_ENCRYPTION_KEY_ID: 'b' }),
      ).zh,
    ).toContain('密钥“b”不在密钥环中');
    const long = message(() =>
      ring({ ...on, RONGCUO_ENCRYPTION_KEYS: `a:${k32}`, RONGCUO_ENCRYPTION_KEY_ID: 'a' }),
    );
    expect(long.en).toContain('sm4 takes a 16-byte key');
    expect(long.en).not.toContain(k32);
    expect(message(() => ring({ RONGCUO_ENCRYPTION_KEYS: 'a:not base64!' })).en).toContain(
      "The key 'a' in RONGCUO_ENCRYPTION_KEYS is not valid base64",
    );
    expect(message(() => ring({ RONGCUO_ENCRYPTION_KEYS: `a:${k16},a:${k16}` })).en).toContain(
      'appears twice',
    );
    expect(message(() => ring({ RONGCUO_ENCRYPTION_KEYS: k16 })).en).toContain('Entry 1');
    expect(
      message(() => ring({ RONGCUO_ENCRYPTION_KEYS: `a:${randomBytes(8).toString('base64')}` })).en,
    ).toContain('has 8 bytes');
    expect(message(() => ring({ RONGCUO_ENCRYPTION_KEYS_FILE: '/nowhere' })).en).toContain(
      'The key ring file /nowhere (RONGCUO_ENCRYPTION_KEYS_FILE) cannot be read (ENOENT)',
    );
  });
});
