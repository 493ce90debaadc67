/**
 * Writing and reading stored files (`evidence_blobs`) through the installation's key ring: a new
 * blob is sealed with the algorithm and key of the settings (or kept in clear when encryption is
 * off), a stored one is opened with the key its row names. A missing key or a failed integrity
 * check is a catalogue error (BLOB_KEY_MISSING, BLOB_INTEGRITY), never garbage.
 */
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { AppError } from '../errors.js';
import { evidenceBlobs } from '../tables.js';
import { BlobIntegrityError, openBlob, sealBlob, type SealedBlob } from './cipher.js';
import { keyRingOf } from './keyring.js';

/** The columns a read needs to open a blob (select them beside the row's other columns). */
export const SEALED_COLUMNS = {
  alg: evidenceBlobs.alg,
  keyId: evidenceBlobs.keyId,
  iv: evidenceBlobs.iv,
  tag: evidenceBlobs.tag,
  content: evidenceBlobs.content,
} as const;

/** A file's content as the settings say to store it now. */
export function sealForStore(ctx: AppContext, sha256: string, content: Uint8Array): SealedBlob {
  const { write } = keyRingOf(ctx.settings.crypto);
  if (!write) return { alg: 'none', keyId: null, iv: null, tag: null, content };
  return sealBlob(write.alg, write.key, sha256, content);
}

/**
 * Stores a file's content under its SHA-256 (of the plaintext), unless the same content is
 * stored already; sealed as the settings say.
 */
export async function storeBlob(
  ctx: AppContext,
  db: AnyDb,
  sha256: string,
  size: number,
  content: Uint8Array,
): Promise<void> {
  await db
    .insert(evidenceBlobs)
    .values({ sha256, size, ...sealForStore(ctx, sha256, content) })
    .onConflictDoNothing({ target: evidenceBlobs.sha256 });
}

/** The plaintext of a stored blob, opened with the key its row names. */
export function blobContent(ctx: AppContext, sha256: string, stored: SealedBlob): Uint8Array {
  if (stored.alg === 'none') return asBytes(stored.content);
  const key =
    stored.keyId === null ? undefined : keyRingOf(ctx.settings.crypto).keys.get(stored.keyId);
  if (!key) throw new AppError('BLOB_KEY_MISSING', { keyId: stored.keyId });
  try {
    return asBytes(openBlob(stored, sha256, key));
  } catch (e) {
    if (e instanceof BlobIntegrityError) throw new AppError('BLOB_INTEGRITY', { sha256 });
    // The ring's key of that id is not of the blob's algorithm: not the key it was sealed with.
    if (e instanceof RangeError) throw new AppError('BLOB_KEY_MISSING', { keyId: stored.keyId });
    throw e;
  }
}

function asBytes(c: Uint8Array): Uint8Array {
  return new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
}
