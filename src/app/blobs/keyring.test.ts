import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/define.js';
import { readSettings } from '../../config/index.js';
import { keyRingOf, reloadKeyRing } from './keyring.js';

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
    expect(message(() => ring(on)).en).toMatch(
      /RONGCUO_ENCRYPTION_KEY_ID \(or an @write line of the key ring file\) must name/,
    );
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

  it('reads the file again on reload: a new key at once, its @write line switching new files; a bad file keeps the ring in use', () => {
    const settings = readSettings({
      RONGCUO_ENCRYPTION: 'sm4',
      RONGCUO_ENCRYPTION_KEYS_FILE: '/etc/rongcuo/keys',
      RONGCUO_ENCRYPTION_KEY_ID: 'k1',
    }).crypto;
    const files: Record<string, string> = { '/etc/rongcuo/keys': `k1:${k16}\n` };
    const read = (p: string) => files[p]!;
    expect(keyRingOf(settings, read).write?.key.id).toBe('k1');
    // Only once per settings object: a changed file is not read again by keyRingOf…
    files['/etc/rongcuo/keys'] = `k1:${k16}\nk2:${k16}\n@write k2 # 2026-12 rotation\n`;
    expect(keyRingOf(settings, read).keys.has('k2')).toBe(false);
    // …but by reloadKeyRing, whose ring keyRingOf serves from then on; @write wins over the
    // variable.
    reloadKeyRing(settings, read);
    const now = keyRingOf(settings, read);
    expect([...now.keys.keys()]).toEqual(['k1', 'k2']);
    expect(now.write?.key.id).toBe('k2');
    // A file that cannot serve: ConfigError naming the line's key, and the ring in use stays.
    files['/etc/rongcuo/keys'] = `k1:${k16}\n@write k3\n`;
    expect(message(() => reloadKeyRing(settings, read)).en).toContain(
      "The key 'k3' named by /etc/rongcuo/keys (@write) is not in the key ring",
    );
    files['/etc/rongcuo/keys'] = `k1:${k16}\n@write k1\n@write k2\n`;
    expect(message(() => reloadKeyRing(settings, read)).en).toContain('has 2 @write lines');
    expect(keyRingOf(settings, read)).toBe(now);
  });
});
