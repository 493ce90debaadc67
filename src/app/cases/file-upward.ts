/**
 * The liaison files the determination with the higher level (报备), when the pack requires it. From
 * 'publicity' this is allowed only once the publicity period has run, and the filing then also
 * completes the publicity (no objections recorded: end the publicity first to record them). The
 * review and appeal window keeps running from the day the decision was notified.
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { precondition } from './preconditions.js';
import { recomputeClock } from './step-clock.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText } from './text-input.js';
import { determinationInForce } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function fileUpward(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { reference?: string },
) {
  const reference = optionalText('reference', req.reference, {
    what: { zh: '报备文号', en: 'the filing reference' },
    ...TEXT_LIMITS.filingReference,
  });
  return runTransition(ctx, actor, 'fileUpward', req, async ({ tx, loaded, today }) => {
    const determination = await determinationInForce(tx, loaded.row.id);
    const row = loaded.row;
    const duringPublicity = row.state === 'publicity';
    if (duringPublicity && row.suspendedSince !== null) {
      throw precondition(
        { suspendedSince: row.suspendedSince },
        `本案自 ${row.suspendedSince} 起中止，公示期停止计算；请先恢复办理。`,
        `The case is suspended since ${row.suspendedSince}, so the publicity period is not running; resume the case first.`,
      );
    }
    if (duringPublicity && row.stepDueOn !== null && today <= row.stepDueOn) {
      throw precondition(
        { stepDueOn: row.stepDueOn },
        `公示期至 ${row.stepDueOn} 届满；公示期内不能报备，请在届满后报备。`,
        `The publicity period runs until ${row.stepDueOn}; file upward after it has ended.`,
      );
    }
    const clock = await recomputeClock(ctx, tx, loaded, 'filed', { enteringOn: today });
    return {
      to: 'filed',
      event: 'case.filed_upward',
      payload: {
        determinationId: determination?.id ?? null,
        documentNumber: determination?.documentNumber ?? null,
        reference: reference === '' ? null : reference,
        filedOn: today,
        ...(duringPublicity
          ? { publicityEnded: true, publicityDueOn: row.stepDueOn, objections: null }
          : {}),
      },
      set: {
        stepDueOn: clock.stepDueOn,
        stepDueProvisional: clock.stepDueProvisional,
        filedUpwardOn: today,
        ...(duringPublicity ? { publicityEndedOn: today } : {}),
      },
      result: undefined,
    };
  });
}
