/**
 * What a command may touch: output and error streams, standard input, the working directory,
 * the environment and today's date. `main` wires the process; tests pass their own.
 */
import type { Readable } from 'node:stream';

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
  /** Today's date, YYYY-MM-DD (the default date of the conduct). */
  readonly today?: () => string;
  /** The folder of shipped packs (default: packs/ of the installation). */
  readonly packsDir?: string;
}

/** Today's local date as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
