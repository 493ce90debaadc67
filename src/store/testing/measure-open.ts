/**
 * Measures opening the embedded store: a first run (initdb) and later runs on the existing data
 * directory, each open + migrate check, in a fresh process each time so that module loading and
 * WASM compilation count.
 *
 *   node --no-warnings --import ./src/store/testing/ts-hooks.ts src/store/testing/measure-open.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const processStart = performance.timeOrigin;

if (process.argv[2] === '--child') {
  const t0 = performance.now();
  const { openStore } = await import('../store.js');
  const { migrate } = await import('../migrate.js');
  const t1 = performance.now();
  const store = await openStore({ dataDir: process.argv[3] });
  const t2 = performance.now();
  const m = await migrate(store);
  const t3 = performance.now();
  await store.close();
  const t4 = performance.now();
  process.stdout.write(
    JSON.stringify({
      sinceProcessStart: Math.round(Date.now() - processStart),
      importMs: Math.round(t1 - t0),
      openMs: Math.round(t2 - t1),
      migrateMs: Math.round(t3 - t2),
      applied: m.applied.length,
      closeMs: Math.round(t4 - t3),
    }) + '\n',
  );
} else {
  const runs = Number(process.argv[2] ?? 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongcuo-measure-'));
  const self = fileURLToPath(import.meta.url);
  const hooks = path.join(path.dirname(self), 'ts-hooks.ts');
  try {
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const r = spawnSync(
        process.execPath,
        ['--no-warnings', '--import', hooks, self, '--child', dir],
        {
          encoding: 'utf8',
        },
      );
      const wall = Math.round(performance.now() - t);
      process.stdout.write(
        `${i === 0 ? 'first run' : `run ${i}`}: wall ${wall} ms ${r.stdout.trim()} ${r.stderr.trim()}\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
