/**
 * The benchmarks' settings from the environment, read one way: a number that is missing or empty
 * takes its default; one that is not a number, or out of range, stops the benchmark with a line
 * that names the variable.
 */

/** A number from `name`: `fallback` when unset or empty; at least `min` (0 unless given). */
export function envNumber(
  name: string,
  fallback: number,
  options: { min?: number; integer?: boolean } = {},
): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  const min = options.min ?? 0;
  if (!Number.isFinite(n) || n < min || (options.integer && !Number.isInteger(n))) {
    const kind = options.integer ? 'a whole number' : 'a number';
    throw new Error(`${name} must be ${kind} of at least ${min} (got '${raw}')`);
  }
  return n;
}

/** A text from `name`, or `fallback` when unset or empty. */
export function envText(name: string, fallback: string): string {
  return process.env[name]?.trim() || fallback;
}

/** The PostgreSQL server the benchmarks run on (DATABASE_URL; the local server by default). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
