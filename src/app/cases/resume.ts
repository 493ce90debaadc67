/**
 * Resuming a suspended case: the suspension ends the day before today (resumed on day R, it
 * covered [from, R − 1]; resumed on the day it began, it covered no day), and the running step's
 * due date is recomputed from the step's start with every ended suspension and the step's approved
 * extensions, so the deadline moves out by the suspended working days.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { addDaysIso } from '../dates.js';
import { caseSuspensions } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText } from './text-input.js';
import { recomputeClock } from './step-clock.js';
import { runTransition, type TransitionRequest } from './transition.js';
import type { AppTx } from '../db.js';

export async function resumeCase(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { note?: string },
) {
  const note = optionalText('note', req.note, {
    what: { zh: '恢复办理的说明', en: 'the note on resuming' },
    ...TEXT_LIMITS.resumeNote,
  });
  return runTransition(ctx, actor, 'resume', req, async ({ tx, loaded, today }) => {
    const row = loaded.row;
    const to = addDaysIso(today, -1);
    // The clock counts the open suspension as ending on `to`, the day before today.
    const clock = await recomputeClock(ctx, tx, loaded, row.state as CaseState, {
      endingOpenOn: to,
    });
    await endOpenSuspension(tx, row.id, to);
    const s = clock.open;
    const from = s?.from ?? row.suspendedSince ?? today;
    const calendar = ctx.calendars.get(loaded.jurisdiction.calendarId);
    return {
      event: 'case.resumed',
      reason: note,
      payload: {
        suspensionId: s?.id ?? null,
        suspendedFrom: from,
        // The last suspended day; null when the suspension was lifted the day it began.
        suspendedTo: to >= from ? to : null,
        suspendedWorkingDays:
          to >= from ? calendar.workingDaysBetween(addDaysIso(from, -1), to) : 0,
        dueOnBefore: row.stepDueOn,
        dueOn: clock.stepDueOn,
      },
      set: {
        suspendedSince: null,
        stepDueOn: clock.stepDueOn,
        stepDueProvisional: clock.stepDueProvisional,
      },
      result: { dueOn: clock.stepDueOn },
    };
  });
}

/** Ends the case's open suspension on `to` (its last suspended day); also used on closing. */
export async function endOpenSuspension(tx: AppTx, caseId: string, to: string): Promise<void> {
  await tx
    .update(caseSuspensions)
    .set({ toOn: to })
    .where(and(eq(caseSuspensions.caseId, caseId), isNull(caseSuspensions.toOn)))
    .prepare('end_open_suspension')
    .execute();
}
