/**
 * One-time-code secrets under the key ring (secret-store.ts, migration 0037), on both stores:
 * sealed when a key is configured and still checked at sign-in's second step, read across a key
 * rotation, moved under the new key by the re-encryption the job and `rongcuo keys rotate` run,
 * and refused when copied to another user's row.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Encryption } from '../../config/areas/crypto.js';
import { describeStores } from '../../store/testing/harness.js';
import { scheduleReencrypt } from '../blobs/job.js';
import { blobStatus } from '../blobs/rotate.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { JOB_HANDLERS } from '../jobs/handlers.js';
import { JobRunner } from '../jobs/runner.js';
import { schema, type Schema } from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { checkAnswer } from './enrol.js';
import { confirmOwnEnrolment, startOwnEnrolment } from './own.js';
import { reencryptTotpSecrets } from './secret-store.js';
import { totpSecrets } from './tables.js';
import { codeAt } from './totp.js';

const K1 = randomBytes(16).toString('base64');
const K2 = randomBytes(16).toString('base64');
const A1 = randomBytes(32).toString('base64');

function configured(ctx: AppContext, encryption: Encryption, keys: string, keyId?: string) {
  return {
    ...ctx,
    settings: {
      ...ctx.settings,
      crypto: { ...ctx.settings.crypto, encryption, encryptionKeys: keys, encryptionKeyId: keyId },
    },
  };
}

describeStores<Schema>(
  'one-time-code secrets under the key ring',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    }, 60_000);

    const stored = async (userId: string) => {
      const [row] = await w.ctx.store.db
        .select()
        .from(totpSecrets)
        .where(eq(totpSecrets.userId, userId));
      return row!;
    };
    /** The second step of sign-in: the answer checked against the stored secret. */
    const answer = (ctx: AppContext, userId: string, secret: string) => {
      w.clock.instant = new Date(w.clock.instant.getTime() + 30_000);
      return ctx.store.tx((tx) => checkAnswer(ctx, tx, userId, codeAt(secret, ctx.now())));
    };
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );

    let secret = '';
    it('with a key the stored column holds no base32 secret, and the codes still sign in', async () => {
      const sm4k1 = configured(w.ctx, 'sm4', `k1:${K1}`, 'k1');
      const me = w.actors.investigator!;
      secret = (await startOwnEnrolment(sm4k1, me)).secret;
      w.clock.instant = new Date(w.clock.instant.getTime() + 30_000);
      await confirmOwnEnrolment(sm4k1, me, codeAt(secret, w.clock.now()));
      const row = await stored(me.userId);
      expect(row).toMatchObject({ alg: 'sm4-ctr-hmac-sm3', keyId: 'k1' });
      expect(row.secret).not.toContain(secret);
      expect(Buffer.from(row.secret, 'base64').toString('latin1')).not.toContain(secret);
      expect(await answer(sm4k1, me.userId, secret)).toBe('totp');
      // Without encryption a secret is kept as its text, as blobs are kept in clear.
      const plain = (await startOwnEnrolment(w.ctx, w.actors.liaison!)).secret;
      expect(await stored(w.actors.liaison!.userId)).toMatchObject({ alg: 'none', secret: plain });
    });

    it('a rotation: read under the old key while it is in the ring, re-encrypted, then read under the new one alone', async () => {
      const me = w.actors.investigator!;
      const both = configured(w.ctx, 'sm4', `k1:${K1},k2:${K2}`, 'k2');
      expect(await answer(both, me.userId, secret)).toBe('totp');
      const before = await blobStatus(both);
      expect(before.secretsPending).toBeGreaterThanOrEqual(2); // k1, and the one in clear
      const k2only = configured(w.ctx, 'sm4', `k2:${K2}`, 'k2');
      expect(await codeOf(answer(k2only, me.userId, secret))).toBe('TOTP_SECRET_UNREADABLE');
      expect(await reencryptTotpSecrets(both)).toBe(before.secretsPending);
      expect(await stored(me.userId)).toMatchObject({ keyId: 'k2' });
      expect(await stored(w.actors.liaison!.userId)).toMatchObject({ keyId: 'k2' });
      expect((await blobStatus(both)).secretsPending).toBe(0);
      expect(await reencryptTotpSecrets(both)).toBe(0);
      expect(await answer(k2only, me.userId, secret)).toBe('totp');
    });

    it('the background job re-encrypts them with the files; a key they use is not offered for removal', async () => {
      const me = w.actors.investigator!;
      const aes = configured(w.ctx, 'aes-256-gcm', `k2:${K2},a1:${A1}`, 'a1');
      const status = await blobStatus(aes);
      expect(status.secrets).toEqual([expect.objectContaining({ keyId: 'k2' })]);
      expect(await scheduleReencrypt(aes)).toBe(true);
      expect(await new JobRunner(aes, JOB_HANDLERS).runOnce()).toMatchObject({ failures: [] });
      expect(await stored(me.userId)).toMatchObject({ alg: 'aes-256-gcm', keyId: 'a1' });
      expect(await answer(aes, me.userId, secret)).toBe('totp');
      // A ring without the key the secrets use names it as missing.
      expect((await blobStatus(configured(w.ctx, 'none', ''))).missingKeys).toContain('a1');
    });

    it('a sealed secret copied to another user’s row is refused', async () => {
      const me = w.actors.investigator!;
      const other = w.actors.liaison!;
      const aes = configured(w.ctx, 'aes-256-gcm', `a1:${A1}`, 'a1');
      const { userId: _mine, ...mine } = await stored(me.userId);
      await w.ctx.store.db
        .update(totpSecrets)
        .set(mine)
        .where(eq(totpSecrets.userId, other.userId));
      expect(await codeOf(answer(aes, other.userId, secret))).toBe('TOTP_SECRET_UNREADABLE');
    });
  },
  { open: { schema } },
);
