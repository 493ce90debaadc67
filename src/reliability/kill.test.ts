/**
 * kill -9 under concurrent writers, small: one kill of `rongcuo serve` (the built CLI, in a child
 * process) with four clients opening and accepting applications and reading cases, on both
 * stores. Every acknowledged write is there after the restart, every answered read kept its
 * read-log row, `rongcuo audit verify` exits 0, and on PGlite the killed server's lock is taken
 * over. Needs the build (npm test builds first), like src/cli/bin.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  migratedPgliteTemplate,
  POSTGRES_SKIP_REASON,
  testDatabaseUrl,
} from '../store/testing/harness.js';
import { killRuns } from './kill.js';
import { CLI_BUILT, tempStore } from './stores.js';

if (!CLI_BUILT) {
  console.warn(
    'kill.test.ts: skipped — dist/ is missing; build first with npx tsc -p tsconfig.build.json',
  );
}

describe.skipIf(!CLI_BUILT)('kill -9 under concurrent writers (small; needs a build)', () => {
  for (const kind of ['pglite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !testDatabaseUrl;
    it.skipIf(skip)(
      `${kind}${skip ? ` (${POSTGRES_SKIP_REASON})` : ''}: no acknowledged write or answered read is lost; the audit trail verifies`,
      async () => {
        const store = await tempStore(kind, testDatabaseUrl);
        try {
          const r = await killRuns({
            target: store.target,
            clients: 3,
            runs: 1,
            writesPerRun: 10,
            seed: 9,
            pgliteDump: kind === 'pglite' ? await migratedPgliteTemplate() : undefined,
          });
          expect(r.lostWrites, JSON.stringify(r)).toBe(0);
          expect(r.readsWithoutLogRow, JSON.stringify(r)).toBe(0);
          expect(r.auditVerifyExit, r.auditVerifyOutput).toBe(0);
          expect(r.acknowledgedWrites).toBeGreaterThanOrEqual(10);
          expect(r.answeredReads).toBeGreaterThan(0);
          if (kind === 'pglite') expect(r.staleLocksTakenOver).toBe(1);
        } finally {
          await store.remove();
        }
      },
      85_000,
    );
  }
});
