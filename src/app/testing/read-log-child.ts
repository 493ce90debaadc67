/**
 * A second process for the read-log durability test: opens the embedded store on DIR, migrates
 * it, writes N read-log rows with logRead (the function every read uses), reports on stdout (one
 * JSON line) and waits to be killed.
 *
 *   node --import ./src/store/testing/ts-hooks.ts src/app/testing/read-log-child.ts DIR N
 */
import { randomUUID } from 'node:crypto';
import { migrate } from '../../store/migrate.js';
import { openStore } from '../../store/store.js';
import { logRead } from '../read-log.js';
import { schema } from '../tables.js';

const [dir, count = '10'] = process.argv.slice(2);
const store = await openStore({ dataDir: dir, schema });
await migrate(store);
const userId = randomUUID();
for (let i = 0; i < Number(count); i++) {
  await logRead(store.db, { userId, what: 'case.view', at: new Date() });
}
process.stdout.write(JSON.stringify({ ok: true, pid: process.pid, userId }) + '\n');
setInterval(() => undefined, 60_000);
