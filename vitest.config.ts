import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'packs/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default on this 2-core machine is one worker (cores − 1); most tests wait on
    // PostgreSQL, PGlite or Chromium, so two workers shorten the suite (measured in CHANGELOG).
    maxWorkers: 2,
  },
});
