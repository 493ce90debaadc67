import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreError } from './errors.js';
import { storeErrorIn } from './errors.js';
import { LOCK_FILE, lockDir, processStartTicks } from './lock.js';
import { migrate } from './migrate.js';
import { openStore } from './store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const hooks = path.join(here, 'testing', 'ts-hooks.ts');
const childScript = path.join(here, 'testing', 'child-open.ts');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rongcuo-lock-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(tmpRoot, `d${++n}`);

interface ChildReport {
  ok: boolean;
  pid: number;
  code?: string;
  text?: { zh: string; en: string };
  details?: Record<string, unknown>;
  warnings?: { code: string; message: { zh: string; en: string } }[];
  error?: string;
}

/** Starts the child on `dir`; resolves with its first report line and a handle. */
function startChild(dir: string, mode: 'try' | 'hold' | 'exit') {
  const child = spawn(
    process.execPath,
    ['--no-warnings', '--import', hooks, childScript, dir, mode],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const report = new Promise<ChildReport>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as ChildReport);
    });
    void exited.then((code) =>
      reject(new Error(`child exited (${code}) without a report: ${stderr}`)),
    );
  });
  return { child, report, exited };
}

async function storeErrorOf(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    const found = storeErrorIn(e);
    if (found) return found;
    throw e;
  }
  throw new Error('expected a StoreError');
}

function writeLock(dir: string, holder: Record<string, unknown>) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder));
}

/** A pid that is not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => c.on('exit', r));
  return c.pid!;
}

describe('lockDir', () => {
  it('creates the lock file with pid, host, time and process start; releases it', async () => {
    const dir = freshDir();
    const lock = await lockDir(dir);
    const file = path.join(dir, LOCK_FILE);
    const body = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(body['procStart']).toBe(processStartTicks(process.pid));
    expect(lock.warning).toBeUndefined();
    await lock.release();
    expect(fs.existsSync(file)).toBe(false);
    await lock.release(); // twice is fine
    expect(fs.readdirSync(dir)).toEqual([]); // no temporary files left
  });

  it('refuses a second lock in the same process', async () => {
    const dir = freshDir();
    const lock = await lockDir(dir);
    const e = await storeErrorOf(lockDir(dir));
    expect(e.code).toBe('STORE_LOCKED');
    expect(e.text.en).toContain('already open in this process');
    expect(e.details['pid']).toBe(process.pid);
    await lock.release();
    await (await lockDir(dir)).release();
  });

  it('takes over the lock of a dead process, with a warning naming it', async () => {
    const dir = freshDir();
    const pid = await deadPid();
    writeLock(dir, {
      pid,
      hostname: os.hostname(),
      startedAt: '2024-01-01T00:00:00.000Z',
      procStart: null,
      token: 'x',
    });
    const lock = await lockDir(dir);
    expect(lock.warning?.code).toBe('STORE_LOCK_STALE');
    expect(lock.warning?.message.en).toContain(`pid ${pid}`);
    expect(lock.warning?.message.zh).toContain(`pid ${pid}`);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    const dir = freshDir();
    // This process's pid, but not this process's lock: left by an earlier process (pid reuse).
    writeLock(dir, {
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: '2024-01-01T00:00:00.000Z',
      procStart: null,
      token: 'old',
    });
    const lock = await lockDir(dir);
    expect(lock.warning?.message.en).toContain('pid now belongs to another process');
    await lock.release();
    // A live pid with another process start time is reused too.
    writeLock(dir, {
      pid: process.ppid,
      hostname: os.hostname(),
      startedAt: '2024-01-01T00:00:00.000Z',
      procStart: '1',
      token: 'old',
    });
    const again = await lockDir(dir);
    expect(again.warning?.code).toBe('STORE_LOCK_STALE');
    await again.release();
  });

  it('takes over an unreadable lock file', async () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), 'garbage');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, LOCK_FILE), old, old);
    const lock = await lockDir(dir);
    expect(lock.warning?.message.en).toContain('unreadable');
    await lock.release();
  });

  it('refuses a lock held on another host, explaining how to clear it', async () => {
    const dir = freshDir();
    writeLock(dir, {
      pid: 1,
      hostname: 'elsewhere.example',
      startedAt: '2024-01-01T00:00:00.000Z',
      procStart: null,
      token: 'x',
    });
    const e = await storeErrorOf(lockDir(dir));
    expect(e.code).toBe('STORE_LOCKED');
    expect(e.text.en).toContain('elsewhere.example');
    expect(e.text.en).toContain('delete the lock file');
    expect(e.text.zh).toContain('删除锁文件');
  });

  it('lets exactly one of many contenders take over a stale lock', async () => {
    const dir = freshDir();
    writeLock(dir, {
      pid: await deadPid(),
      hostname: os.hostname(),
      startedAt: '2024-01-01T00:00:00.000Z',
      procStart: null,
      token: 'x',
    });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => lockDir(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(storeErrorIn(r.reason)?.code).toBe('STORE_LOCKED');
    }
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockDir>>>).value.release();
  });

  it('reports a data directory that cannot be created', async () => {
    const file = path.join(tmpRoot, 'a-file');
    fs.writeFileSync(file, '');
    const e = await storeErrorOf(lockDir(path.join(file, 'sub')));
    expect(e.code).toBe('STORE_DATA_DIR');
  });
});

describe('PGlite data directory lock across processes', () => {
  // One directory, initialised once, shared by the tests below (they run in order).
  const dir = freshDir();
  beforeAll(async () => {
    const store = await openStore({ dataDir: dir });
    await migrate(store);
    await store.close();
  }, 120_000);

  it('refuses a second process while this one has the store open', async () => {
    const store = await openStore({ dataDir: dir });
    try {
      const { report, exited } = startChild(dir, 'try');
      const r = await report;
      expect(r.ok).toBe(false);
      expect(r.code).toBe('STORE_LOCKED');
      expect(r.text!.en).toContain(path.resolve(dir));
      expect(r.text!.en).toContain(`pid ${process.pid}`);
      expect(r.text!.zh).toContain(`pid ${process.pid}`);
      expect(r.text!.zh).toContain(path.resolve(dir));
      expect(r.details).toMatchObject({ pid: process.pid, dir: path.resolve(dir) });
      expect(await exited).toBe(1);
    } finally {
      await store.close();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('lets a second process in once the first has closed', async () => {
    const { report, exited } = startChild(dir, 'try');
    const r = await report;
    expect(r).toMatchObject({ ok: true, warnings: [] });
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('releases the lock when a process exits without closing', async () => {
    const { report, exited } = startChild(dir, 'exit');
    expect((await report).ok).toBe(true);
    await exited;
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over from a killed process, keeping its committed data', async () => {
    const { child, report, exited } = startChild(dir, 'hold');
    const r = await report;
    expect(r.ok).toBe(true);
    // While the child holds it, this process is refused.
    const refused = await storeErrorOf(openStore({ dataDir: dir }));
    expect(refused.code).toBe('STORE_LOCKED');
    expect(refused.details['pid']).toBe(r.pid);

    child.kill('SIGKILL');
    await exited;
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);

    const store = await openStore({ dataDir: dir });
    try {
      expect(store.warnings.map((w) => w.code)).toEqual(['STORE_LOCK_STALE']);
      expect(store.warnings[0]!.message.en).toContain(`pid ${r.pid}`);
      expect((await migrate(store)).applied).toEqual([]);
      const row = await store.query(`SELECT value FROM store_meta WHERE key = 'child_pid'`);
      expect(row.rows).toEqual([{ value: String(r.pid) }]);
    } finally {
      await store.close();
    }
  });
});
