/**
 * Suspending a case (中止): the step clock stops from today. The suspension covers whole days from
 * today until the day before the case resumes (see step-clock.ts); the due date is recomputed on
 * resumption. While suspended the case is left out of the overdue and due-soon lists.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { caseSuspensions } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function suspendCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { reason: string },
) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '中止办理的理由', en: 'the reason for suspending the case' },
    ...TEXT_LIMITS.suspendReason,
  });
  return runTransition(ctx, actor, 'suspend', req, async ({ tx, loaded, today }) => {
    const id = randomUUID();
    await tx
      .insert(caseSuspensions)
      .values({
        id,
        caseId: loaded.row.id,
        jurisdictionId: loaded.row.jurisdictionId,
        step: loaded.row.step,
        fromOn: today,
        toOn: null,
        reason,
      })
      .prepare('insert_case_suspension')
      .execute();
    return {
      event: 'case.suspended',
      reason,
      payload: {
        suspensionId: id,
        step: loaded.row.step,
        suspendedFrom: today,
        dueOnBefore: loaded.row.stepDueOn,
      },
      set: { suspendedSince: today },
      result: { suspensionId: id },
    };
  });
}
