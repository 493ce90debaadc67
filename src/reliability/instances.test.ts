/**
 * Three app instances on one PostgreSQL (issue 14): no lost write behind a round-robin client,
 * one of three simultaneous accepts of a case succeeds, sessions work across instances, the
 * sign-in rate limit and lockout count across them, each job runs once. PostgreSQL only (the
 * embedded store is one process's).
 */
import { describe, expect, it } from 'vitest';
import {
  createTestSchema,
  POSTGRES_SKIP_REASON,
  testDatabaseUrl,
} from '../store/testing/harness.js';
import { checkInstances } from './instances.js';

describe('several instances on one PostgreSQL', () => {
  it.skipIf(!testDatabaseUrl)(
    `share writes, sessions, sign-in limits and jobs${testDatabaseUrl ? '' : ` (${POSTGRES_SKIP_REASON})`}`,
    async () => {
      const schema = await createTestSchema(testDatabaseUrl!);
      try {
        const r = await checkInstances({
          databaseUrl: testDatabaseUrl!,
          searchPath: schema.name,
          instances: 3,
          writers: 6,
          writesEach: 5,
          races: 5,
          jobs: 30,
        });
        expect(r.acknowledgedWrites, JSON.stringify(r)).toBe(30);
        expect(r.lostWrites).toBe(0);
        expect(r.races).toBe(5);
        expect(r.racesBroken).toBe(0);
        expect(r.sessionsShared).toBe(true);
        expect(r.rateLimitedAtAttempt).toBe(r.rateLimitMax + 1);
        expect(r.lockoutShared).toBe(true);
        expect(r.jobsRunOnce).toBe(30);
        expect(r.jobsRunTwice).toBe(0);
        // Every instance took part (batches of 3 among 30 jobs).
        expect(r.jobsByInstance.filter((n) => n > 0).length).toBeGreaterThan(1);
      } finally {
        await schema.drop();
      }
    },
    85_000,
  );
});
