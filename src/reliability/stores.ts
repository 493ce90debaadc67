/**
 * Stores for the harness's servers in other processes: a temporary PGlite data directory or a
 * temporary PostgreSQL database (created and dropped), how `rongcuo` is pointed at each, and the
 * `rongcuo` CLI itself (bin/rongcuo.js, which runs the build in dist/).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type StoreTarget =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string };

export interface TempStore {
  readonly target: StoreTarget;
  remove(): Promise<void>;
}

/** The repository root, from src/reliability/ or dist/src/reliability/. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const RONGCUO_BIN = join(repoRoot(), 'bin', 'rongcuo.js');
/** Whether the CLI is built (bin/rongcuo.js runs dist/). */
export const CLI_BUILT = existsSync(join(repoRoot(), 'dist', 'src', 'cli', 'main.js'));

export async function tempStore(
  kind: StoreTarget['kind'],
  postgresUrl?: string,
): Promise<TempStore> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'rongcuo-reliability-'));
    return {
      target: { kind, dataDir },
      remove: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('a PostgreSQL store needs DATABASE_URL');
  const name = `rongcuo_rel_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind, databaseUrl: url.toString() },
    remove: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The arguments and environment that point `rongcuo` at `target`. */
export function storeArgs(target: StoreTarget): { args: string[]; env: NodeJS.ProcessEnv } {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return target.kind === 'pglite'
    ? { args: ['--data', target.dataDir], env }
    : { args: [], env: { ...env, DATABASE_URL: target.databaseUrl } };
}

/** `rongcuo audit verify` on the store: its exit code and output. */
export function auditVerify(target: StoreTarget): { code: number | null; output: string } {
  const { args, env } = storeArgs(target);
  const r = spawnSync(process.execPath, [RONGCUO_BIN, 'audit', 'verify', ...args, '--lang', 'en'], {
    env,
    encoding: 'utf8',
  });
  return { code: r.status, output: (r.stdout + r.stderr).trim() };
}

export interface ServerChild {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  /** SIGKILL: no shutdown of any kind. */
  kill(): Promise<void>;
  /** SIGTERM, and waits for a clean exit; its code. */
  stop(): Promise<number | null>;
}

/** `rongcuo serve` on `target` (a free port, no demo, no job runner); waits for its URL. */
export function startServe(target: StoreTarget, timeoutMs = 90_000): Promise<ServerChild> {
  const { args, env } = storeArgs(target);
  const child = spawn(
    process.execPath,
    [RONGCUO_BIN, 'serve', ...args, '--port', '0', '--no-demo', '--no-jobs', '--lang', 'en'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rongcuo serve did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`rongcuo serve exited (${code}) before serving: ${stderr}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /serving at (http:\/\/[^\s]+)/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        url: m[1]!,
        pid: child.pid!,
        child,
        stderr: () => stderr,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
