/**
 * Opening the application's store for a CLI command: PGlite in `--data DIR` (relative to the
 * working directory), else PostgreSQL at DATABASE_URL, else PGlite in RONGCUO_DATA or ./data. Failures become
 * one-line CLI errors in the chosen language. Also: progress lines on stderr for long jobs.
 * Light on imports (main.ts uses `asCliError`): the store itself is loaded when first opened.
 */
import { resolve } from 'node:path';
import type { OpenedApp } from '../app/bootstrap.js';
import { AppError } from '../app/errors.js';
import { ConfigError, readArea } from '../config/define.js';
import { SERVER_SETTINGS } from '../config/areas/server.js';
import { redactUrl, storeErrorIn } from '../store/errors.js';
import { optString } from './args.js';
import type { CommandContext } from './commands/context.js';
import { CliError } from './errors.js';
import type { Io, Writer } from './io.js';
import { tr } from './text.js';

/** Options of every command that touches the store. */
export const STORE_OPTS = { data: 'string' } as const;

export interface StoreChoice {
  /** PGlite directory (absolute), when the embedded store is used. */
  readonly dataDir?: string;
  /** PostgreSQL URL, when DATABASE_URL is used. */
  readonly databaseUrl?: string;
  /** For messages: the directory or the URL without its password. */
  readonly shown: string;
}

/**
 * The one rule, from the server settings (src/config/areas/server.ts): `--data DIR` wins; else
 * DATABASE_URL (PostgreSQL); else RONGCUO_DATA, default ./data. Relative paths are taken from the
 * working directory.
 */
export function storeChoice(ctx: CommandContext): StoreChoice {
  const data = optString(ctx.args, 'data');
  const server = readArea(SERVER_SETTINGS, ctx.io.env, data !== undefined ? { data } : {});
  if (data === undefined && server.databaseUrl) {
    return { databaseUrl: server.databaseUrl, shown: safeUrl(server.databaseUrl) };
  }
  const dir = resolve(ctx.io.cwd, server.dataDir ?? 'data');
  return { dataDir: dir, shown: dir };
}

function safeUrl(url: string): string {
  try {
    return redactUrl(url);
  } catch {
    return 'DATABASE_URL';
  }
}

export interface CliAppOptions {
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  readonly now?: () => Date;
}

/** Opens (and by default migrates) the store the command names; store errors become one line. */
export async function openCliApp(
  ctx: CommandContext,
  options: CliAppOptions = {},
): Promise<OpenedApp & { choice: StoreChoice }> {
  const choice = storeChoice(ctx);
  try {
    // Loaded here, not at start-up: commands that do not use the store stay fast.
    const { openApp } = await import('../app/bootstrap.js');
    const { readSettings } = await import('../config/index.js');
    const app = await openApp({
      settings: readSettings(ctx.io.env, stringOptions(ctx)),
      ...(choice.dataDir ? { dataDir: choice.dataDir } : {}),
      ...(choice.databaseUrl ? { databaseUrl: choice.databaseUrl } : {}),
      ...(options.migrate !== undefined ? { migrate: options.migrate } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    reportDiffering(ctx, app.instruments.differing);
    return { ...app, choice };
  } catch (e) {
    throw asCliError(e) ?? e;
  }
}

/** The command's options given as text, by flag name (settings' flags win over the environment). */
export function stringOptions(ctx: CommandContext): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of ctx.args.opts) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Shipped instruments whose id is stored with another body: left alone, said once on stderr. */
function reportDiffering(ctx: CommandContext, ids: readonly string[]): void {
  if (ids.length === 0) return;
  ctx.io.stderr.write(
    tr(
      ctx.lang,
      `rongcuo：存储中已有问卷 ${ids.join('、')}，其内容与随附文件不同，保留存储中的版本；修订后的问卷请另取编号（如 -v2）。\n`,
      `rongcuo: the store already has instrument ${ids.join(', ')} with a body other than the shipped file's; the stored one is kept. Ship a changed instrument under a new id (e.g. -v2).\n`,
    ),
  );
}

/**
 * Runs `fn` with the opened app and closes it afterwards, also on SIGINT/SIGTERM (so that the
 * PGlite directory lock is released when the user interrupts a long job).
 */
export async function withCliApp<T>(
  ctx: CommandContext,
  fn: (app: OpenedApp & { choice: StoreChoice }) => Promise<T>,
  options: CliAppOptions = {},
): Promise<T> {
  const app = await openCliApp(ctx, options);
  const release = onSignals(ctx.io, async (signal) => {
    await app.close().catch(() => undefined);
    ctx.io.stderr.write(
      tr(
        ctx.lang,
        `rongcuo：收到 ${signal}，已关闭存储。\n`,
        `rongcuo: ${signal} received; the store is closed.\n`,
      ),
    );
    process.exit(130);
  });
  try {
    return await fn(app);
  } catch (e) {
    throw asCliError(e) ?? e;
  } finally {
    release();
    await app.close();
  }
}

/**
 * Calls `handler` on SIGINT or SIGTERM while installed, for the process running the real CLI only
 * (in-process tests pass their own Io and get no handlers). Returns the uninstaller.
 */
export function onSignals(io: Io, handler: (signal: string) => void | Promise<void>): () => void {
  if (io.stdout !== process.stdout) return () => undefined;
  const listener = (signal: NodeJS.Signals) => void handler(signal);
  process.once('SIGINT', listener);
  process.once('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

/** The CLI error for a store or application error (exit 2 for bad input, 1 otherwise). */
export function asCliError(e: unknown): CliError | undefined {
  if (e instanceof CliError) return e;
  if (e instanceof ConfigError) return new CliError(e.text, 2);
  const store = storeErrorIn(e);
  if (store) {
    return new CliError(
      {
        zh: `${store.code}：${store.text.zh}`,
        en: `${store.code}: ${store.text.en}`,
      },
      1,
    );
  }
  if (e instanceof AppError) {
    return new CliError(
      { zh: `${e.code}：${e.text.zh}`, en: `${e.code}: ${e.text.en}` },
      e.code === 'VALIDATION' || e.code === 'POLICY_INPUT' ? 2 : 1,
    );
  }
  return undefined;
}

/**
 * Progress on stderr: redrawn in place on a terminal; otherwise a line at most every
 * `everyMs` milliseconds (and never in tests unless forced), so logs stay short.
 */
export class ProgressLine {
  private drawn = false;
  private last = 0;
  constructor(
    private readonly err: Writer,
    private readonly everyMs = 2000,
  ) {}

  update(text: string): void {
    const now = performance.now();
    if (this.err.isTTY) {
      if (now - this.last < 100) return;
      this.last = now;
      this.drawn = true;
      this.err.write(`\r${text}\x1b[K`);
    } else if (this.last === 0 || now - this.last >= this.everyMs) {
      if (this.last === 0) {
        this.last = now;
        return;
      }
      this.last = now;
      this.err.write(`${text}\n`);
    }
  }

  /** Ends a redrawn line (a final line is written only when something was drawn). */
  done(text?: string): void {
    if (this.drawn) this.err.write(`\r${text ?? ''}\x1b[K${text ? '\n' : ''}`);
    this.drawn = false;
  }
}
