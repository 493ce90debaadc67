/**
 * An officer asks for more time for the running step (延期), with reasons; the committee chair
 * decides (decide-extension.ts). Only a step with a time limit can be extended, and not the review
 * and appeal window, which is the parties' time set by the measure. One request at a time per step.
 */
import { MAX_EXTENSION_DAYS } from '../../shared/case.js';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { caseExtensions } from '../tables.js';
import { limitOf } from './deadlines.js';
import { precondition } from './preconditions.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { CHALLENGE_WINDOW } from './step-clock.js';
import { runTransition, type TransitionRequest } from './transition.js';

export { MAX_EXTENSION_DAYS };

export async function requestExtension(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { days: number; reason: string },
) {
  if (!Number.isInteger(req.days) || req.days < 1 || req.days > MAX_EXTENSION_DAYS) {
    throw invalid(
      'days',
      `应为 1 到 ${MAX_EXTENSION_DAYS} 之间的整数。`,
      `use a whole number from 1 to ${MAX_EXTENSION_DAYS}.`,
    );
  }
  const reason = requireText('reason', req.reason, {
    what: { zh: '需要延长期限的理由', en: 'the reason more time is needed' },
    ...TEXT_LIMITS.extensionReason,
  });
  return runTransition(ctx, actor, 'requestExtension', req, async ({ tx, loaded, actor, now }) => {
    const row = loaded.row;
    const limit = limitOf(loaded.procedure, row.step);
    if (!limit || row.step === CHALLENGE_WINDOW) {
      throw precondition(
        { step: row.step },
        row.step === CHALLENGE_WINDOW
          ? '复核申诉期由办法规定，不能延长。'
          : '当前环节没有办理期限，无需延期。',
        row.step === CHALLENGE_WINDOW
          ? 'The review and appeal window is set by the measure and cannot be extended.'
          : 'The current step has no time limit, so there is nothing to extend.',
      );
    }
    const [pending] = await tx
      .select({ id: caseExtensions.id })
      .from(caseExtensions)
      .where(
        and(
          eq(caseExtensions.caseId, row.id),
          eq(caseExtensions.step, row.step),
          eq(caseExtensions.status, 'requested'),
        ),
      )
      .limit(1);
    if (pending) {
      throw precondition(
        { extensionId: pending.id },
        '本环节已有一项延期申请待决定，请等待决定后再申请。',
        'An extension for this step is already waiting for a decision; wait for it first.',
      );
    }
    const id = randomUUID();
    await tx.insert(caseExtensions).values({
      id,
      caseId: row.id,
      jurisdictionId: row.jurisdictionId,
      step: row.step,
      days: req.days,
      reason,
      requestedBy: actor.userId,
      requestedAt: now,
      status: 'requested',
    });
    return {
      event: 'case.extension_requested',
      reason,
      payload: { extensionId: id, step: row.step, days: req.days, unit: limit.unit },
      result: { extensionId: id },
    };
  });
}
