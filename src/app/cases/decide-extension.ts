/**
 * The committee chair approves or refuses a requested extension, with reasons. An approval
 * lengthens the running step: its due date is recomputed from the step's start with all approved
 * extensions of the step and every ended suspension. A request made for a step the case has left
 * can only be refused.
 */
import { and, eq } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { chinaDate } from '../context.js';
import { invalid } from '../errors.js';
import { caseExtensions } from '../tables.js';
import { precondition } from './preconditions.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, requireText } from './text-input.js';
import { recomputeClock } from './step-clock.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function decideExtension(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { extensionId: string; approve: boolean; reason: string },
) {
  if (typeof req.approve !== 'boolean') {
    throw invalid('approve', '应为 true（批准）或 false（不批准）。', 'use true or false.');
  }
  const reason = requireText('reason', req.reason, {
    what: { zh: '批准或不批准延期的理由', en: 'the reason for the decision' },
    ...TEXT_LIMITS.extensionDecisionReason,
  });
  return runTransition(
    ctx,
    actor,
    'decideExtension',
    req,
    async ({ tx, loaded, actor, now, today }) => {
      const row = loaded.row;
      const [ext] = isUuid(req.extensionId)
        ? await tx
            .select()
            .from(caseExtensions)
            .where(and(eq(caseExtensions.id, req.extensionId), eq(caseExtensions.caseId, row.id)))
        : [];
      if (!ext) {
        throw invalid(
          'extensionId',
          '本案没有这项延期申请。',
          'no such extension request on this case.',
        );
      }
      if (ext.status !== 'requested') {
        throw precondition(
          { extensionId: ext.id, status: ext.status },
          '这项延期申请已经决定过了。',
          'This extension request has already been decided.',
        );
      }
      const stale = ext.step !== row.step || chinaDate(ext.requestedAt) < row.stepStartedOn;
      if (req.approve && stale) {
        throw precondition(
          { extensionId: ext.id, step: ext.step },
          '该延期申请所针对的办理环节已经结束，只能不予批准。',
          'The step this extension was asked for has ended; it can only be refused.',
        );
      }
      const status = req.approve ? 'approved' : 'refused';
      await tx
        .update(caseExtensions)
        .set({ status, decidedBy: actor.userId, decidedAt: now })
        .where(eq(caseExtensions.id, ext.id));
      // Approved, it lengthens the running step: recount the clock with it. (The review and
      // appeal window takes no extensions: request-extension.ts refuses them.)
      const clock = req.approve
        ? await recomputeClock(ctx, tx, loaded, row.state as CaseState)
        : undefined;
      return {
        event: req.approve ? 'case.extension_approved' : 'case.extension_refused',
        reason,
        payload: {
          extensionId: ext.id,
          step: ext.step,
          days: ext.days,
          ...(clock ? { dueOnBefore: row.stepDueOn, dueOn: clock.stepDueOn } : {}),
          decidedOn: today,
        },
        ...(clock
          ? { set: { stepDueOn: clock.stepDueOn, stepDueProvisional: clock.stepDueProvisional } }
          : {}),
        result: { status, dueOn: clock?.stepDueOn ?? row.stepDueOn },
      };
    },
  );
}
