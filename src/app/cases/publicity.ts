/** Whether the publicity of a determination has been completed (ended, or closed by filing). */
import { and, eq, sql } from 'drizzle-orm';
import type { AnyDb } from '../compiled.js';
import { caseEvents } from '../tables.js';

export async function publicityDoneFor(
  db: AnyDb,
  caseId: string,
  determinationId: string,
): Promise<boolean> {
  const [e] = await db
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
