/**
 * The API fuzz, small: every operation of /api/openapi.json at least twice, plausible and hostile
 * requests from ten roles, on both stores. No answer may be a 5xx; every error answer is in the
 * catalogue's shape. The full run (`npm run test:reliability`) sends thousands.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Schema } from '../app/tables.js';
import { describeStores } from '../store/testing/harness.js';
import { buildServer } from '../server/server.js';
import { freshIp } from '../server/testing/http.js';
import { injectSender, type Send } from './client.js';
import { fuzzApi, HOSTILE_KINDS } from './fuzz.js';
import { buildFuzzWorld, fuzzUsers } from './world.js';
import type { World } from '../app/testing/world.js';

describeStores<Schema>('the API fuzz (small)', (getStore) => {
  let w: World;
  let send: Send;
  beforeAll(async () => {
    w = await buildFuzzWorld(getStore());
    const app = await buildServer(w.ctx, { checkResponses: true });
    await app.ready();
    send = injectSender(app);
    return () => app.close();
  }, 60_000);

  it('answers every operation, plausible or hostile, below 500 and in the catalogue shape', async () => {
    const report = await fuzzApi({
      send,
      users: fuzzUsers(w),
      requests: 250,
      now: w.ctx.now,
      seed: 14,
      address: freshIp,
    });
    expect(report.findings, JSON.stringify(report.findings, null, 1)).toEqual([]);
    expect(report.serverErrors).toBe(0);
    expect(report.operations).toBeGreaterThan(100);
    expect(report.requests).toBeGreaterThan(250);
    // It did reach the routes: some requests succeeded, and the hostile ones were refused.
    expect(report.byStatus['200']).toBeGreaterThan(50);
    for (const k of HOSTILE_KINDS) expect(report.byKind[k], k).toBeGreaterThan(0);
    expect(report.errorCodes).toEqual(
      expect.arrayContaining(['CSRF_INVALID', 'INPUT_NUL_CHARACTER', 'VALIDATION']),
    );
  }, 80_000);
});
