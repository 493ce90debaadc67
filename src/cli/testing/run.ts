/**
 * Running the CLI in-process for tests, and temporary stores: PGlite directories, and (when
 * DATABASE_URL is set) PostgreSQL databases of their own, created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { run } from '../main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(
  argv: readonly string[],
  opts: { stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : []),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A one-line error on stderr, nothing on stdout, the given exit code, no stack trace. */
export function expectOneLineError(r: CliResult, code: number, ...parts: string[]): void {
  expect(r.code, r.stderr + r.stdout).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^rongcuo: /);
  expect(r.stderr).not.toMatch(/\bat (Object\.|async |new |file:|\/)/);
  expect(r.stderr).not.toContain('internal error');
  for (const p of parts) expect(r.stderr).toContain(p);
}

/** A fresh temporary directory; `remove` deletes it. */
export function tempDir(prefix = 'rongcuo-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const testDatabaseUrl: string | undefined = process.env['DATABASE_URL']?.trim() || undefined;

/** A PostgreSQL database of its own on the server at DATABASE_URL; `drop` removes it. */
export async function tempDatabase(
  url: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rongcuo_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url, application_name: 'rongcuo-test' });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
