/**
 * Name clearing (澄清正名) over HTTP (src/server/routes/clearings.ts): the bodies and results of its
 * transitions (the view the case carries is in clearing-views.ts). Each body carries
 * `expectedVersion` like every transition; each answer is the fresh case and a small result.
 */
import { CLEARING_FINDINGS, CLEARING_MANNERS } from '../shared/clearings.js';
import { TEXT_LIMITS } from '../shared/limits.js';
import { TransitionBody } from './case-actions.js';
import { DateString, Obj, StringEnum, Text, Type, Uuid } from './common.js';

const L = TEXT_LIMITS;
const CLEARING_ID = Obj({ clearingId: Uuid });

export const CLEARINGS_API = {
  recordClearing: {
    body: TransitionBody({
      finding: StringEnum(CLEARING_FINDINGS, {
        description: 'untrue 反映失实, false_accusation 诬告陷害, mistaken 错告.',
      }),
      alleged: Text(L.clearingAlleged.max, L.clearingAlleged.min),
      found: Text(L.clearingFound.max, L.clearingFound.min),
      manner: StringEnum(CLEARING_MANNERS, {
        description: 'meeting 会议澄清, circular 书面通报.',
      }),
      scope: Text(L.clearingScope.max, L.clearingScope.min),
    }),
    result: CLEARING_ID,
  },
  issueClearingNotice: {
    body: TransitionBody({}),
    result: Obj({
      clearingId: Uuid,
      documentId: Uuid,
      number: Type.String(),
      issuedOn: DateString,
    }),
  },
  publicizeClearing: {
    body: TransitionBody({
      consentOn: DateString,
      consentRecord: Text(L.clearingConsent.max, L.clearingConsent.min),
      channel: Text(L.clearingChannel.max, L.clearingChannel.min),
      from: DateString,
      to: DateString,
    }),
    result: CLEARING_ID,
  },
  closeClearing: {
    body: TransitionBody({
      reason: Text(L.clearingCloseReason.max, L.clearingCloseReason.min),
    }),
    result: CLEARING_ID,
  },
  referAccuser: {
    body: TransitionBody({
      referredTo: Text(L.accuserReferralBody.max, L.accuserReferralBody.min),
      referredOn: DateString,
      basis: Text(L.accuserReferralBasis.max, L.accuserReferralBasis.min),
    }),
    result: CLEARING_ID,
  },
} as const;
