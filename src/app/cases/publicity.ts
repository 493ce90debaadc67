/** Whether the publicity of a determination has been completed (ended, or closed by filing). */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../store/index.js';
import { caseEvents, type Schema } from '../tables.js';

export async function publicityDoneFor(
  tx: Tx<Schema>,
  caseId: string,
  determinationId: string,
): Promise<boolean> {
  const [e] = await tx
    .select({ seq: caseEvents.seq })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, caseId),
        sql`${caseEvents.payload}->>'publicityEnded' = 'true'`,
        sql`${caseEvents.payload}->>'determinationId' = ${determinationId}`,
      ),
    )
    .limit(1);
  return e !== undefined;
}
