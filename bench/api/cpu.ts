/**
 * CPU accounting on Linux from /proc: the whole machine (busy vs idle), the PostgreSQL server's
 * processes (every process named 'postgres': the server is shared, so other clients' work counts
 * too), this process, and given child processes (the HTTP server, pgbench). Elsewhere than Linux
 * the figures are null.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let tickMs: number | undefined;
function msPerTick(): number {
  if (tickMs === undefined) {
    let hz = 100;
    try {
      hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      // the usual value
    }
    tickMs = 1000 / hz;
  }
  return tickMs;
}

export interface CpuSnapshot {
  readonly at: number;
  /** Machine-wide busy and total CPU time, ms (all cores). */
  readonly busyMs: number;
  readonly totalMs: number;
  /** CPU time of each process named 'postgres', ms, by pid. */
  readonly postgresMs: ReadonlyMap<string, number>;
  /** CPU time of each process named 'pgbench', ms, by pid. */
  readonly pgbenchMs: ReadonlyMap<string, number>;
  /** CPU time of this process, ms. */
  readonly selfMs: number;
  /** CPU time of the given pids, ms. */
  readonly pidsMs: number;
}

/** utime + stime (ticks) and the command name of one process, or undefined if it is gone. */
function procTimes(pid: string): { comm: string; ticks: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const fields = s.slice(close + 2).split(' ');
    // Fields after the comm start at field 3 (state); utime is field 14, stime 15.
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

export function cpuSnapshot(pids: readonly number[] = []): CpuSnapshot | null {
  if (process.platform !== 'linux') return null;
  const tick = msPerTick();
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const postgres = new Map<string, number>();
  const pgbench = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const p = procTimes(pid);
    if (p?.comm === 'postgres') postgres.set(pid, p.ticks * tick);
    else if (p?.comm === 'pgbench') pgbench.set(pid, p.ticks * tick);
  }
  let pidTicks = 0;
  for (const pid of pids) pidTicks += procTimes(String(pid))?.ticks ?? 0;
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    busyMs: (total - idle) * tick,
    totalMs: total * tick,
    postgresMs: postgres,
    pgbenchMs: pgbench,
    selfMs: (self.user + self.system) / 1000,
    pidsMs: pidTicks * tick,
  };
}

export interface CpuUse {
  /** Machine-wide busy share over the window (1 = every core busy). */
  readonly machineBusy: number;
  /** Cores' worth of CPU used by each, over the window. */
  readonly postgresCores: number;
  readonly benchProcessCores: number;
  readonly childCores: number;
  /** CPU ms per operation (given the count). */
  readonly postgresMsPerOp: number;
  readonly benchProcessMsPerOp: number;
  readonly childMsPerOp: number;
}

/**
 * CPU used between two snapshots by a group of processes: the growth of those alive at both, plus
 * all of those started in between. (Those that ended in between are lost: their time is not known.)
 */
function grown(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [pid, ms] of b) sum += Math.max(0, ms - (a.get(pid) ?? 0));
  return sum;
}

export function cpuBetween(
  a: CpuSnapshot | null,
  b: CpuSnapshot | null,
  ops: number,
): CpuUse | null {
  if (!a || !b) return null;
  const wall = b.at - a.at;
  const r = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
  const per = (ms: number) => (ops > 0 ? r(ms / ops) : NaN);
  const child = b.pidsMs - a.pidsMs + grown(a.pgbenchMs, b.pgbenchMs);
  const postgres = grown(a.postgresMs, b.postgresMs);
  return {
    machineBusy: r((b.busyMs - a.busyMs) / Math.max(1, b.totalMs - a.totalMs)),
    postgresCores: r(postgres / wall),
    benchProcessCores: r((b.selfMs - a.selfMs) / wall),
    childCores: r(child / wall),
    postgresMsPerOp: per(postgres),
    benchProcessMsPerOp: per(b.selfMs - a.selfMs),
    childMsPerOp: per(child),
  };
}
