/** The read log: who saw what, and when. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../store/index.js';
import { compiledText, composeQuery, placeholders, type AnyDb } from './compiled.js';
import { readLog, type Schema } from './tables.js';

/**
 * A read's only write is its read-log row, so its commit need not wait for the disk flush
 * (PostgreSQL's synchronous_commit off, for this transaction only): a crash can lose the last
 * fraction of a second of read-log rows, never a change to a case — those transactions keep
 * full durability. This takes the flush, the largest single cost, out of every read.
 */
export async function relaxReadLogDurability(tx: Tx<Schema>): Promise<void> {
  await tx.execute(sql`set local synchronous_commit to off`);
}

export interface ReadLogEntry {
  readonly userId: string;
  readonly caseId: string | null;
  readonly jurisdictionId: string | null;
  readonly what: string;
  readonly at: Date;
}

const LOG_READ = compiledText('log_read', (db) => {
  const p = placeholders('');
  const insert = db.insert(readLog).values({
    userId: p('userId'),
    caseId: p('caseId'),
    jurisdictionId: p('jurisdictionId'),
    what: p('what'),
    at: p('at'),
  } as never);
  return composeQuery([insert.toSQL()], ([t]) => `with logged as (${t}) ${RELAXED_SELECT}`);
});

const RELAXED_SELECT = `select set_config('synchronous_commit', 'off', true) as relaxed`;

/**
 * Writes a read-log row in a statement of its own, outside any transaction: the row and, since it
 * is the statement's only write, the relaxed durability above, in one round trip.
 */
export async function logRead(db: AnyDb, entry: ReadLogEntry): Promise<void> {
  await LOG_READ.run(db, { ...entry });
}

/**
 * The same as a column of a query (`set_config(…, true)` is `SET LOCAL`), so that a read can
 * relax its transaction's durability without a statement of its own.
 */
export const relaxedDurabilityColumn = sql<string>`set_config('synchronous_commit', 'off', true)`;
