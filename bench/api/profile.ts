/**
 * Where an operation's time goes: counts and times every statement the PostgreSQL driver sends
 * (including BEGIN and COMMIT) while operations run one at a time, by wrapping pg's
 * Client.prototype.query for the duration. The rest of an operation's wall time is spent in Node
 * (drizzle's query building and row mapping, the presenter, permissions, hashing, JSON).
 */
import pg from 'pg';

export interface StatementStat {
  readonly sql: string;
  readonly count: number;
  readonly totalMs: number;
}

export interface OpProfile {
  readonly ops: number;
  /** Statements sent per operation (BEGIN and COMMIT included). */
  readonly statementsPerOp: number;
  /** Mean wall time of one operation, ms. */
  readonly meanMs: number;
  /** Mean time per operation spent waiting on statements (send → result), ms. */
  readonly dbWaitMs: number;
  /** Mean time per operation not waiting on statements (Node: drizzle, presenter, …), ms. */
  readonly nodeMs: number;
  /** The statements that cost most in total, with counts per operation. */
  readonly top: readonly { sql: string; perOp: number; meanMs: number }[];
}

type QueryFn = (...args: unknown[]) => unknown;

/** Runs `op` `n` times, one at a time, counting and timing statements. */
export async function profileOps(
  n: number,
  op: (i: number) => Promise<unknown>,
): Promise<OpProfile> {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const stats = new Map<string, { count: number; totalMs: number }>();
  let statements = 0;
  let waitMs = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text =
      typeof first === 'string'
        ? first
        : typeof first === 'object' && first !== null && 'text' in first
          ? String((first as { text: unknown }).text)
          : '?';
    const key = text.replace(/\s+/g, ' ').slice(0, 160);
    statements++;
    const t0 = performance.now();
    const result = original.apply(this, args);
    const done = () => {
      const ms = performance.now() - t0;
      waitMs += ms;
      const s = stats.get(key) ?? { count: 0, totalMs: 0 };
      s.count++;
      s.totalMs += ms;
      stats.set(key, s);
    };
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(done, done);
    } else {
      const s = stats.get(key) ?? { count: 0, totalMs: 0 };
      s.count++;
      stats.set(key, s);
    }
    return result;
  };
  const t0 = performance.now();
  try {
    for (let i = 0; i < n; i++) await op(i);
  } finally {
    proto.query = original;
  }
  const wall = performance.now() - t0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const top = [...stats.entries()]
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .slice(0, 12)
    .map(([sql, s]) => ({ sql, perOp: r(s.count / n), meanMs: r(s.totalMs / s.count) }));
  return {
    ops: n,
    statementsPerOp: r(statements / n),
    meanMs: r(wall / n),
    dbWaitMs: r(waitMs / n),
    nodeMs: r((wall - waitMs) / n),
    top,
  };
}
