/**
 * The read log: who saw what, and when. It is an audit trail of who read which personnel file, so
 * it is written with the store's normal durability: a read that was answered is on record even if
 * the process or the machine crashes right after.
 */
import type { AnyDb } from './db.js';
import { readLog } from './tables.js';

export interface ReadLogEntry {
  readonly userId: string;
  /** The case read, if the read was of one case. */
  readonly caseId?: string | null;
  readonly jurisdictionId?: string | null;
  /** What was read, e.g. 'case.view', 'case.list'; a refused read ends in '.refused'. */
  readonly what: string;
  readonly at: Date;
}

/** Writes one read-log row. */
export async function logRead(db: AnyDb, entry: ReadLogEntry): Promise<void> {
  await db
    .insert(readLog)
    .values({
      userId: entry.userId,
      caseId: entry.caseId ?? null,
      jurisdictionId: entry.jurisdictionId ?? null,
      what: entry.what,
      at: entry.at,
    })
    .prepare('insert_read_log')
    .execute();
}
