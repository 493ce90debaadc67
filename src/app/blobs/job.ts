/**
 * The re-encryption of stored files (and of the one-time-code secrets under the same key ring) as
 * a background job (`blobs.reencrypt`), so that a rotation needs no command while the server runs — the embedded store's server holds its lock, and on
 * PostgreSQL one instance of several does it. Every instance schedules it on start when
 * encryption is on; its key names the algorithm, the key and the day, so it runs once a day per
 * target at most and at once after the key changes. The work is `reencryptBlobs` (rotate.ts):
 * batches, resumable, safe to run twice, so a job taken over after its runner died just goes on.
 */
import { today, type AppContext } from '../context.js';
import { scheduleJob, type JobHandler } from '../jobs/runner.js';
import { keyRingOf } from './keyring.js';
import { reencryptBlobs } from './rotate.js';
import { reencryptTotpSecrets } from '../two-factors/secret-store.js';

export const REENCRYPT_KIND = 'blobs.reencrypt';

/** Schedules today's re-encryption under the current key, unless encryption is off. */
export async function scheduleReencrypt(ctx: AppContext): Promise<boolean> {
  const { write } = keyRingOf(ctx.settings.crypto);
  if (!write) return false;
  return scheduleJob(ctx.store.db, {
    kind: REENCRYPT_KIND,
    key: `${REENCRYPT_KIND}:${write.alg}:${write.key.id}:${today(ctx)}`,
    runAt: ctx.now(),
  });
}

export const reencryptJob: JobHandler = async (ctx) => {
  await reencryptBlobs(ctx);
  await reencryptTotpSecrets(ctx);
};
