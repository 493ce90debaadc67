import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlobIntegrityError, openBlob, sealBlob, type BlobKey, type SealAlg } from './cipher.js';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('the national algorithms Node provides', () => {
  it('SM4 encrypts the GB/T 32907-2016 Appendix A example (one block, ECB)', () => {
    const key = hex('0123456789abcdeffedcba9876543210');
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([c.update(key), c.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM3 hashes the GB/T 32905-2016 Appendix A example ("abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});

const KEYS: Record<SealAlg, BlobKey> = {
  'sm4-ctr-hmac-sm3': { id: 'k1', bytes: randomBytes(16) },
  'aes-256-gcm': { id: 'k1', bytes: randomBytes(32) },
};

describe.each(Object.keys(KEYS) as SealAlg[])('a file sealed with %s', (alg) => {
  const key = KEYS[alg];
  const plain = Buffer.from('证据材料：会议纪要全文。'.repeat(50), 'utf8');
  const sha = createHash('sha256').update(plain).digest('hex');

  it('is not its plaintext, nor contains any of it, and opens to it with its key', () => {
    const s = sealBlob(alg, key, sha, plain);
    expect(s).toMatchObject({ alg, keyId: 'k1' });
    expect(Buffer.from(s.content).equals(plain)).toBe(false);
    expect(Buffer.from(s.content).indexOf(plain.subarray(0, 16))).toBe(-1);
    expect(Buffer.from(openBlob(s, sha, key)).equals(plain)).toBe(true);
  });

  it('takes a fresh IV each time: the same file twice gives two ciphertexts', () => {
    const a = sealBlob(alg, key, sha, plain);
    const b = sealBlob(alg, key, sha, plain);
    expect(Buffer.from(a.iv!).equals(b.iv!)).toBe(false);
    expect(Buffer.from(a.content).equals(b.content)).toBe(false);
  });

  it('refuses a changed byte, a changed tag, another row or another key id', () => {
    const s = sealBlob(alg, key, sha, plain);
    const flipped = Buffer.from(s.content);
    flipped[7]! ^= 1;
    expect(() => openBlob({ ...s, content: flipped }, sha, key)).toThrow(BlobIntegrityError);
    const tag = Buffer.from(s.tag!);
    tag[0]! ^= 1;
    expect(() => openBlob({ ...s, tag }, sha, key)).toThrow(BlobIntegrityError);
    const other = createHash('sha256').update('another file').digest('hex');
    expect(() => openBlob(s, other, key)).toThrow(BlobIntegrityError);
    const relabelled = { id: 'k2', bytes: key.bytes };
    expect(() => openBlob({ ...s, keyId: 'k2' }, sha, relabelled)).toThrow(BlobIntegrityError);
  });

  it('refuses a wrong key under the same id', () => {
    const s = sealBlob(alg, key, sha, plain);
    const wrong = { id: 'k1', bytes: randomBytes(key.bytes.byteLength) };
    expect(() => openBlob(s, sha, wrong)).toThrow(BlobIntegrityError);
  });
});
