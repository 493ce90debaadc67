/**
 * Closing a clearing without publicity (不予公开, 澄清完毕): after the notice, the liaison or the
 * chair records why the name is not cleared in public — the official did not consent, or the
 * notice's scope reached everyone who heard the accusation — and the clearing ends there.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { nameClearings } from '../tables.js';
import { clearingForChange, withClearing } from './subject.js';

export interface CloseClearingInput extends TransitionRequest {
  readonly reason: string;
}

export async function closeClearing(ctx: AppContext, actor: Actor, req: CloseClearingInput) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '不予公开的理由', en: 'why it is not made public' },
    ...TEXT_LIMITS.clearingCloseReason,
  });
  return runTransition(
    ctx,
    actor,
    'closeClearing',
    req,
    async ({ tx, loaded, today }) => {
      const k = await clearingForChange(tx, loaded.row.id);
      await tx
        .update(nameClearings)
        .set({ state: 'closed', closedOn: today, closedBy: actor.userId, closeReason: reason })
        .where(eq(nameClearings.id, k.id));
      return {
        event: 'case.clearing_closed',
        payload: { clearingId: k.id, reason },
        result: { clearingId: k.id },
      };
    },
    { subject: withClearing },
  );
}
