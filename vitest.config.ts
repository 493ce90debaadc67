import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'packs/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Two workers on this 2-core machine. A browser test keeps the machine about 40 % busy (it
    // mostly waits on the browser's rendering and on the server), so a second worker uses the
    // rest: eight browser files took 258 s in one worker and 184 s in two (2026-12-04).
    maxWorkers: 2,
  },
});
