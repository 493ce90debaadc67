/**
 * The organization-department liaison puts the determination in force up for publicity (公示), when
 * the pack requires it. The publicity step's clock runs for the pack's publicity period. A
 * determination is publicized once: after its publicity ended the case cannot go back to publicity
 * (a changed decision on review or appeal is a new determination and is publicized again): the
 * rule in policies.ts sees it as `publicityDone` (cases.publicity_ended_on).
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { precondition } from './preconditions.js';
import { determinationInForce } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export async function startPublicity(ctx: AppContext, actor: Actor, req: TransitionRequest) {
  return runTransition(ctx, actor, 'startPublicity', req, async ({ tx, loaded }) => {
    const d = await determinationInForce(tx, loaded.row.id);
    if (!d) {
      throw precondition(
        { caseId: req.caseId },
        '本案尚无认定结论，无法公示。',
        'The case has no determination to publicize.',
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
