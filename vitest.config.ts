import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The order files start in: the browser tests (e2e/) first, then the rest, each group larger file
 * first. The longest files start first, so that no long file starts last and keeps one worker
 * busy while the other has nothing left to do. Without this, a clean clone (CI: no timing cache)
 * starts files in the order of `include`, which put the browser files, the longest of the suite
 * (the journey and the code-word scan take six to eight minutes each), at the end.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (f: TestSpecification) =>
      (f.moduleId.includes('/e2e/') ? 1e9 : 0) + statSync(f.moduleId).size;
    return [...files].sort((a, b) => weight(b) - weight(a));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'packs/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Two workers on this 2-core machine. A browser test keeps the machine about 40 % busy (it
    // mostly waits on the browser's rendering and on the server), so a second worker uses the
    // rest: eight browser files took 258 s in one worker and 184 s in two (2026-12-04). A third
    // does not help: six browser files took 396 s in two and were slower in three, the machine
    // then fully busy with Chromium's renderers (2026-12-05).
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // Each worker keeps its modules from one test file to the next instead of loading the app
    // again for each (its packs compiled, its schema, drizzle, Fastify): twelve store test files
    // took 42.6 s of CPU isolated and 19.8 s not (2026-12-05). A test file must therefore leave
    // no global state behind: no module-level mutation, env stubs undone (vi.unstubAllEnvs),
    // fake timers restored.
    isolate: false,
  },
});
