/**
 * The liaison ends the publicity once its period has run, recording any objections received. The
 * case goes back to 'notified' with the publicity completed (the event carries publicityEnded: true
 * and the determination publicized); the review and appeal window keeps running from the day the
 * decision was notified, not from the end of publicity.
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { recomputeClock } from './step-clock.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText } from './text-input.js';
import { determinationInForce } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function endPublicity(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { objections?: string },
) {
  const objections = optionalText('objections', req.objections, {
    what: { zh: '公示期间收到的异议', en: 'the objections received during publicity' },
    ...TEXT_LIMITS.objections,
  });
  return runTransition(ctx, actor, 'endPublicity', req, async ({ tx, loaded, today }) => {
    const determination = await determinationInForce(tx, loaded.row.id);
    // Suspended, or the period still running: refused by the rule (policies.ts, endPublicity).
    const row = loaded.row;
    const clock = await recomputeClock(ctx, tx, loaded, 'notified', { enteringOn: today });
    return {
      to: 'notified',
      event: 'case.publicity_ended',
      reason: objections,
      payload: {
        publicityEnded: true,
        determinationId: determination?.id ?? null,
        startedOn: row.stepStartedOn,
        periodDueOn: row.stepDueOn,
        endedOn: today,
        objections: objections === '' ? null : objections,
      },
      set: {
        stepDueOn: clock.stepDueOn,
        stepDueProvisional: clock.stepDueProvisional,
        publicityEndedOn: today,
      },
      result: undefined,
    };
  });
}
