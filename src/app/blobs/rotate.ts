/**
 * Re-encryption of stored files under the key new files are written with: after a key rotation
 * (RONGCUO_ENCRYPTION_KEY_ID names a new key), after encryption was turned on (files stored in
 * clear before), or after a change of algorithm. The running server keeps serving: each batch is
 * its own short transaction that locks only its rows, and a file is readable before and after
 * (both keys are in the ring). The walk goes by SHA-256 and rewrites only blobs not yet under the
 * target, so an interrupted run is simply run again (resumable, and safe to run twice). A blob's
 * plaintext is checked against its SHA-256 before it is sealed again, so a file altered while in
 * clear is not blessed with a fresh tag. The one-time-code secrets under the same ring are
 * re-encrypted beside the files (two-factors/secret-store.ts `reencryptTotpSecrets`, called by the
 * job and the command); their groups are in the status. When `pending` and `secretsPending` are 0
 * the old keys may leave the ring.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { evidenceBlobs } from '../tables.js';
import type { BlobAlg } from './cipher.js';
import { keyRingOf } from './keyring.js';
import { blobContent, SEALED_COLUMNS, sealForStore } from './store.js';
import { secretGroups } from '../two-factors/secret-store.js';

export interface BlobGroup {
  readonly alg: BlobAlg;
  readonly keyId: string | null;
  readonly blobs: number;
  readonly bytes: number;
}

export interface BlobStatus {
  /** How new files are written: the algorithm and key id ('none', null when in clear). */
  readonly target: { readonly alg: BlobAlg; readonly keyId: string | null };
  /** The stored blobs by algorithm and key. */
  readonly groups: readonly BlobGroup[];
  /** Blobs not under the target yet. */
  readonly pending: number;
  /** Key ids blobs or one-time-code secrets name that the ring lacks: those cannot be read. */
  readonly missingKeys: readonly string[];
  /** The one-time-code secrets by algorithm and key (two-factors/secret-store.ts). */
  readonly secrets: readonly SecretGroup[];
  /** Secrets not under the target yet. */
  readonly secretsPending: number;
}

export interface SecretGroup {
  readonly alg: BlobAlg;
  readonly keyId: string | null;
  readonly secrets: number;
}

function targetOf(ctx: AppContext): BlobStatus['target'] {
  const { write } = keyRingOf(ctx.settings.crypto);
  return write ? { alg: write.alg, keyId: write.key.id } : { alg: 'none', keyId: null };
}

/** The blobs not stored under the target yet. */
function notUnder(t: BlobStatus['target']): SQL {
  if (t.keyId === null) return ne(evidenceBlobs.alg, 'none');
  return or(
    ne(evidenceBlobs.alg, t.alg),
    isNull(evidenceBlobs.keyId),
    ne(evidenceBlobs.keyId, t.keyId),
  )!;
}

export async function blobStatus(ctx: AppContext): Promise<BlobStatus> {
  const target = targetOf(ctx);
  const rows = await ctx.store.db
    .select({
      alg: evidenceBlobs.alg,
      keyId: evidenceBlobs.keyId,
      blobs: sql<number>`count(*)::int`,
      bytes: sql<number>`coalesce(sum(${evidenceBlobs.size}), 0)::bigint`,
    })
    .from(evidenceBlobs)
    .groupBy(evidenceBlobs.alg, evidenceBlobs.keyId)
    .orderBy(asc(evidenceBlobs.alg), asc(evidenceBlobs.keyId));
  const groups = rows.map((r) => ({ ...r, blobs: Number(r.blobs), bytes: Number(r.bytes) }));
  const keys = keyRingOf(ctx.settings.crypto).keys;
  const under = (g: { alg: BlobAlg; keyId: string | null }) =>
    g.alg === target.alg && g.keyId === target.keyId;
  const secrets = await secretGroups(ctx);
  const named = [...groups, ...secrets].map((g) => g.keyId);
  return {
    target,
    groups,
    pending: groups.filter((g) => !under(g)).reduce((n, g) => n + g.blobs, 0),
    missingKeys: [...new Set(named)].filter((id): id is string => id !== null && !keys.has(id)),
    secrets,
    secretsPending: secrets.filter((g) => !under(g)).reduce((n, g) => n + g.secrets, 0),
  };
}

export interface ReencryptProgress {
  /** Blobs rewritten so far in this run. */
  readonly done: number;
  /** Blobs that were pending when the run began. */
  readonly total: number;
}

export interface ReencryptOptions {
  /** Blobs per transaction (default 50); a batch also ends after 32 MiB of files. */
  readonly batchSize?: number;
  readonly onProgress?: (p: ReencryptProgress) => void;
}

const BATCH_BYTES = 32 * 1024 * 1024;

/** Rewrites every blob not under the target; gives how many it rewrote. */
export async function reencryptBlobs(
  ctx: AppContext,
  opts: ReencryptOptions = {},
): Promise<ReencryptProgress> {
  const batchSize = opts.batchSize ?? 50;
  const target = targetOf(ctx);
  const total = (await blobStatus(ctx)).pending;
  let done = 0;
  let after = '';
  for (;;) {
    // The next batch's ids and sizes (not their content), in SHA-256 order.
    const page = await ctx.store.db
      .select({ sha256: evidenceBlobs.sha256, size: evidenceBlobs.size })
      .from(evidenceBlobs)
      .where(and(notUnder(target), gt(evidenceBlobs.sha256, after)))
      .orderBy(asc(evidenceBlobs.sha256))
      .limit(batchSize);
    if (page.length === 0) break;
    let bytes = 0;
    const batch = page.filter((b, i) => {
      bytes += b.size;
      return i === 0 || bytes <= BATCH_BYTES;
    });
    done += await ctx.store.tx(async (tx) => {
      const rows = await tx
        .select({ sha256: evidenceBlobs.sha256, ...SEALED_COLUMNS })
        .from(evidenceBlobs)
        .where(
          and(
            notUnder(target),
            gt(evidenceBlobs.sha256, after),
            sql`${evidenceBlobs.sha256} <= ${batch[batch.length - 1]!.sha256}`,
          ),
        )
        .orderBy(asc(evidenceBlobs.sha256))
        .for('update');
      for (const row of rows) {
        const plain = blobContent(ctx, row.sha256, row);
        if (createHash('sha256').update(plain).digest('hex') !== row.sha256) {
          throw new AppError('BLOB_INTEGRITY', { sha256: row.sha256 });
        }
        const sealed = sealForStore(ctx, row.sha256, plain);
        await tx
          .update(evidenceBlobs)
          .set({
            alg: sealed.alg,
            keyId: sealed.keyId,
            iv: sealed.iv,
            tag: sealed.tag,
            content: sealed.content,
          })
          .where(eq(evidenceBlobs.sha256, row.sha256));
      }
      return rows.length;
    });
    after = batch[batch.length - 1]!.sha256;
    opts.onProgress?.({ done, total });
    if (page.length < batchSize && batch.length === page.length) break;
  }
  return { done, total };
}
