/**
 * The key ring of stored files, from the settings (src/config/areas/crypto.ts): the keys by id,
 * from RONGCUO_ENCRYPTION_KEYS and the file RONGCUO_ENCRYPTION_KEYS_FILE, and the key new files
 * are written with (RONGCUO_ENCRYPTION_KEY_ID, or a line `@write <id>` of the file). Read once per
 * settings object; a ring that cannot serve the configured encryption stops the start with one
 * line (ConfigError) that names the variable and the key id, never a key.
 *
 * `rongcuo serve` reads the file again on SIGHUP (reloadKeyRing): a key added there can be read at
 * once, and its `@write` line switches new files to another key, without a restart. The
 * environment cannot change under a running process, hence the file's line.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/define.js';
import type { Settings } from '../../config/index.js';
import type { Encryption } from '../../config/areas/crypto.js';
import { KEY_BYTES, type BlobKey, type SealAlg } from './cipher.js';

export interface KeyRing {
  /** How new files are written: null keeps them in clear. */
  readonly write: { readonly alg: SealAlg; readonly key: BlobKey } | null;
  /** The keys by id, for reading. */
  readonly keys: ReadonlyMap<string, BlobKey>;
}

type CryptoSettings = Settings['crypto'];

/** The stored algorithm of each encryption setting. */
export const SEAL_OF: Record<Exclude<Encryption, 'none'>, SealAlg> = {
  sm4: 'sm4-ctr-hmac-sm3',
  'aes-256-gcm': 'aes-256-gcm',
};

const ID = /^[A-Za-z0-9_.-]{1,32}$/;
/** The key ring file's line naming the key new files are written with. */
const WRITE_LINE = /^\s*@write\s+(\S+)\s*(#.*)?$/;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const rings = new WeakMap<CryptoSettings, KeyRing>();
const readKeyFile = (path: string) => readFileSync(path, 'utf8');

function fail(zh: string, en: string): ConfigError {
  return new ConfigError({ zh, en });
}

/** The entries of a ring's text: "id:base64" separated by commas or lines; # starts a comment. */
export function parseKeys(text: string, source: string, into: Map<string, BlobKey>): void {
  const entries = text
    .split(/[\n,]/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':');
    const id = at < 0 ? '' : entry.slice(0, at).trim();
    const b64 = at < 0 ? '' : entry.slice(at + 1).trim();
    const n = i + 1;
    if (!ID.test(id)) {
      throw fail(
        `${source} 的第 ${n} 项不是“编号:Base64 密钥”（编号为 1–32 个字母、数字、_ . -）。`,
        `Entry ${n} of ${source} is not “id:base64key” (the id 1–32 letters, digits, _ . -).`,
      );
    }
    const bytes = Buffer.from(b64, 'base64');
    if (!B64.test(b64) || bytes.toString('base64').replace(/=+$/, '') !== b64.replace(/=+$/, '')) {
      throw fail(
        `${source} 中密钥“${id}”不是有效的 Base64 文本。`,
        `The key '${id}' in ${source} is not valid base64.`,
      );
    }
    if (bytes.byteLength !== 16 && bytes.byteLength !== 32) {
      throw fail(
        `${source} 中密钥“${id}”长 ${bytes.byteLength} 字节；sm4 的密钥为 16 字节（openssl rand -base64 16），aes-256-gcm 的为 32 字节（openssl rand -base64 32）。`,
        `The key '${id}' in ${source} has ${bytes.byteLength} bytes; an sm4 key has 16 (openssl rand -base64 16), an aes-256-gcm key 32 (openssl rand -base64 32).`,
      );
    }
    if (into.has(id)) {
      throw fail(
        `密钥编号“${id}”在密钥环中出现了两次（${source}）；每个编号只能对应一个密钥。`,
        `The key id '${id}' appears twice in the ring (${source}); an id names one key.`,
      );
    }
    into.set(id, { id, bytes });
  });
}

/** The file's `@write <id>` line (at most one), and its text without it. */
function writeLineOf(text: string, source: string): { id: string | undefined; rest: string } {
  const lines = text.split('\n');
  const named = lines.map((l) => WRITE_LINE.exec(l)?.[1]).filter((id) => id !== undefined);
  if (named.length > 1) {
    throw fail(
      `${source} 中有 ${named.length} 行 @write；只能有一行指明新文件所用的密钥。`,
      `${source} has ${named.length} @write lines; one line names the key new files are written with.`,
    );
  }
  return { id: named[0], rest: lines.filter((l) => !WRITE_LINE.test(l)).join('\n') };
}

function buildRing(c: CryptoSettings, read: (path: string) => string): KeyRing {
  const keys = new Map<string, BlobKey>();
  let fileWrite: string | undefined;
  if (c.encryptionKeys) parseKeys(c.encryptionKeys, 'RONGCUO_ENCRYPTION_KEYS', keys);
  if (c.encryptionKeysFile) {
    let text: string;
    try {
      text = read(c.encryptionKeysFile);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      throw fail(
        `无法读取 RONGCUO_ENCRYPTION_KEYS_FILE 指定的密钥环文件 ${c.encryptionKeysFile}（${why}）；请检查路径和权限。`,
        `The key ring file ${c.encryptionKeysFile} (RONGCUO_ENCRYPTION_KEYS_FILE) cannot be read (${why}); check the path and its permissions.`,
      );
    }
    const { id, rest } = writeLineOf(text, c.encryptionKeysFile);
    fileWrite = id;
    parseKeys(rest, c.encryptionKeysFile, keys);
  }
  if (c.encryption === 'none') return { write: null, keys };
  const alg = SEAL_OF[c.encryption];
  const id = fileWrite ?? c.encryptionKeyId;
  const namedBy = fileWrite ? `${c.encryptionKeysFile} (@write)` : 'RONGCUO_ENCRYPTION_KEY_ID';
  if (!id) {
    throw fail(
      `RONGCUO_ENCRYPTION=${c.encryption} 时必须用 RONGCUO_ENCRYPTION_KEY_ID（或密钥环文件中的 @write 行）指定新文件所用密钥的编号。`,
      `With RONGCUO_ENCRYPTION=${c.encryption}, RONGCUO_ENCRYPTION_KEY_ID (or an @write line of the key ring file) must name the key new files are written with.`,
    );
  }
  const key = keys.get(id);
  if (!key) {
    throw fail(
      `${namedBy} 指定的密钥“${id}”不在密钥环中；请在 RONGCUO_ENCRYPTION_KEYS 或密钥环文件中加入它。`,
      `The key '${id}' named by ${namedBy} is not in the key ring; add it to RONGCUO_ENCRYPTION_KEYS or the key ring file.`,
    );
  }
  if (key.bytes.byteLength !== KEY_BYTES[alg]) {
    throw fail(
      `密钥“${id}”长 ${key.bytes.byteLength} 字节，而 ${c.encryption} 需要 ${KEY_BYTES[alg]} 字节的密钥（openssl rand -base64 ${KEY_BYTES[alg]}）。`,
      `The key '${id}' has ${key.bytes.byteLength} bytes; ${c.encryption} takes a ${KEY_BYTES[alg]}-byte key (openssl rand -base64 ${KEY_BYTES[alg]}).`,
    );
  }
  return { write: { alg, key }, keys };
}

/** The ring of these settings (built once; throws ConfigError when it cannot serve them). */
export function keyRingOf(
  c: CryptoSettings,
  read: (path: string) => string = readKeyFile,
): KeyRing {
  let ring = rings.get(c);
  if (!ring) {
    ring = buildRing(c, read);
    rings.set(c, ring);
  }
  return ring;
}

/**
 * Builds the ring of these settings again, reading the key ring file anew, and serves it from now
 * on (`rongcuo serve` on SIGHUP). When the new ring cannot serve the settings, throws ConfigError
 * and the ring in use stays.
 */
export function reloadKeyRing(
  c: CryptoSettings,
  read: (path: string) => string = readKeyFile,
): KeyRing {
  const ring = buildRing(c, read);
  rings.set(c, ring);
  return ring;
}
