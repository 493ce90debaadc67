import { cpuBetween, type CpuSnapshot, type CpuUse } from './cpu.js';

/**
 * Timing helpers for the API benchmark: a latency recorder with percentiles, and a closed-loop
 * load runner (N workers, each issuing its next operation as soon as the previous one finished,
 * for a fixed wall time after a warm-up).
 */

export interface LatencySummary {
  /** Operations completed in the measured window. */
  readonly count: number;
  /** Operations that threw (not counted in `count` or the latencies). */
  readonly errors: number;
  /** Wall time of the measured window, seconds. */
  readonly durationS: number;
  /** Completed operations per second. */
  readonly rate: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function summarize(latenciesMs: readonly number[], errors: number, durationS: number) {
  const sorted = Float64Array.from(latenciesMs).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  const out: LatencySummary = {
    count: sorted.length,
    errors,
    durationS: round(durationS, 3),
    rate: round(sorted.length / durationS, 1),
    meanMs: round(sorted.length ? sum / sorted.length : NaN),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.length ? sorted[sorted.length - 1]! : NaN),
  };
  return out;
}

export interface LoadOptions {
  readonly workers: number;
  /** Measured seconds. */
  readonly seconds: number;
  /** Seconds of unmeasured load before the window opens. */
  readonly warmupSeconds: number;
}

export interface LoadResult extends LatencySummary {
  /** The first few distinct error messages, if any operation failed. */
  readonly errorSamples: readonly string[];
  /** CPU use over the measured window (Linux), per operation and in cores. */
  readonly cpu: CpuUse | null;
}

/**
 * Runs `op(worker, n)` in a closed loop on `workers` concurrent workers. Operations that start
 * after the warm-up and finish before the window closes are measured; the loop stops issuing at the
 * end of the window and waits for the operations in flight.
 */
export async function runLoad(
  options: LoadOptions,
  op: (worker: number, n: number) => Promise<unknown>,
  cpuOf: () => CpuSnapshot | null = () => null,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  const t0 = performance.now();
  const windowStart = t0 + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  let cpuStart: CpuSnapshot | null = null;
  let cpuEnd: CpuSnapshot | null = null;
  const timers = [
    setTimeout(() => (cpuStart = cpuOf()), options.warmupSeconds * 1000),
    setTimeout(() => (cpuEnd = cpuOf()), (options.warmupSeconds + options.seconds) * 1000),
  ];
  const worker = async (w: number) => {
    for (let n = 0; ; n++) {
      const start = performance.now();
      if (start >= windowEnd) return;
      try {
        await op(w, n);
        const end = performance.now();
        if (start >= windowStart && end <= windowEnd) latencies.push(end - start);
      } catch (e) {
        errors++;
        if (errorSamples.size < 5) errorSamples.add(e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, w) => worker(w)));
  for (const t of timers) clearTimeout(t);
  return {
    ...summarize(latencies, errors, options.seconds),
    errorSamples: [...errorSamples],
    cpu: cpuBetween(cpuStart, cpuEnd, latencies.length),
  };
}

/**
 * Runs `op` in an open loop: started at a steady `rate` per second whatever the answers' pace (as
 * independent users would), for the warm-up and then the measured seconds. Latency counts from
 * each operation's scheduled start, so time spent waiting behind slow answers is included (no
 * coordinated omission). Shows the latency at a given load below saturation, where a closed loop
 * of N workers measures, by Little's law, mostly the throughput.
 */
export async function runOpenLoad(
  options: { readonly rate: number; readonly seconds: number; readonly warmupSeconds: number },
  op: (n: number) => Promise<unknown>,
  cpuOf: () => CpuSnapshot | null = () => null,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  const interval = 1000 / options.rate;
  const t0 = performance.now();
  const windowStart = t0 + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  const total = Math.floor(((options.warmupSeconds + options.seconds) * 1000) / interval);
  let cpuStart: CpuSnapshot | null = null;
  let cpuEnd: CpuSnapshot | null = null;
  const timers = [
    setTimeout(() => (cpuStart = cpuOf()), options.warmupSeconds * 1000),
    setTimeout(() => (cpuEnd = cpuOf()), (options.warmupSeconds + options.seconds) * 1000),
  ];
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const scheduled = t0 + n * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      op(n).then(
        () => {
          const end = performance.now();
          if (scheduled >= windowStart && end <= windowEnd + 5000) latencies.push(end - scheduled);
        },
        (e: unknown) => {
          errors++;
          if (errorSamples.size < 5) errorSamples.add(e instanceof Error ? e.message : String(e));
        },
      ),
    );
  }
  await Promise.all(inFlight);
  // The CPU snapshot closing the window is taken by its timer: wait for it.
  const left = windowEnd - performance.now();
  if (left > 0) await new Promise((r) => setTimeout(r, left + 5));
  for (const t of timers) clearTimeout(t);
  return {
    ...summarize(latencies, errors, options.seconds),
    errorSamples: [...errorSamples],
    cpu: cpuBetween(cpuStart, cpuEnd, latencies.length),
  };
}

/** Median and spread (min–max) of one figure over several rounds. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(xs: readonly number[]): Spread {
  return { median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) };
}
