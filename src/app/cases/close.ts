/**
 * Closing a case (办结) once nothing is pending: the review and appeal window has passed and the
 * determination has been filed upward where the pack requires it (policies.ts, close). A running
 * suspension ends with the case.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { addDaysIso } from '../dates.js';
import { caseSuspensions } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText } from './text-input.js';
import { endOpenSuspension } from './resume.js';
import { determinationInForce } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function closeCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  const note = optionalText('note', req.note, {
    what: { zh: '办结说明', en: 'the closing note' },
    ...TEXT_LIMITS.closeNote,
  });
  return runTransition(ctx, actor, 'close', req, async ({ tx, loaded, now, today }) => {
    const determination = await determinationInForce(tx, loaded.row.id);
    const row = loaded.row;
    let suspensionEnded: { id: string; from: string; to: string } | undefined;
    if (row.suspendedSince !== null) {
      const to = addDaysIso(today, -1);
      // The open suspension ends with the case.
      const [s] = await tx
        .select({ id: caseSuspensions.id, fromOn: caseSuspensions.fromOn })
        .from(caseSuspensions)
        .where(and(eq(caseSuspensions.caseId, row.id), isNull(caseSuspensions.toOn)))
        .limit(1);
      if (s) {
        suspensionEnded = { id: s.id, from: s.fromOn, to };
        await endOpenSuspension(tx, row.id, to);
      }
    }
    return {
      to: 'closed',
      event: 'case.closed',
      reason: note,
      payload: {
        closedOn: today,
        determinationId: determination?.id ?? null,
        outcome: determination?.outcome ?? null,
        ...(suspensionEnded ? { suspensionEnded } : {}),
      },
      set: { closedAt: now, suspendedSince: null },
      result: undefined,
    };
  });
}
