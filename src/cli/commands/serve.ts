/**
 * rongcuo serve: open the store (migrating it), seed the demo when the store has no users yet, and
 * serve the HTTP API until SIGINT/SIGTERM, then close the server and the store (releasing the
 * PGlite directory lock). On SIGHUP it reads the key ring file again (a key rotation without a
 * restart, src/app/blobs/keyring.ts).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { reloadKeyRing } from '../../app/blobs/keyring.js';
import { tlsFilesOf } from '../../config/areas/network.js';
import { readSettings, type Settings } from '../../config/index.js';
import { listenForBackups, type BackupListener } from '../../store/backup-channel.js';
import { packageVersion } from '../main.js';
import type { OpenedApp } from '../../app/bootstrap.js';
import type { RunningLoop } from '../../app/jobs/runner.js';
import type { StartedServer } from '../../server/index.js';
import { optFlag, optString } from '../args.js';
import { cliFail, CliError } from '../errors.js';
import { onSignals, openCliApp, asCliError, stringOptions } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';
import { failureLine } from './jobs.js';

export const SERVE_OPTS = {
  data: 'string',
  port: 'string',
  host: 'string',
  'trust-proxy': 'string',
  'tls-cert': 'string',
  'tls-key': 'string',
  'no-demo': 'flag',
  'no-jobs': 'flag',
  'log-level': 'string',
} as const;

/** How often the in-process job runner looks for due jobs. */
export const JOBS_INTERVAL_MS = 60_000;

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeHooks {
  /** Stops the server when aborted (tests); the CLI stops on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
  /** Called once the server listens. */
  readonly onListening?: (server: StartedServer) => void;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(n) || n < 0 || n > 65535) {
    cliFail(
      `--port 应为 0 到 65535 之间的整数，而不是“${text}”。`,
      `--port must be a whole number from 0 to 65535, not '${text}'.`,
    );
  }
  return n;
}

export function serveCommand(ctx: CommandContext): Promise<number> {
  return serve(ctx);
}

export async function serve(ctx: CommandContext, hooks: ServeHooks = {}): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  // Every setting from the environment, the flags winning (src/config); --port keeps its own
  // message for a bad value.
  let settings: Settings;
  let tls: { cert: Buffer; key: Buffer } | undefined;
  try {
    settings = readSettings(ctx.io.env, stringOptions(ctx));
    tls = readTls(tlsFilesOf(settings.network));
  } catch (e) {
    throw asCliError(e) ?? e;
  }
  const portFlag = optString(ctx.args, 'port');
  const port = portFlag !== undefined ? parsePort(portFlag) : settings.server.port;
  const host = settings.server.host ?? DEFAULT_HOST;
  // A busy port is found before the store is opened and the demo seeded.
  await checkPortFree(host, port);
  // Start opening the store, then load the server and the demo while it opens (cold start).
  const opening = openCliApp(ctx);
  opening.catch(() => undefined);
  const modules = Promise.all([
    import('../../server/index.js'),
    import('../../app/demo.js'),
    import('./demo.js'),
    import('../../app/jobs/handlers.js'),
    import('../../app/jobs/runner.js'),
  ]);
  modules.catch(() => undefined);
  const app = await opening;
  let server: StartedServer | undefined;
  let jobs: RunningLoop | undefined;
  let backups: BackupListener | undefined;
  // SIGHUP: the key ring file read again (a key rotation without a restart).
  const reloadKeys = () => void onKeyRingSignal(app, ctx, jobs !== undefined);
  // Ctrl+C while seeding closes the store (releasing its lock) and exits; while serving, stops.
  let serving = false;
  let stop!: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const release = onSignals(ctx.io, async (signal) => {
    if (serving) return stop(signal);
    ctx.io.stderr.write(
      L(`\nrongcuo：收到 ${signal}，已中断。\n`, `\nrongcuo: ${signal} received; interrupted.\n`),
    );
    await app.close().catch(() => undefined);
    process.exit(130);
  });
  if (hooks.signal) {
    if (hooks.signal.aborted) stop('abort');
    else hooks.signal.addEventListener('abort', () => stop('abort'), { once: true });
  }
  try {
    const [
      { startServer, logOptions },
      { demoMarker, demoPassword },
      { loginTable, seedWithProgress },
      { JOB_HANDLERS, scheduleRecurring },
      { JobRunner },
    ] = await modules;
    for (const w of app.store.warnings) {
      ctx.io.stderr.write(`rongcuo: ${L('警告', 'warning')} ${w.code}: ${w.message[ctx.lang]}\n`);
    }
    for (const m of app.migrated.applied) {
      ctx.io.stderr.write(
        L(
          `rongcuo：已应用迁移 ${String(m.id).padStart(4, '0')}_${m.name}\n`,
          `rongcuo: applied migration ${String(m.id).padStart(4, '0')}_${m.name}\n`,
        ),
      );
    }
    const [u] = (await app.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`)).rows;
    const empty = (u?.n ?? 0) === 0;
    if (empty && !optFlag(ctx.args, 'no-demo')) {
      ctx.io.stderr.write(
        L(
          'rongcuo：存储中还没有用户，正在写入演示数据（仅首次启动）…\n',
          'rongcuo: the store has no users yet; seeding the demo (first start only)…\n',
        ),
      );
      const demo = await seedWithProgress(app.ctx, ctx.io.stderr, ctx.lang);
      out(
        ctx,
        L(
          `已写入演示数据：${demo.cases} 个案件（${Math.round(demo.ms / 100) / 10} 秒）。\n`,
          `Seeded the demo: ${demo.cases} cases (${Math.round(demo.ms / 100) / 10} s).\n`,
        ) +
          L(
            `试填匿名问卷：/survey/${demo.surveyToken}\n`,
            `Try the anonymous survey: /survey/${demo.surveyToken}\n`,
          ) +
          loginTable(demo, ctx.lang) +
          '\n',
      );
    } else if (empty) {
      out(
        ctx,
        L(
          '存储中还没有用户：用 rongcuo user add 创建管理员账号。\n',
          'The store has no users yet: create an administrator with rongcuo user add.\n',
        ),
      );
    } else if (await demoMarker(app.ctx)) {
      out(
        ctx,
        L(
          `演示存储：可用 intake / ${demoPassword('intake')}、chair / ${demoPassword('committee_chair')}、official / ${demoPassword('official')} 等账号登录（rongcuo demo --help）。\n`,
          `Demo store: sign in as intake / ${demoPassword('intake')}, chair / ${demoPassword('committee_chair')}, official / ${demoPassword('official')} and others (rongcuo demo --help).\n`,
        ),
      );
    }
    // The embedded store: `rongcuo backup` asks this process over <data>/backup.sock.
    backups = await listenForBackups(app.store, {
      appVersion: packageVersion(),
      trailHash: settings.crypto.trailHash,
      onError: (e) =>
        ctx.io.stderr.write(
          `rongcuo: ${L('备份未能完成', 'a backup failed')}: ${e instanceof Error ? e.message : String(e)}\n`,
        ),
    });
    if (backups.problem) {
      ctx.io.stderr.write(`rongcuo: ${L('警告', 'warning')} ${backups.problem[ctx.lang]}\n`);
    }
    try {
      // The JSON log (one line per request, errors with their stack) on standard output.
      const logger = logOptions(app.ctx.settings.observability.logLevel, ctx.io.stdout);
      server = await startServer(app.ctx, {
        port,
        host,
        logger,
        trustProxy: settings.network.trustProxy,
        https: settings.network.https,
        ...(tls ? { tls } : {}),
      });
    } catch (e) {
      throw listenError(e, host, port) ?? e;
    }
    const sinceStart = Math.round(performance.now());
    out(
      ctx,
      L(
        `rongcuo 已启动：${server.url}（API：${server.url}/api，健康检查：${server.url}/api/health）\n存储：${app.choice.shown}（${app.store.kind}）。自进程启动 ${sinceStart} ms 就绪。按 Ctrl+C 停止。\n`,
        `rongcuo is serving at ${server.url} (API: ${server.url}/api, health: ${server.url}/api/health)\nStore: ${app.choice.shown} (${app.store.kind}). Ready ${sinceStart} ms after the process started. Press Ctrl+C to stop.\n`,
      ),
    );
    if (app.ctx.settings.crypto.encryption === 'none') {
      ctx.io.stderr.write(
        L(
          'rongcuo：上传文件未加密存储（RONGCUO_ENCRYPTION=none），仅适用于演示和开发；生产环境须设置 sm4 或 aes-256-gcm 及密钥环（见运维手册“密码应用”一章）。\n',
          'rongcuo: uploaded files are stored unencrypted (RONGCUO_ENCRYPTION=none), for demos and development only; production must set sm4 or aes-256-gcm and a key ring (see the operations guide, chapter Cryptography).\n',
        ),
      );
    }
    // The background jobs (the daily reminder sweep…) run here unless turned off; every instance
    // may run them: each job is claimed by one (src/app/jobs/runner.ts).
    if (!optFlag(ctx.args, 'no-jobs') && ctx.io.env['RONGCUO_JOBS'] !== 'off') {
      await scheduleRecurring(app.ctx);
      const line = (text: string) => ctx.io.stderr.write(`rongcuo: ${text}\n`);
      jobs = new JobRunner(app.ctx, JOB_HANDLERS).start({
        intervalMs: JOBS_INTERVAL_MS,
        onFailure: (f) => line(failureLine(f, ctx.lang)),
        onError: (e) =>
          line(
            L(
              `后台任务本轮未能运行：${e instanceof Error ? e.message : String(e)}`,
              `the background jobs could not run this round: ${e instanceof Error ? e.message : String(e)}`,
            ),
          ),
      });
    }
    serving = true;
    process.on('SIGHUP', reloadKeys);
    hooks.onListening?.(server);
    const signal = await stopped;
    ctx.io.stderr.write(
      L(`rongcuo：收到 ${signal}，正在停止…\n`, `rongcuo: ${signal} received, stopping…\n`),
    );
    return 0;
  } catch (e) {
    throw asCliError(e) ?? e;
  } finally {
    release();
    process.off('SIGHUP', reloadKeys);
    await jobs?.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await backups?.close().catch(() => undefined);
    await app.close();
  }
}

/**
 * SIGHUP: reads the key ring file again and says what is in use now, or why not; with the
 * background jobs on, schedules the re-encryption of older files under the key now written with
 * (src/app/blobs/job.ts).
 */
async function onKeyRingSignal(app: OpenedApp, ctx: CommandContext, jobsOn: boolean) {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const line = (text: string) => ctx.io.stderr.write(`rongcuo: ${text}\n`);
  const reloaded = keyRingReloaded(app.ctx.settings, ctx);
  line(reloaded.line);
  if (!reloaded.ok || !jobsOn) return;
  try {
    const { scheduleReencrypt } = await import('../../app/blobs/job.js');
    if (await scheduleReencrypt(app.ctx)) {
      line(L('已安排后台重新加密旧文件。', 'the re-encryption of older files is scheduled.'));
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    line(L(`未能安排重新加密：${why}`, `the re-encryption could not be scheduled: ${why}`));
  }
}

/** Reads the key ring file again; the line saying what is in use now, or why not. */
function keyRingReloaded(settings: Settings, ctx: CommandContext): { ok: boolean; line: string } {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  try {
    const ring = reloadKeyRing(settings.crypto);
    const ids = [...ring.keys.keys()].join(', ');
    const write = ring.write?.key.id;
    const line = write
      ? L(
          `已重新读取密钥环：密钥 ${ids}；新文件以“${write}”加密。`,
          `read the key ring again: keys ${ids}; new files are written with '${write}'.`,
        )
      : L(`已重新读取密钥环：密钥 ${ids}。`, `read the key ring again: keys ${ids}.`);
    return { ok: true, line };
  } catch (e) {
    const why = asCliError(e)?.text[ctx.lang] ?? String(e);
    const line = L(
      `未能重新读取密钥环，仍使用原密钥环：${why}`,
      `the key ring could not be read again; the one in use stays: ${why}`,
    );
    return { ok: false, line };
  }
}

/** The certificate and key read from their files (one line naming the file that cannot be read). */
function readTls(
  files: { cert: string; key: string } | undefined,
): { cert: Buffer; key: Buffer } | undefined {
  if (!files) return undefined;
  const read = (file: string, zh: string, en: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new CliError(
        {
          zh: `无法读取${zh}文件 ${file}（${code}）：请检查路径和服务运行账号的读取权限。`,
          en: `Cannot read the ${en} file ${file} (${code}): check the path and that the service's user may read it.`,
        },
        2,
      );
    }
  };
  return {
    cert: read(files.cert, 'TLS 证书', 'TLS certificate'),
    key: read(files.key, 'TLS 私钥', 'TLS key'),
  };
}

/** The one-line error for a failure to listen, if it is one. */
function listenError(e: unknown, host: string, port: number): CliError | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new CliError(
      {
        zh: `${host}:${port} 已被占用：请先停止占用该端口的程序，或用 --port 换一个端口。`,
        en: `${host}:${port} is already in use: stop the program using it, or choose another port with --port.`,
      },
      1,
    );
  }
  if (
    code === 'EADDRNOTAVAIL' ||
    code === 'ENOTFOUND' ||
    code === 'EACCES' ||
    code === 'EAI_AGAIN'
  ) {
    return new CliError(
      {
        zh: `无法在 ${host}:${port} 上监听（${code}）：请检查 --host 和 --port。`,
        en: `Cannot listen on ${host}:${port} (${code}): check --host and --port.`,
      },
      1,
    );
  }
  return undefined;
}

/** Listens on the address for a moment, so that a busy port fails fast (port 0 is always free). */
async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (e) => reject(listenError(e, host, port) ?? e));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
