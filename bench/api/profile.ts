/**
 * Where an operation's time goes: counts and times every statement the PostgreSQL driver sends
 * (including BEGIN and COMMIT) while operations run one at a time, by wrapping pg's
 * Query.prototype.submit for the duration. The rest of an operation's wall time is spent in Node
 * (drizzle's query building and row mapping, the presenter, permissions, hashing, JSON).
 */
import pg from 'pg';

export interface OpProfile {
  readonly ops: number;
  /** Statements sent per operation (BEGIN and COMMIT included). */
  readonly statementsPerOp: number;
  /** Mean wall time of one operation, ms. */
  readonly meanMs: number;
  /**
   * Mean time per operation spent waiting on statements (send → result), ms: time during which at
   * least one statement was outstanding, so that pipelined statements are not counted twice.
   */
  readonly dbWaitMs: number;
  /** Mean time per operation not waiting on statements (Node: drizzle, presenter, …), ms. */
  readonly nodeMs: number;
  /** The statements that cost most in total, with counts per operation. */
  readonly top: readonly { sql: string; perOp: number; meanMs: number }[];
}

type Callback = ((err: unknown, res: unknown) => void) | undefined;
interface QueryLike {
  text?: unknown;
  callback: Callback;
}
type SubmitFn = (this: QueryLike, ...args: unknown[]) => unknown;

/**
 * Runs `op` `n` times, one at a time, counting and timing statements. The hook is pg's
 * Query.prototype.submit (when a statement is sent on its connection) and the query's callback
 * (when its answer is complete), so it sees every statement whichever way the client was called.
 */
export async function profileOps(
  n: number,
  op: (i: number) => Promise<unknown>,
): Promise<OpProfile> {
  const proto = (pg as unknown as { Query: { prototype: { submit: SubmitFn } } }).Query.prototype;
  const original = proto.submit;
  const stats = new Map<string, { count: number; totalMs: number }>();
  let statements = 0;
  let waitMs = 0;
  let outstanding = 0;
  let waitingSince = 0;
  proto.submit = function (this: QueryLike, ...args: unknown[]) {
    const key = (typeof this.text === 'string' ? this.text : '?')
      .replace(/\s+/g, ' ')
      .slice(0, 160);
    statements++;
    const t0 = performance.now();
    if (outstanding++ === 0) waitingSince = t0;
    const callback = this.callback;
    this.callback = (err, res) => {
      const now = performance.now();
      const ms = now - t0;
      if (--outstanding === 0) waitMs += now - waitingSince;
      const s = stats.get(key) ?? { count: 0, totalMs: 0 };
      s.count++;
      s.totalMs += ms;
      stats.set(key, s);
      callback?.(err, res);
    };
    return original.apply(this, args);
  };
  const t0 = performance.now();
  try {
    for (let i = 0; i < n; i++) await op(i);
  } finally {
    proto.submit = original;
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
