/**
 * Cold start on the embedded store: `rongcuo serve --data <dir> --port <free>` once to create the
 * store and seed the demo, stopped; then started again (the store exists, nothing to seed) and
 * timed from spawn to the first 200 from /api/health, several times.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { httpRequest } from './http.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ port: 0, host: '127.0.0.1' }, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServeRun {
  /** Spawn → first 200 from /api/health, ms. */
  readonly readyMs: number;
  /** What the server itself says ("Ready N ms after the process started"), if printed. */
  readonly selfReportedMs: number | null;
}

/**
 * Spawns serve and polls /api/health every 10 ms until it answers 200; then stops it (SIGTERM) and
 * waits for the exit (which releases the store's directory lock).
 */
async function serveOnce(bin: string, dataDir: string, timeoutMs: number): Promise<ServeRun> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const agent = new Agent({ keepAlive: false });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`serve exited early (${child.exitCode}): ${out}`);
      if (performance.now() - t0 > timeoutMs) {
        throw new Error(`serve did not answer /api/health in ${timeoutMs} ms: ${out}`);
      }
      const ok = await httpRequest(agent, `http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const readyMs = performance.now() - t0;
    const m = /(?:Ready|自进程启动) (\d+) ms/.exec(out);
    return { readyMs: Math.round(readyMs), selfReportedMs: m ? Number(m[1]) : null };
  } finally {
    agent.destroy();
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0 && code !== null) {
      // A stop that did not go cleanly is worth knowing, but the timing above stands.
      process.stderr.write(`bench: serve exited with ${code} after SIGTERM\n`);
    }
  }
}

export interface ColdStart {
  readonly firstStartMs: number;
  readonly runs: readonly ServeRun[];
}

export async function measureColdStart(bin: string, repeats: number): Promise<ColdStart> {
  const dir = mkdtempSync(join(tmpdir(), 'rongcuo-bench-serve-'));
  try {
    // First start: creates the PGlite store, migrates and seeds the demo.
    const first = await serveOnce(bin, dir, 600_000);
    const runs: ServeRun[] = [];
    for (let i = 0; i < repeats; i++) runs.push(await serveOnce(bin, dir, 60_000));
    return { firstStartMs: first.readyMs, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
