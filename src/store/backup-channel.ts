/**
 * How `rongcuo backup` gets a backup of an embedded store that a running server holds (PGlite has
 * one connection and its directory is locked by the server, lock.ts): the server listens on a Unix
 * socket inside the data directory, `<dataDir>/backup.sock` (mode 0600), and answers a request
 * with a backup taken from its own store (backup.ts), so no downtime is needed.
 *
 * The file system is the authentication: whoever may open the socket may read the data directory,
 * and so the data, anyway. The socket takes one request line, `{"op":"backup"}`, and answers one
 * JSON line (`{"ok":true}`, or `{"ok":false,"zh":…,"en":…}`) and then the backup's bytes; the
 * client checks the whole file afterwards (an answer cut short has no end mark).
 */
import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Writable } from 'node:stream';
import { writeBackup, type BackupOptions } from './backup.js';
import { storeError, type StoreText } from './errors.js';
import type { AnySchema, Store } from './store.js';

export const BACKUP_SOCKET = 'backup.sock';

/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

export function backupSocketPath(dataDir: string): string {
  return path.join(dataDir, BACKUP_SOCKET);
}

export interface BackupListener {
  /** The socket's path, or undefined when it could not listen (see `problem`). */
  readonly path: string | undefined;
  /** Why it does not listen, for a warning at start. */
  readonly problem: StoreText | undefined;
  close(): Promise<void>;
}

/**
 * Listens for backup requests on the store's data directory (embedded store only; the caller
 * holds the directory's lock, so a socket file left there is stale and replaced).
 */
export async function listenForBackups<S extends AnySchema>(
  store: Store<S>,
  opts: BackupOptions & { readonly onError?: (e: unknown) => void },
): Promise<BackupListener> {
  if (store.kind !== 'pglite' || !store.dataDir) {
    return { path: undefined, problem: undefined, close: async () => undefined };
  }
  const file = backupSocketPath(store.dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    return {
      path: undefined,
      problem: {
        zh: `数据目录路径过长，无法建立备份通道 ${file}（不超过 ${MAX_SOCKET_PATH} 字节）：运行中无法用 rongcuo backup 备份，请缩短数据目录路径。`,
        en: `The data directory's path is too long for the backup channel ${file} (${MAX_SOCKET_PATH} bytes at most): rongcuo backup cannot back up while the server runs; use a shorter path.`,
      },
      close: async () => undefined,
    };
  }
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let request = '';
    const onData = (d: Buffer): void => {
      request += d.toString('utf8');
      if (request.length > 1024) return void socket.destroy();
      const nl = request.indexOf('\n');
      if (nl < 0) return;
      socket.off('data', onData);
      void answer(request.slice(0, nl), socket);
    };
    socket.on('data', onData);
  });
  const answer = async (line: string, socket: Socket): Promise<void> => {
    let op: unknown;
    try {
      op = (JSON.parse(line) as { op?: unknown }).op;
    } catch {
      op = undefined;
    }
    if (op !== 'backup') {
      socket.end(
        JSON.stringify({
          ok: false,
          zh: '备份通道只接受备份请求。',
          en: 'The backup channel only takes backup requests.',
        }) + '\n',
      );
      return;
    }
    socket.write(JSON.stringify({ ok: true }) + '\n');
    // A failure cuts the stream short; the client finds no end mark and says so.
    await writeBackup(store, socket, opts).catch((e: unknown) => {
      opts.onError?.(e);
      socket.destroy();
    });
  };
  await rm(file, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(file, 0o600);
  return {
    path: file,
    problem: undefined,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(file, { force: true });
    },
  };
}

/**
 * Asks the server holding `dataDir` for a backup and writes it to the stream `open` makes (called
 * once a server answers), resolving when that stream has finished. Resolves false when no server
 * answers on the socket (none runs: open the store directly); throws STORE_BACKUP_CHANNEL when one
 * answers but refuses or fails. `onBytes` is told the bytes received so far.
 */
export async function requestBackup(
  dataDir: string,
  open: () => Writable,
  onBytes?: (bytes: number) => void,
): Promise<boolean> {
  const file = backupSocketPath(dataDir);
  let socket: Socket;
  try {
    socket = await new Promise<Socket>((resolve, reject) => {
      const s = createConnection(file);
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED') return false;
    throw channelError(
      `无法连接运行中服务的备份通道 ${file}（${code ?? String(e)}）：请以服务的运行账号执行。`,
      `Cannot connect to the running server's backup channel ${file} (${code ?? String(e)}): run as the service's user.`,
    );
  }
  socket.write(JSON.stringify({ op: 'backup' }) + '\n');
  const header = await new Promise<string>((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const nl = buf.indexOf(10);
      if (nl < 0) return;
      socket.off('data', onData);
      socket.pause();
      const rest = buf.subarray(nl + 1);
      if (rest.length > 0) socket.unshift(rest);
      resolve(buf.subarray(0, nl).toString('utf8'));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', () => reject(new Error('closed before answering')));
  }).catch((e: unknown) => {
    socket.destroy();
    throw channelError(
      `运行中的服务未应答备份请求（${e instanceof Error ? e.message : String(e)}）。`,
      `The running server did not answer the backup request (${e instanceof Error ? e.message : String(e)}).`,
    );
  });
  const answer = JSON.parse(header) as { ok: boolean; zh?: string; en?: string };
  if (!answer.ok) {
    socket.destroy();
    throw channelError(answer.zh ?? '', answer.en ?? '');
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      onBytes?.(bytes);
      done(null, chunk);
    },
  });
  await pipeline(socket, counter, open());
  return true;
}

function channelError(zh: string, en: string): Error {
  return storeError('STORE_BACKUP_CHANNEL', zh, en);
}
