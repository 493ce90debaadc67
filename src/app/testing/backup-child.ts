/**
 * A running server's stand-in for the backup test: opens the embedded store on DIR (holding its
 * lock), builds a test world, listens on <DIR>/backup.sock as `rongcuo serve` does, and keeps
 * writing cases (each with its hash-chained events) until killed. Reports one JSON line on stdout
 * once it has written two.
 *
 *   node --experimental-transform-types --import ./src/store/testing/ts-hooks.ts \
 *     src/app/testing/backup-child.ts DIR
 */
import { listenForBackups } from '../../store/backup-channel.js';
import { openApp } from '../bootstrap.js';
import { driveTo } from './steps.js';
import { buildWorld } from './world.js';

const [dir = ''] = process.argv.slice(2);
const app = await openApp({ dataDir: dir });
const w = await buildWorld(app.store);
await listenForBackups(app.store, {
  appVersion: 'test',
  trailHash: 'sha256',
  onError: (e) => process.stderr.write(`backup failed: ${String((e as Error).stack)}\n`),
});
for (let n = 1; ; n++) {
  await driveTo(w, n % 2 === 0 ? 'verification' : 'submitted');
  // Back to the event loop between cases, as a server is between requests: PGlite answers
  // without I/O, so a loop of nothing but queries would never let the socket be read.
  await new Promise((resolve) => setImmediate(resolve));
  if (n === 2) process.stdout.write(JSON.stringify({ ok: true, pid: process.pid }) + '\n');
}
