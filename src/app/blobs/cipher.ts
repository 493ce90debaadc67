/**
 * The encryption of a stored file (evidence, correction files: `evidence_blobs`), pure: bytes in,
 * bytes out, no store, no settings.
 *
 * - **SM4** (GB/T 32907-2016) in CTR mode with HMAC-SM3 (GB/T 32905-2016; GB/T 15852.2) over the
 *   ciphertext, encrypt-then-MAC, because Node's OpenSSL has no SM4-GCM. CTR rather than CBC: no
 *   padding (so no padding oracle, and the ciphertext is as long as the file), and the MAC is
 *   checked before anything is decrypted, so CBC's one advantage — tolerating a repeated IV — is
 *   bought instead with a fresh random 128-bit IV per write. The configured 128-bit key is never
 *   used directly: HKDF-SM3 derives an SM4 key and a separate 256-bit MAC key from it.
 * - **AES-256-GCM**: the key as configured (256 bits), a random 96-bit nonce, a 128-bit tag.
 *
 * Both bind the blob's identity (`aad`: its plaintext SHA-256, the algorithm and the key id), so a
 * ciphertext moved to another row, or relabelled with another key id, is refused like a changed
 * one. Decryption checks the tag before it returns a byte (BlobIntegrityError).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** How a blob is stored: in clear (before encryption was configured) or sealed. */
export const BLOB_ALGS = ['none', 'sm4-ctr-hmac-sm3', 'aes-256-gcm'] as const;
export type BlobAlg = (typeof BLOB_ALGS)[number];
export type SealAlg = Exclude<BlobAlg, 'none'>;

/** The key length each algorithm takes, in bytes. */
export const KEY_BYTES: Record<SealAlg, number> = { 'sm4-ctr-hmac-sm3': 16, 'aes-256-gcm': 32 };

export interface BlobKey {
  readonly id: string;
  readonly bytes: Buffer;
}

/** A file as stored: the algorithm, the key id, the IV or nonce, the tag and the content. */
export interface SealedBlob {
  readonly alg: BlobAlg;
  readonly keyId: string | null;
  readonly iv: Uint8Array | null;
  readonly tag: Uint8Array | null;
  readonly content: Uint8Array;
}

/** The ciphertext or its binding to the row was changed: the tag does not match. */
export class BlobIntegrityError extends Error {
  constructor() {
    super('the stored file failed its integrity check');
    this.name = 'BlobIntegrityError';
  }
}

/** What the tag binds the ciphertext to: the blob's plaintext hash, algorithm and key id. */
export function blobAad(sha256: string, alg: SealAlg, keyId: string): Buffer {
  return Buffer.from(`rongcuo:evidence_blobs:v1\n${sha256}\n${alg}\n${keyId}`, 'utf8');
}

function sm4Keys(key: Buffer): { enc: Buffer; mac: Buffer } {
  const derive = (info: string, n: number) =>
    Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), info, n));
  return {
    enc: derive('rongcuo blob sm4-ctr', 16),
    mac: derive('rongcuo blob hmac-sm3', 32),
  };
}

function sm4Tag(mac: Buffer, aad: Buffer, iv: Uint8Array, content: Uint8Array): Buffer {
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(aad.byteLength));
  return createHmac('sm3', mac).update(len).update(aad).update(iv).update(content).digest();
}

function checkKey(alg: SealAlg, key: BlobKey): void {
  if (key.bytes.byteLength !== KEY_BYTES[alg]) {
    throw new RangeError(
      `key ${key.id} has ${key.bytes.byteLength} bytes; ${alg} takes ${KEY_BYTES[alg]}`,
    );
  }
}

/** Encrypts a file under `key` with a fresh IV. */
export function sealBlob(
  alg: SealAlg,
  key: BlobKey,
  sha256: string,
  plain: Uint8Array,
): SealedBlob {
  return sealWith(alg, key, blobAad(sha256, alg, key.id), plain);
}

/**
 * Encrypts bytes under `key` with a fresh IV, the tag binding `aad` (what the bytes are: a blob's
 * identity, a user's one-time-code secret — src/app/two-factors/secret-store.ts).
 */
export function sealWith(alg: SealAlg, key: BlobKey, aad: Buffer, plain: Uint8Array): SealedBlob {
  checkKey(alg, key);
  if (alg === 'sm4-ctr-hmac-sm3') {
    const { enc, mac } = sm4Keys(key.bytes);
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-ctr', enc, iv);
    const content = Buffer.concat([c.update(plain), c.final()]);
    return { alg, keyId: key.id, iv, tag: sm4Tag(mac, aad, iv, content), content };
  }
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key.bytes, iv);
  c.setAAD(aad);
  const content = Buffer.concat([c.update(plain), c.final()]);
  return { alg, keyId: key.id, iv, tag: c.getAuthTag(), content };
}

/**
 * Decrypts a sealed file with `key` (the one its key id names), checking the tag first; a blob
 * stored in clear is returned as it is. Throws BlobIntegrityError when the tag does not match.
 */
export function openBlob(blob: SealedBlob, sha256: string, key: BlobKey | undefined): Uint8Array {
  if (blob.alg === 'none') return blob.content;
  if (!key || key.id !== blob.keyId) throw new RangeError('openBlob: not the blob’s key');
  return openWith(blob, blobAad(sha256, blob.alg, key.id), key);
}

/** Decrypts what `sealWith` sealed with `key` and `aad`, checking the tag first. */
export function openWith(blob: SealedBlob, aad: Buffer, key: BlobKey): Uint8Array {
  if (blob.alg === 'none') return blob.content;
  const { alg, iv, tag, content } = blob;
  if (key.id !== blob.keyId) throw new RangeError('openWith: not the sealed bytes’ key');
  if (!iv || !tag) throw new BlobIntegrityError();
  checkKey(alg, key);
  if (alg === 'sm4-ctr-hmac-sm3') {
    const { enc, mac } = sm4Keys(key.bytes);
    const expected = sm4Tag(mac, aad, iv, content);
    if (tag.byteLength !== expected.byteLength || !timingSafeEqual(tag, expected)) {
      throw new BlobIntegrityError();
    }
    if (iv.byteLength !== 16) throw new BlobIntegrityError();
    const d = createDecipheriv('sm4-ctr', enc, iv);
    return Buffer.concat([d.update(content), d.final()]);
  }
  if (iv.byteLength !== 12 || tag.byteLength !== 16) throw new BlobIntegrityError();
  const d = createDecipheriv('aes-256-gcm', key.bytes, iv);
  d.setAAD(aad);
  d.setAuthTag(tag);
  const out = d.update(content);
  try {
    return Buffer.concat([out, d.final()]);
  } catch {
    throw new BlobIntegrityError();
  }
}
