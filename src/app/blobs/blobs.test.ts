/**
 * Files encrypted at rest, on both stores: what the table holds, reading with and without the key,
 * a rotation while files keep being read and written, files stored in clear before encryption was
 * turned on, and tampering.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Encryption } from '../../config/areas/crypto.js';
import { describeStores } from '../../store/testing/harness.js';
import { addEvidence, readEvidence } from '../cases/add-evidence.js';
import type { CaseRow } from '../cases/record.js';
import type { AppContext } from '../context.js';
import { issueCorrection } from '../corrections/issue-opinion.js';
import { readCorrectionFile } from '../corrections/read-file.js';
import { submitCorrection } from '../corrections/submit-action.js';
import {
  correctionActions,
  correctionFiles,
  evidenceBlobs,
  schema,
  type Schema,
} from '../tables.js';
import { caseRow, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { JOB_HANDLERS } from '../jobs/handlers.js';
import { JobRunner } from '../jobs/runner.js';
import { scheduleReencrypt } from './job.js';
import { blobStatus, reencryptBlobs } from './rotate.js';

const K1 = randomBytes(16).toString('base64');
const K2 = randomBytes(16).toString('base64');
const A1 = randomBytes(32).toString('base64');

function configured(ctx: AppContext, encryption: Encryption, keys: string, keyId?: string) {
  return {
    ...ctx,
    settings: {
      ...ctx.settings,
      crypto: {
        ...ctx.settings.crypto,
        encryption,
        encryptionKeys: keys,
        encryptionKeyId: keyId,
      },
    },
  };
}

describeStores<Schema>(
  'files encrypted at rest',
  (getStore) => {
    let w: World;
    let c: CaseRow;
    let sm4k1: AppContext;
    const text = () =>
      new TextEncoder().encode(
        `关于招商项目提前开工的情况说明 ${randomBytes(8).toString('hex')}\n`,
      );

    const add = async (ctx: AppContext, content: Uint8Array) => {
      const r = await addEvidence(ctx, w.actors.official!, {
        caseId: c.id,
        expectedVersion: c.version,
        filename: '情况说明.txt',
        mediaType: 'text/plain',
        content,
      });
      c = r.case;
      return r.result;
    };
    const read = (ctx: AppContext, evidenceId: string) =>
      readEvidence(ctx, w.actors.intake!, c.id, evidenceId).then((f) => Buffer.from(f.content));
    const stored = async (sha256: string) => {
      const [row] = await w.ctx.store.db
        .select()
        .from(evidenceBlobs)
        .where(eq(evidenceBlobs.sha256, sha256));
      return row!;
    };
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'read',
        (e: { code?: string }) => e.code,
      );

    beforeAll(async () => {
      w = await buildWorld(getStore());
      c = await driveTo(w, 'submitted');
      sm4k1 = configured(w.ctx, 'sm4', `k1:${K1}`, 'k1');
    }, 60_000);

    it('a stored file is not its plaintext and holds none of it; with the key it reads', async () => {
      const plain = text();
      const f = await add(sm4k1, plain);
      const row = await stored(f.sha256);
      expect(row).toMatchObject({ alg: 'sm4-ctr-hmac-sm3', keyId: 'k1', size: plain.byteLength });
      const bytes = Buffer.from(row.content);
      expect(bytes.byteLength).toBe(plain.byteLength);
      expect(bytes.equals(Buffer.from(plain))).toBe(false);
      for (let i = 0; i + 8 <= plain.byteLength; i += 8) {
        expect(bytes.indexOf(Buffer.from(plain.subarray(i, i + 8)))).toBe(-1);
      }
      expect((await read(sm4k1, f.evidenceId)).equals(Buffer.from(plain))).toBe(true);
    });

    it('without its key it cannot be read: BLOB_KEY_MISSING, not garbage', async () => {
      const f = await add(sm4k1, text());
      expect(await codeOf(read(w.ctx, f.evidenceId))).toBe('BLOB_KEY_MISSING');
      const otherKey = configured(w.ctx, 'sm4', `k2:${K2}`, 'k2');
      expect(await codeOf(read(otherKey, f.evidenceId))).toBe('BLOB_KEY_MISSING');
    });

    it('a correction file is sealed the same way, and read with its key only', async () => {
      const n = await driveTo(w, 'notified');
      await issueCorrection(w.ctx, w.actors.chair!, {
        caseId: n.id,
        expectedVersion: n.version,
        problem: '项目在用地手续完备前组织开工，程序存在瑕疵。',
        requirement: '完善重大项目开工前合规审查制度。',
        actions: [
          {
            task: '提交书面情况说明和整改报告',
            evidenceRequired: '本人签字的整改报告',
            owner: 'official',
            dueDays: 10,
          },
        ],
      });
      const [action] = await w.ctx.store.db
        .select()
        .from(correctionActions)
        .where(eq(correctionActions.caseId, n.id));
      const plain = text();
      await submitCorrection(sm4k1, w.actors.official!, {
        caseId: n.id,
        expectedVersion: (await caseRow(w, n.id)).version,
        actionId: action!.id,
        submission: '已修订开工前审查流程。',
        files: [{ filename: '整改报告.txt', mediaType: 'text/plain', content: plain }],
      });
      const [file] = await w.ctx.store.db
        .select()
        .from(correctionFiles)
        .where(eq(correctionFiles.caseId, n.id));
      const row = await stored(file!.sha256);
      expect(row).toMatchObject({ alg: 'sm4-ctr-hmac-sm3', keyId: 'k1' });
      expect(Buffer.from(row.content).indexOf(Buffer.from(plain.subarray(0, 8)))).toBe(-1);
      const readBy = (ctx: AppContext) =>
        readCorrectionFile(ctx, w.actors.official!, n.id, file!.id).then((f) =>
          Buffer.from(f.content),
        );
      expect((await readBy(sm4k1)).equals(Buffer.from(plain))).toBe(true);
      expect(await codeOf(readBy(w.ctx))).toBe('BLOB_KEY_MISSING');
    });

    it('a changed byte of the ciphertext, or of its tag, is refused (BLOB_INTEGRITY)', async () => {
      const f = await add(sm4k1, text());
      const row = await stored(f.sha256);
      const flipped = Buffer.from(row.content);
      flipped[3]! ^= 0x20;
      await w.ctx.store.db
        .update(evidenceBlobs)
        .set({ content: flipped })
        .where(eq(evidenceBlobs.sha256, f.sha256));
      expect(await codeOf(read(sm4k1, f.evidenceId))).toBe('BLOB_INTEGRITY');
      const tag = Buffer.from(row.tag!);
      tag[0]! ^= 1;
      await w.ctx.store.db
        .update(evidenceBlobs)
        .set({ content: row.content, tag })
        .where(eq(evidenceBlobs.sha256, f.sha256));
      expect(await codeOf(read(sm4k1, f.evidenceId))).toBe('BLOB_INTEGRITY');
      await w.ctx.store.db
        .update(evidenceBlobs)
        .set({ tag: row.tag })
        .where(eq(evidenceBlobs.sha256, f.sha256));
      expect(await codeOf(read(sm4k1, f.evidenceId))).toBe('read');
    });

    it('rotation: new files take the new key at once, old ones are re-encrypted, then the old key may go', async () => {
      const before = await add(sm4k1, text());
      const clear = text();
      const inClear = await add(w.ctx, clear);
      expect(await stored(inClear.sha256)).toMatchObject({ alg: 'none', keyId: null });
      expect(Buffer.from((await stored(inClear.sha256)).content).equals(Buffer.from(clear))).toBe(
        true,
      );
      const both = configured(w.ctx, 'sm4', `k1:${K1},k2:${K2}`, 'k2');
      const after = await add(both, text());
      expect(await stored(after.sha256)).toMatchObject({ keyId: 'k2' });
      expect(await codeOf(read(both, before.evidenceId))).toBe('read');

      const status0 = await blobStatus(both);
      expect(status0.target).toEqual({ alg: 'sm4-ctr-hmac-sm3', keyId: 'k2' });
      expect(status0.pending).toBeGreaterThan(2);
      const progress: number[] = [];
      const r = await reencryptBlobs(both, {
        batchSize: 2,
        onProgress: (p) => progress.push(p.done),
      });
      expect(r.done).toBe(status0.pending);
      expect(progress.length).toBeGreaterThan(1);
      const status = await blobStatus(both);
      expect(status.pending).toBe(0);
      expect(status.groups.map((g) => g.keyId)).toEqual(['k2']);
      // Run again: nothing to do (resumable, idempotent).
      expect((await reencryptBlobs(both)).done).toBe(0);

      const k2only = configured(w.ctx, 'sm4', `k2:${K2}`, 'k2');
      expect(await codeOf(read(k2only, before.evidenceId))).toBe('read');
      expect((await read(k2only, inClear.evidenceId)).equals(Buffer.from(clear))).toBe(true);
      const now = Buffer.from((await stored(inClear.sha256)).content);
      expect(now.equals(Buffer.from(clear))).toBe(false);
    });

    it('a change of algorithm to AES-256-GCM re-encrypts too, and a tampered blob is refused', async () => {
      const aes = configured(w.ctx, 'aes-256-gcm', `k2:${K2},a1:${A1}`, 'a1');
      const f = await add(aes, text());
      expect(await stored(f.sha256)).toMatchObject({ alg: 'aes-256-gcm', keyId: 'a1' });
      await reencryptBlobs(aes);
      const status = await blobStatus(aes);
      expect(status.groups).toEqual([expect.objectContaining({ alg: 'aes-256-gcm', keyId: 'a1' })]);
      const row = await stored(f.sha256);
      const flipped = Buffer.from(row.content);
      flipped[0]! ^= 1;
      await w.ctx.store.db
        .update(evidenceBlobs)
        .set({ content: flipped })
        .where(eq(evidenceBlobs.sha256, f.sha256));
      expect(await codeOf(read(aes, f.evidenceId))).toBe('BLOB_INTEGRITY');
      // Re-encryption refuses it too, rather than sealing altered content afresh.
      const back = configured(w.ctx, 'sm4', `k2:${K2},a1:${A1}`, 'k2');
      expect(await codeOf(reencryptBlobs(back))).toBe('BLOB_INTEGRITY');
      await w.ctx.store.db
        .update(evidenceBlobs)
        .set({ content: row.content })
        .where(eq(evidenceBlobs.sha256, f.sha256));
      expect((await reencryptBlobs(back)).done).toBeGreaterThan(0);
      expect(await codeOf(read(back, f.evidenceId))).toBe('read');
    });

    it('the running server re-encrypts in the background: the job blobs.reencrypt', async () => {
      const k3 = configured(w.ctx, 'sm4', `k2:${K2},k3:${K1}`, 'k3');
      expect((await blobStatus(k3)).pending).toBeGreaterThan(0);
      expect(await scheduleReencrypt(k3)).toBe(true);
      expect(await scheduleReencrypt(k3)).toBe(false); // once a day per key
      const summary = await new JobRunner(k3, JOB_HANDLERS).runOnce();
      expect(summary).toMatchObject({ done: 1, failures: [] });
      expect((await blobStatus(k3)).pending).toBe(0);
      expect(await scheduleReencrypt(w.ctx)).toBe(false); // encryption off: nothing to schedule
    });

    it('the status names a key the ring lacks', async () => {
      const none = configured(w.ctx, 'none', '');
      const s = await blobStatus(none);
      expect(s.target).toEqual({ alg: 'none', keyId: null });
      expect(s.missingKeys).toEqual(['k3']);
      expect(s.pending).toBe(s.groups.reduce((n, g) => n + g.blobs, 0));
    });
  },
  { open: { schema } },
);
