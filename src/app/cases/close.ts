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
import { optionalText } from './text-input.js';
import { runTransitionInTransaction, type TransitionRequest } from './transition.js';

export async function closeCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  const note = optionalText('note', req.note, {
    what: { zh: '办结说明', en: 'the closing note' },
    max: 20_000,
  });
  return runTransitionInTransaction(
    ctx,
    actor,
    'close',
    req,
    async ({ tx, loaded, now, today }) => {
      const row = loaded.row;
      let suspensionEnded: { id: string; from: string; to: string } | undefined;
      if (row.suspendedSince !== null) {
        const to = addDaysIso(today, -1);
        const [s] = await tx
          .update(caseSuspensions)
          .set({ toOn: to })
          .where(and(eq(caseSuspensions.caseId, row.id), isNull(caseSuspensions.toOn)))
          .returning();
        if (s) suspensionEnded = { id: s.id, from: s.fromOn, to };
      }
      return {
        to: 'closed',
        event: 'case.closed',
        reason: note,
        payload: {
          closedOn: today,
          determinationId: loaded.determination?.id ?? null,
          outcome: loaded.determination?.outcome ?? null,
          ...(suspensionEnded ? { suspensionEnded } : {}),
        },
        set: { closedAt: now, suspendedSince: null },
        result: undefined,
      };
    },
  );
}
