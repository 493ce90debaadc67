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
    // Each worker keeps its modules from one test file to the next instead of loading the app
    // again for each (its packs compiled, its schema, drizzle, Fastify): twelve store test files
    // took 42.6 s of CPU isolated and 19.8 s not (2026-12-05). A test file must therefore leave
    // no global state behind: no module-level mutation, env stubs undone (vi.unstubAllEnvs),
    // fake timers restored.
    isolate: false,
  },
});
