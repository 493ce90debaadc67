/**
 * The PostgreSQL pool takes its size and statement timeout from the settings
 * (RONGCUO_PG_POOL_MAX, RONGCUO_PG_STATEMENT_TIMEOUT_MS) through openApp.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../config/index.js';
import { tempDatabase, testDatabaseUrl } from '../cli/testing/run.js';
import { sqlState } from '../store/errors.js';
import { openApp } from './bootstrap.js';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
}, 60_000);

describe('the PostgreSQL pool', () => {
  it.skipIf(!testDatabaseUrl)(
    'opens at most RONGCUO_PG_POOL_MAX connections and cancels a statement over the timeout',
    async () => {
      const db = await tempDatabase(testDatabaseUrl!);
      drops.push(db.drop);
      const base = defaultSettings();
      const app = await openApp({
        databaseUrl: db.url,
        settings: { ...base, server: { ...base.server, pgPoolMax: 2, pgStatementTimeoutMs: 500 } },
      });
      try {
        // Six statements at once, each counting this database's rongcuo connections.
        const counts = await Promise.all(
          Array.from({ length: 6 }, () =>
            app.store.query<{ n: number }>(
              `SELECT count(*)::int AS n, pg_sleep(0.05) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'rongcuo'`,
            ),
          ),
        );
        expect(Math.max(...counts.map((r) => r.rows[0]!.n))).toBeLessThanOrEqual(2);
        const slow = await app.store.query(`SELECT pg_sleep(5)`).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(sqlState(slow)).toBe('57014');
      } finally {
        await app.close();
      }
    },
    120_000,
  );
});
