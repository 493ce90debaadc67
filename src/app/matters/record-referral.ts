/**
 * Recording a criminal referral (移送) of an accountability matter: to the supervisory commission
 * (监察机关) or the judicial organs (司法机关), on a day, on a basis, with the receiving body's
 * receipt number. The matter is then `referred`: it stays with the competent body, and no
 * tolerance determination concludes it (feedback.ts). A matter is referred once. The case itself
 * goes on — tolerance is still weighed — but its outcome no longer closes the matter.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { accountabilityMatters } from '../tables.js';
import { checkedReferral, type ReferralInput } from './input.js';
import { matterOfCase, withMatter } from './subject.js';

export interface RecordReferralInput extends TransitionRequest, ReferralInput {}

export async function recordReferral(ctx: AppContext, actor: Actor, req: RecordReferralInput) {
  const referral = checkedReferral(req, todayOf(ctx));
  return runTransition(
    ctx,
    actor,
    'recordReferral',
    req,
    async ({ tx, loaded }) => {
      const matter = (await matterOfCase(tx, loaded))!;
      await tx
        .update(accountabilityMatters)
        .set({
          status: 'referred',
          referredTo: referral.to,
          referredOn: referral.on,
          referralBasis: referral.basis,
          referralReceipt: referral.receipt,
          referredBy: actor.userId,
        })
        .where(eq(accountabilityMatters.id, matter.id));
      return {
        event: 'case.matter_referred',
        reason: referral.basis,
        payload: { matterId: matter.id, ...referral, previousStatus: matter.status },
        result: { matterId: matter.id },
      };
    },
    { subject: withMatter },
  );
}
