/**
 * The organization-department liaison puts the determination in force up for publicity (公示), when
 * the pack requires it. The publicity step's clock runs for the pack's publicity period. A
 * determination is publicized once: after its publicity ended the case cannot go back to publicity
 * (a changed decision on review or appeal is a new determination and is publicized again).
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { precondition } from './preconditions.js';
import { publicityDoneFor } from './publicity.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function startPublicity(ctx: AppContext, actor: Actor, req: TransitionRequest) {
  return runTransition(ctx, actor, 'startPublicity', req, async ({ db, loaded }) => {
    const d = loaded.determination;
    if (!d) {
      throw precondition(
        { caseId: req.caseId },
        '本案尚无认定结论，无法公示。',
        'The case has no determination to publicize.',
      );
    }
    if (await publicityDoneFor(db, loaded.row.id, d.id)) {
      throw precondition(
        { determinationId: d.id },
        `认定（${d.documentNumber}）已完成公示，不再重复公示。`,
        `The determination ${d.documentNumber} has already been publicized; it is not publicized twice.`,
      );
    }
    const period = loaded.procedure.publicity.period;
    return {
      to: 'publicity',
      event: 'case.publicity_started',
      payload: {
        determinationId: d.id,
        documentNumber: d.documentNumber,
        period: period ? { days: period.days, unit: period.unit } : null,
      },
      result: undefined,
    };
  });
}
