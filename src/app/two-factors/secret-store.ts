/**
 * One-time-code secrets under the key ring of stored files (src/app/blobs/keyring.ts; migration
 * 0037): when encryption is on, a secret is sealed with the algorithm and key new files are
 * written with, its tag binding it to its user (a sealed secret copied to another user's row is
 * refused); when it is off, it is kept as its base32 text, as blobs are kept in clear. A stored
 * secret is opened with the key its row names, so it reads across a key rotation while the old
 * key is in the ring; `reencryptTotpSecrets` moves every secret under the current key (`rongcuo
 * keys rotate` and the job blobs.reencrypt run it with the files).
 */
import { and, asc, eq, gt, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { BlobIntegrityError, openWith, sealWith, type BlobAlg } from '../blobs/cipher.js';
import { keyRingOf } from '../blobs/keyring.js';
import { totpSecrets } from './tables.js';

/** A secret as its row stores it. */
export interface StoredSecret {
  readonly secret: string;
  readonly alg: BlobAlg;
  readonly keyId: string | null;
  readonly iv: Uint8Array | null;
  readonly tag: Uint8Array | null;
}

/** The columns to select beside a row's others to open its secret. */
export const SECRET_COLUMNS = {
  secret: totpSecrets.secret,
  alg: totpSecrets.alg,
  keyId: totpSecrets.keyId,
  iv: totpSecrets.iv,
  tag: totpSecrets.tag,
} as const;

function aadOf(userId: string, alg: string, keyId: string): Buffer {
  return Buffer.from(`rongcuo:totp_secrets:v1\n${userId}\n${alg}\n${keyId}`, 'utf8');
}

/** A base32 secret as the settings say to store it now. */
export function sealSecret(ctx: AppContext, userId: string, base32: string): StoredSecret {
  const { write } = keyRingOf(ctx.settings.crypto);
  if (!write) return { secret: base32, alg: 'none', keyId: null, iv: null, tag: null };
  const aad = aadOf(userId, write.alg, write.key.id);
  const sealed = sealWith(write.alg, write.key, aad, Buffer.from(base32, 'utf8'));
  return {
    secret: Buffer.from(sealed.content).toString('base64'),
    alg: sealed.alg,
    keyId: sealed.keyId,
    iv: sealed.iv,
    tag: sealed.tag,
  };
}

/** The base32 secret of a stored row; TOTP_SECRET_UNREADABLE when its key is missing or wrong. */
export function openSecret(ctx: AppContext, userId: string, s: StoredSecret): string {
  if (s.alg === 'none') return s.secret;
  const key = s.keyId === null ? undefined : keyRingOf(ctx.settings.crypto).keys.get(s.keyId);
  if (!key) throw new AppError('TOTP_SECRET_UNREADABLE', { keyId: s.keyId });
  try {
    const content = Buffer.from(s.secret, 'base64');
    return Buffer.from(openWith({ ...s, content }, aadOf(userId, s.alg, key.id), key)).toString(
      'utf8',
    );
  } catch (e) {
    if (e instanceof BlobIntegrityError || e instanceof RangeError) {
      throw new AppError('TOTP_SECRET_UNREADABLE', { keyId: s.keyId });
    }
    throw e;
  }
}

/** The secrets not stored as the settings say now. */
export function secretsNotUnder(ctx: AppContext): SQL {
  const { write } = keyRingOf(ctx.settings.crypto);
  if (!write) return ne(totpSecrets.alg, 'none');
  return or(
    ne(totpSecrets.alg, write.alg),
    isNull(totpSecrets.keyId),
    ne(totpSecrets.keyId, write.key.id),
  )!;
}

/** Secrets re-encrypted per transaction. */
const BATCH = 200;

/**
 * Stores every secret as the settings say now (after a rotation, after encryption was turned on
 * or off), a batch per short transaction, resumable; returns how many it rewrote.
 */
export async function reencryptTotpSecrets(ctx: AppContext): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const n = await ctx.store.tx(async (tx) => {
      const rows = await tx
        .select({ userId: totpSecrets.userId, ...SECRET_COLUMNS })
        .from(totpSecrets)
        .where(and(secretsNotUnder(ctx), gt(totpSecrets.userId, after)))
        .orderBy(asc(totpSecrets.userId))
        .limit(BATCH)
        .for('update');
      for (const row of rows) {
        const sealed = sealSecret(ctx, row.userId, openSecret(ctx, row.userId, row));
        await tx.update(totpSecrets).set(sealed).where(eq(totpSecrets.userId, row.userId));
        after = row.userId;
      }
      return rows.length;
    });
    done += n;
    if (n < BATCH) return done;
  }
}

/** The stored secrets by algorithm and key (for `rongcuo keys status`). */
export async function secretGroups(
  ctx: AppContext,
): Promise<{ alg: BlobAlg; keyId: string | null; secrets: number }[]> {
  const rows = await ctx.store.db
    .select({
      alg: totpSecrets.alg,
      keyId: totpSecrets.keyId,
      secrets: sql<number>`count(*)::int`,
    })
    .from(totpSecrets)
    .groupBy(totpSecrets.alg, totpSecrets.keyId)
    .orderBy(asc(totpSecrets.alg), asc(totpSecrets.keyId));
  return rows.map((r) => ({ ...r, secrets: Number(r.secrets) }));
}
