/**
 * An exclusive lock on a data directory, for PGlite, which does not lock its directory itself: two
 * processes on one directory would silently lose writes.
 *
 * The lock is a file `<dir>/store.lock` holding JSON (pid, hostname, process start, time, token).
 * It is created atomically with its content (written to a private temporary file, then
 * hard-linked into place, which fails if the lock exists). A lock whose process is gone on this
 * host is stale and is taken over, under a short-lived second lock so that two processes never
 * both take over. Locks are released on `release()` and, best effort, when the process exits.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname as osHostname } from 'node:os';
import * as path from 'node:path';
import { storeError, type StoreWarning } from './errors.js';

export const LOCK_FILE = 'store.lock';

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** ISO time the lock was taken. */
  readonly startedAt: string;
  /** Start time of the process in clock ticks since boot (Linux /proc), to detect pid reuse. */
  readonly procStart: string | null;
  readonly token: string;
}

export interface DirLock {
  readonly dir: string;
  readonly file: string;
  readonly holder: LockHolder;
  /** Set when a stale lock was taken over. */
  readonly warning: StoreWarning | undefined;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Locks of this process, by token → lock file: held, or being created (a token is added before
 * its file can appear, so a lock file with this pid and a token not here is from another process).
 * Released on exit.
 */
const held = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [token, file] of held) releaseSync(file, token);
    held.clear();
  });
}

function releaseSync(file: string, token: string): void {
  try {
    const current = parseHolder(fs.readFileSync(file, 'utf8'));
    if (current?.token === token) fs.unlinkSync(file);
  } catch {
    // best effort
  }
}

export function processStartTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Field 22 of /proc/<pid>/stat; `rest` starts at field 3.
    return rest[19] ?? null;
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof v.pid === 'number' &&
      typeof v.hostname === 'string' &&
      typeof v.token === 'string' &&
      typeof v.startedAt === 'string'
    ) {
      return {
        pid: v.pid,
        hostname: v.hostname,
        startedAt: v.startedAt,
        procStart: typeof v.procStart === 'string' ? v.procStart : null,
        token: v.token,
      };
    }
  } catch {
    // fall through
  }
  return undefined;
}

type Liveness =
  | { alive: true; reason: 'this-process' | 'running' | 'other-host' }
  | { alive: false; reason: 'dead' | 'pid-reused' | 'unreadable' };

function judge(holder: LockHolder | undefined, file: string): Liveness {
  if (!holder) return { alive: false, reason: 'unreadable' };
  if (holder.hostname !== osHostname()) return { alive: true, reason: 'other-host' };
  if (holder.pid === process.pid) {
    // Ours if this process holds it; otherwise left by an earlier process with the same pid
    // (common in containers, where the server is often pid 1).
    return held.get(holder.token) === file
      ? { alive: true, reason: 'this-process' }
      : { alive: false, reason: 'pid-reused' };
  }
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false, reason: 'dead' };
  }
  if (holder.procStart !== null) {
    const now = processStartTicks(holder.pid);
    if (now !== null && now !== holder.procStart) return { alive: false, reason: 'pid-reused' };
  }
  return { alive: true, reason: 'running' };
}

function lockedError(dir: string, file: string, holder: LockHolder, reason: string): Error {
  const where = reason === 'other-host' ? ` on host ${holder.hostname}` : '';
  const whereZh = reason === 'other-host' ? `（主机 ${holder.hostname}）` : '';
  const self = reason === 'this-process';
  return storeError(
    'STORE_LOCKED',
    self
      ? `数据目录 ${dir} 已被本进程（pid ${holder.pid}）打开。同一目录只能打开一个存储：请复用已打开的存储，或先关闭它。`
      : `数据目录 ${dir} 正被另一个进程使用：pid ${holder.pid}${whereZh}，自 ${holder.startedAt} 起。` +
          `两个进程同时使用一个目录会丢失数据。请先停止该进程，或换用其他数据目录。` +
          (reason === 'other-host'
            ? `无法检查其他主机上的进程；若确认它已不在运行，请删除锁文件 ${file}。`
            : ''),
    self
      ? `The data directory ${dir} is already open in this process (pid ${holder.pid}). A directory can be opened by one store only: reuse the open store or close it first.`
      : `The data directory ${dir} is in use by another process: pid ${holder.pid}${where}, since ${holder.startedAt}. ` +
          `Two processes on one directory lose data. Stop that process first, or use another data directory.` +
          (reason === 'other-host'
            ? ` A process on another host cannot be checked; if you are sure it is no longer running, delete the lock file ${file}.`
            : ''),
    { dir, lockFile: file, pid: holder.pid, hostname: holder.hostname, since: holder.startedAt },
  );
}

function dirError(dir: string, action: string, e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  return storeError(
    'STORE_DATA_DIR',
    `无法${action === 'create' ? '创建' : '使用'}数据目录 ${dir}：${msg}。请检查路径与权限。`,
    `Cannot ${action} the data directory ${dir}: ${msg}. Check the path and its permissions.`,
    { dir },
    e,
  );
}

function staleWarning(
  dir: string,
  holder: LockHolder | undefined,
  reason: 'dead' | 'pid-reused' | 'unreadable',
): StoreWarning {
  const pid = holder?.pid;
  const since = holder?.startedAt;
  const why =
    reason === 'pid-reused'
      ? { zh: '其进程号已被另一进程复用', en: 'its pid now belongs to another process' }
      : reason === 'dead'
        ? { zh: '该进程已不存在', en: 'that process is gone' }
        : { zh: '锁文件无法读取', en: 'the lock file was unreadable' };
  return {
    code: 'STORE_LOCK_STALE',
    message: {
      zh: `已接管数据目录 ${dir} 的过期锁（原持有者 pid ${pid ?? '未知'}，自 ${since ?? '未知'} 起；${why.zh}）。上次可能未正常关闭，PostgreSQL 会自动恢复已提交的数据。`,
      en: `Took over the stale lock of the data directory ${dir} (held by pid ${pid ?? 'unknown'} since ${since ?? 'unknown'}; ${why.en}). The last run probably did not shut down cleanly; PostgreSQL recovers committed data by itself.`,
    },
  };
}

async function ageMs(file: string): Promise<number> {
  try {
    return Date.now() - (await fs.promises.stat(file)).mtimeMs;
  } catch {
    return Infinity;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Takes the lock of `dir` (created if missing), or throws STORE_LOCKED / STORE_DATA_DIR. */
export async function lockDir(dirIn: string): Promise<DirLock> {
  const dir = path.resolve(dirIn);
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (e) {
    throw dirError(dir, 'create', e);
  }
  const file = path.join(dir, LOCK_FILE);
  const takeoverFile = `${file}.takeover`;
  const me: LockHolder = {
    pid: process.pid,
    hostname: osHostname(),
    startedAt: new Date().toISOString(),
    procStart: processStartTicks(process.pid),
    token: randomBytes(12).toString('hex'),
  };
  const body = JSON.stringify(me, null, 2) + '\n';

  /** Atomically creates the lock file with our content; false if it exists. */
  const tryCreate = async (): Promise<boolean> => {
    const tmp = `${file}.${process.pid}.${me.token}.tmp`;
    try {
      await fs.promises.writeFile(tmp, body, { flag: 'wx' });
      try {
        await fs.promises.link(tmp, file);
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
        // No hard links on this file system: create exclusively, then write. A reader may see
        // the file empty for a moment; it waits for it (see below) instead of taking it over.
        try {
          await fs.promises.writeFile(file, body, { flag: 'wx' });
          return true;
        } catch (e2) {
          if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
          throw e2;
        }
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    } catch (e) {
      throw dirError(dir, 'use', e);
    }
  };

  const readCurrent = async (): Promise<{ text: string } | undefined> => {
    try {
      return { text: await fs.promises.readFile(file, 'utf8') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw dirError(dir, 'use', e);
    }
  };

  const done = (warning: StoreWarning | undefined): DirLock => {
    installExitHook();
    let released = false;
    return {
      dir,
      file,
      holder: me,
      warning,
      async release() {
        if (released) return;
        released = true;
        held.delete(me.token);
        const cur = await readCurrent().catch(() => undefined);
        if (cur && parseHolder(cur.text)?.token === me.token) {
          await fs.promises.rm(file, { force: true });
        }
      },
    };
  };

  held.set(me.token, file);
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await tryCreate()) return done(undefined);
      const cur = await readCurrent();
      if (!cur) continue; // released meanwhile: try again
      const holder = parseHolder(cur.text);
      if (!holder && (await ageMs(file)) < 2_000) {
        await sleep(50); // probably being written: look again
        continue;
      }
      const live = judge(holder, file);
      if (live.alive) throw lockedError(dir, file, holder!, live.reason);

      // Stale. Take it over under a second, short-lived lock.
      try {
        await fs.promises.writeFile(takeoverFile, body, { flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw dirError(dir, 'use', e);
        // Someone else is taking over; a takeover file older than 10 s is left by a crash.
        try {
          const st = await fs.promises.stat(takeoverFile);
          if (Date.now() - st.mtimeMs > 10_000) await fs.promises.rm(takeoverFile, { force: true });
        } catch {
          // gone meanwhile
        }
        await sleep(20 + Math.random() * 30);
        continue;
      }
      try {
        const again = await readCurrent();
        if (!again || again.text !== cur.text) continue; // changed meanwhile: judge again
        await fs.promises.rm(file, { force: true });
        if (!(await tryCreate())) continue;
        return done(staleWarning(dir, holder, live.reason));
      } finally {
        await fs.promises.rm(takeoverFile, { force: true });
      }
    }
    throw storeError(
      'STORE_LOCKED',
      `无法取得数据目录 ${dir} 的锁：多个进程正在争用它。`,
      `Could not take the lock of the data directory ${dir}: several processes are contending for it.`,
      { dir, lockFile: file },
    );
  } catch (e) {
    held.delete(me.token);
    throw e;
  }
}
