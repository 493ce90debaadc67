/**
 * The soak, small: 8 s of mixed load from four clients on `rongcuo serve` (the built CLI) over
 * PGlite, after 5 s of warm-up. No request fails, and the server's memory does not keep growing.
 * The full run (`npm run test:reliability`) soaks for minutes.
 */
import { describe, expect, it } from 'vitest';
import { migratedPgliteTemplate } from '../store/testing/harness.js';
import { soak } from './soak.js';
import { CLI_BUILT, tempStore } from './stores.js';

/** RSS growth allowed over a short soak: the store's caches still fill in the first minute. */
const RSS_GROWTH_BOUND_MB = 120;

describe.skipIf(!CLI_BUILT)('the soak (small; needs a build)', () => {
  it('answers a steady mixed load without errors and without runaway memory', async () => {
    const store = await tempStore('pglite');
    try {
      const r = await soak({
        target: store.target,
        seconds: 8,
        warmupSeconds: 5,
        clients: 4,
        seed: 3,
        pgliteDump: await migratedPgliteTemplate(),
      });
      expect(r.errors, JSON.stringify(r.errorSamples)).toBe(0);
      expect(r.requests).toBeGreaterThan(15);
      for (const op of ['open', 'read', 'list', 'me'])
        expect(r.byOperation[op], op).toBeGreaterThan(0);
      expect(r.rssMb.growth, JSON.stringify(r.rssMb)).toBeLessThan(RSS_GROWTH_BOUND_MB);
      expect(r.latencyMs.p50).toBeLessThanOrEqual(r.latencyMs.p99);
    } finally {
      await store.remove();
    }
  }, 85_000);
});
