/**
 * Referring a false accusation on (诬告陷害移送): where verification found the accusation made up
 * on purpose, the chair of the deciding body records its referral to the body that deals with the
 * accuser (a discipline inspection and supervision organ, the public security organ…): to whom,
 * on which day (not before the clearing was recorded, not after today), and on what basis. Once,
 * at any time after the clearing is recorded; the clearing's own state does not change.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireDay, requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { invalid } from '../errors.js';
import { nameClearings } from '../tables.js';
import { clearingForChange, withClearing } from './subject.js';

export interface ReferAccuserInput extends TransitionRequest {
  readonly referredTo: string;
  readonly referredOn: string;
  readonly basis: string;
}

function checked(ctx: AppContext, req: ReferAccuserInput) {
  const referredOn = requireDay('referredOn', req.referredOn, {
    what: { zh: '移送日期', en: 'the day of the referral' },
    notAfter: todayOf(ctx),
  });
  return {
    referredTo: requireText('referredTo', req.referredTo, {
      what: { zh: '移送机关', en: 'the body referred to' },
      ...TEXT_LIMITS.accuserReferralBody,
    }),
    referredOn,
    basis: requireText('basis', req.basis, {
      what: { zh: '移送依据和主要事实', en: 'the basis and main facts of the referral' },
      ...TEXT_LIMITS.accuserReferralBasis,
    }),
  };
}

export async function referAccuser(ctx: AppContext, actor: Actor, req: ReferAccuserInput) {
  const r = checked(ctx, req);
  return runTransition(
    ctx,
    actor,
    'referAccuser',
    req,
    async ({ tx, loaded }) => {
      const k = await clearingForChange(tx, loaded.row.id);
      if (r.referredOn < k.recordedOn) {
        throw invalid(
          'referredOn',
          `移送日期不得早于澄清正名登记日期（${k.recordedOn}）。`,
          `the referral cannot be dated before the clearing was recorded (${k.recordedOn}).`,
        );
      }
      await tx
        .update(nameClearings)
        .set({
          referredTo: r.referredTo,
          referredOn: r.referredOn,
          referralBasis: r.basis,
          referredBy: actor.userId,
        })
        .where(eq(nameClearings.id, k.id));
      return {
        event: 'case.accuser_referred',
        payload: { clearingId: k.id, ...r },
        result: { clearingId: k.id },
      };
    },
    { subject: withClearing },
  );
}
