/**
 * The HTTP server under test, in a process of its own (so that the load generator does not share
 * its event loop): opens the app on the bench schema and listens on a free port of 127.0.0.1.
 * Prints one JSON line {"url": …} when listening; stops on SIGTERM.
 *
 *   DATABASE_URL=… BENCH_SCHEMA=… node dist/bench/api/server-child.js
 */
import { openApp } from '../../src/app/bootstrap.js';
import { startServer } from '../../src/server/index.js';

const databaseUrl = process.env['DATABASE_URL'];
const searchPath = process.env['BENCH_SCHEMA'];
if (!databaseUrl || !searchPath) {
  process.stderr.write('server-child: DATABASE_URL and BENCH_SCHEMA are required\n');
  process.exit(2);
}
const app = await openApp({ databaseUrl, searchPath, migrate: false });
const server = await startServer(app.ctx, { port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
const stop = async () => {
  await server.close().catch(() => undefined);
  await app.close().catch(() => undefined);
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
