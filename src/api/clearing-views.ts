/**
 * The name clearing (澄清正名) as the case view carries it (src/app/queries/clearing-view.ts). Apart
 * from clearings.ts (the transitions' bodies), so that the case view's schema (cases.ts) does not
 * depend on the transitions' (case-actions.ts), which depend on it.
 */
import { CLEARING_FINDINGS, CLEARING_MANNERS, CLEARING_STATES } from '../shared/clearings.js';
import {
  DateString,
  I18nText,
  Nullable,
  Obj,
  PersonRef,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const ClearingView = Obj(
  {
    id: Uuid,
    finding: StringEnum(CLEARING_FINDINGS),
    findingLabel: I18nText,
    alleged: Type.String({ description: '反映的问题: what was alleged.' }),
    found: Type.String({ description: '核查认定情况: what verification found.' }),
    manner: StringEnum(CLEARING_MANNERS),
    mannerLabel: I18nText,
    scope: Type.String({ description: '澄清范围: whom the notice reaches.' }),
    state: StringEnum(CLEARING_STATES),
    stateLabel: I18nText,
    recordedOn: DateString,
    recordedBy: Nullable(PersonRef),
    notice: Nullable(
      Obj({
        documentId: Uuid,
        number: Type.String({ examples: ['X新容澄〔2026〕1号'] }),
        issuedOn: DateString,
        issuedBy: Nullable(PersonRef),
      }),
      { description: 'The clearing notice (澄清正名通报) once issued; a case document.' },
    ),
    publicity: Nullable(
      Obj({
        consentOn: DateString,
        consentRecord: Type.String(),
        channel: Type.String(),
        from: DateString,
        to: DateString,
        by: Nullable(PersonRef),
      }),
      { description: 'Made public, with the official’s written consent; null otherwise.' },
    ),
    closed: Nullable(Obj({ on: DateString, reason: Type.String(), by: Nullable(PersonRef) }), {
      description: 'Closed without publicity, and why; null otherwise.',
    }),
    referral: Nullable(
      Obj({
        to: Type.String(),
        on: DateString,
        basis: Nullable(Type.String(), { description: 'Null for the parties.' }),
        by: Nullable(PersonRef),
      }),
      { description: 'The referral of a false accusation (诬告陷害); null before or otherwise.' },
    ),
  },
  {
    description:
      'The name clearing (澄清正名) of the official: recorded, its notice issued, then made public with the official’s consent or closed without publicity; a false accusation referred on.',
  },
);
export type ClearingView = Static<typeof ClearingView>;
