/** The read log: who saw what, and when. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../store/index.js';
import { compiledText, type AnyDb } from './compiled.js';
import type { Schema } from './tables.js';

/**
 * A read's only write is its read-log row, so its commit need not wait for the disk flush
 * (PostgreSQL's synchronous_commit off, for this transaction only): a crash can lose the last
 * fraction of a second of read-log rows, never a change to a case — those transactions keep
 * full durability. This takes the flush, the largest single cost, out of every read.
 */
export async function relaxReadLogDurability(tx: Tx<Schema>): Promise<void> {
  await tx.execute(sql`set local synchronous_commit to off`);
}

const MARK_REFUSED = compiledText('mark_read_refused', () => ({
  sql: `update read_log set what = what || '.refused' where id = $1::bigint`,
  params: [sql.placeholder('id')],
}));

/**
 * Marks a read-log row written with a read (e.g. 'case.view') as refused ('case.view.refused'):
 * the read was attempted and the permission check turned it down.
 */
export async function markReadRefused(db: AnyDb, id: string): Promise<void> {
  await MARK_REFUSED.run(db, { id });
}

/**
 * The same as a column of a query (`set_config(…, true)` is `SET LOCAL`), so that a read can
 * relax its transaction's durability without a statement of its own.
 */
export const relaxedDurabilityColumn = sql<string>`set_config('synchronous_commit', 'off', true)`;
