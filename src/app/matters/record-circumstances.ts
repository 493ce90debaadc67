/**
 * Recording an accountability matter's circumstances (问责情形) under the accountability regulation
 * (Art. 17 no accountability or exemption, Art. 18 lighter or reduced, Art. 19 heavier) and its
 * lifelong-accountability flag with the major decision it concerns (重大决策终身责任追究). The
 * intake officer or investigator who holds the matter records them, on the case opened on it; the
 * whole set replaces the one before, and the event keeps both.
 */
import type { Actor } from '../../domain/roles.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { accountabilityMatters } from '../tables.js';
import { eq } from 'drizzle-orm';
import { checkedCircumstances, type CircumstancesInput } from './input.js';
import { matterOfCase, withMatter } from './subject.js';

export interface RecordCircumstancesInput extends TransitionRequest, CircumstancesInput {}

export async function recordCircumstances(
  ctx: AppContext,
  actor: Actor,
  req: RecordCircumstancesInput,
) {
  const recorded = checkedCircumstances(req, todayOf(ctx));
  return runTransition(
    ctx,
    actor,
    'recordCircumstances',
    req,
    async ({ tx, loaded }) => {
      // The rule saw the matter (withMatter): the case has one.
      const matter = (await matterOfCase(tx, loaded))!;
      await tx
        .update(accountabilityMatters)
        .set(recorded)
        .where(eq(accountabilityMatters.id, matter.id));
      return {
        event: 'case.matter_circumstances_recorded',
        payload: {
          matterId: matter.id,
          ...recorded,
          previous: {
            circumstances: matter.circumstances,
            lifelong: matter.lifelong,
            majorDecisionName: matter.majorDecisionName,
            majorDecisionOn: matter.majorDecisionOn,
            majorDecisionBody: matter.majorDecisionBody,
          },
        },
        result: { matterId: matter.id },
      };
    },
    { subject: withMatter },
  );
}
