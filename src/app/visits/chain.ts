/**
 * An event on the hash chain of each case a multi-case change touches (a draw, a report), in the
 * caller's transaction: the same guarded head update and event row as runTransition
 * (cases/transition.ts) writes, for a change whose state lives in the visit tables rather than on
 * the case row. The case must have been loaded with loadCaseForChange (locked) in `tx`.
 */
import { and, eq } from 'drizzle-orm';
import { STEP_OF, type CaseState } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import { nextEvent, type AppendedEvent } from '../cases/events.js';
import type { LoadedCase } from '../cases/record.js';
import { caseEvents, cases } from '../tables.js';

export async function appendCaseEvent(
  ctx: AppContext,
  tx: AppTx,
  loaded: LoadedCase,
  actor: Actor,
  now: Date,
  event: { readonly type: string; readonly payload: Record<string, unknown> },
): Promise<AppendedEvent> {
  const row = loaded.row;
  const e = nextEvent(ctx.settings.crypto.trailHash, row, {
    type: event.type,
    step: STEP_OF[row.state as CaseState],
    actorId: actor.userId,
    at: now,
    reason: '',
    payload: event.payload,
  });
  const written = await tx
    .update(cases)
    .set({ eventCount: e.seq, headHash: e.hash, version: row.version + 1, updatedAt: now })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning({ id: cases.id });
  if (written.length !== 1) {
    throw new AppError('CASE_VERSION_CONFLICT', { expectedVersion: row.version });
  }
  await tx.insert(caseEvents).values(e.row);
  return { seq: e.seq, hash: e.hash };
}
