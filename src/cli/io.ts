/**
 * What a command may touch: output and error streams, standard input, the working directory,
 * the environment and today's date. `main` wires the process; tests pass their own.
 */
import type { Readable } from 'node:stream';
import { chinaDate } from '../app/context.js';

export interface Writer {
  write(text: string): unknown;
  /** True when the stream is a terminal (progress lines are then redrawn in place). */
  readonly isTTY?: boolean;
}

export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly stdin: Readable;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Today's date in China, YYYY-MM-DD (the default date of the conduct). */
  readonly today?: () => string;
  /** The folder of shipped packs (default: packs/ of the installation). */
  readonly packsDir?: string;
}

/**
 * Today's date in China (Asia/Shanghai) as YYYY-MM-DD, whatever the machine's time zone: the
 * procedure's calendar, the same date the server and the web app use.
 */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now);
}
