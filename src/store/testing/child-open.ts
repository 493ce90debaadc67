/**
 * A second process for the lock tests: opens the store on a data directory and reports on stdout,
 * one JSON line. Modes: `try` (open, report, close), `hold` (open, write a row, report, wait to be
 * killed), `exit` (open, report, exit without closing).
 *
 *   node --import ./src/store/testing/ts-hooks.ts src/store/testing/child-open.ts DIR MODE
 */
import { isStoreError } from '../errors.js';
import { migrate } from '../migrate.js';
import { openStore } from '../store.js';

const [dir, mode = 'try'] = process.argv.slice(2);
const say = (v: unknown) => process.stdout.write(JSON.stringify(v) + '\n');

try {
  const store = await openStore({ dataDir: dir });
  if (mode === 'hold') {
    await migrate(store);
    await store.query(`INSERT INTO store_meta (key, value) VALUES ('child_pid', $1)`, [
      String(process.pid),
    ]);
  }
  say({ ok: true, pid: process.pid, warnings: store.warnings });
  if (mode === 'try') await store.close();
  else if (mode === 'exit') process.exit(0);
  else setInterval(() => undefined, 60_000);
} catch (e) {
  say(
    isStoreError(e)
      ? { ok: false, pid: process.pid, code: e.code, text: e.text, details: e.details }
      : { ok: false, pid: process.pid, error: String(e) },
  );
  process.exitCode = 1;
}
