import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const hooks = path.join(here, '..', 'store', 'testing', 'ts-hooks.ts');
const childScript = path.join(here, 'testing', 'read-log-child.ts');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rongcuo-read-log-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

describe('the read log on the embedded store', () => {
  it('keeps every row of reads that were answered when the process is killed (kill -9)', async () => {
    const dir = path.join(tmpRoot, 'store');
    const child = spawn(
      process.execPath,
      ['--no-warnings', '--import', hooks, childScript, dir, '300'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const report = await new Promise<{ userId: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as { userId: string });
      });
      void exited.then(() => reject(new Error(`child exited without a report: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await exited;
    const store = await openStore({ dataDir: dir });
    try {
      const r = await store.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM read_log WHERE user_id = $1',
        [report.userId],
      );
      expect(r.rows[0]!.n).toBe(300);
    } finally {
      await store.close();
    }
  }, 120_000);
});
