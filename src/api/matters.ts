/**
 * Accountability linkage (问责衔接) over HTTP (src/server/routes/matters.ts): the bodies and results
 * of the matter's transitions on the case opened on it, and the list of a jurisdiction's matters.
 */
import { MATTER_SOURCES } from '../shared/case.js';
import { TEXT_LIMITS } from '../shared/limits.js';
import { MATTER_STATUSES, REFERRAL_BODIES } from '../shared/matters.js';
import { TransitionBody } from './case-actions.js';
import {
  Count,
  DateString,
  I18nText,
  Nullable,
  Obj,
  PAGING,
  Page,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';
import { CIRCUMSTANCE_FIELDS } from './matter-views.js';

export const MATTERS_API = {
  recordCircumstances: {
    body: TransitionBody(CIRCUMSTANCE_FIELDS),
    result: Obj({ matterId: Uuid }),
  },
  recordReferral: {
    body: TransitionBody({
      to: StringEnum(REFERRAL_BODIES, {
        description: 'supervisory_commission (监察机关) or judicial (司法机关).',
      }),
      on: DateString,
      basis: Text(TEXT_LIMITS.referralBasis.max, TEXT_LIMITS.referralBasis.min),
      receipt: Text(TEXT_LIMITS.referralReceipt.max, TEXT_LIMITS.referralReceipt.min),
    }),
    result: Obj({ matterId: Uuid }),
  },
} as const;

/** GET /api/accountability-matters: filters. */
export const MatterListQuery = Obj({
  status: Type.Optional(StringEnum(MATTER_STATUSES)),
  lifelong: Type.Optional(Type.Boolean()),
  ...PAGING,
});
export type MatterListQuery = Static<typeof MatterListQuery>;

export const MatterListItem = Obj({
  id: Uuid,
  summary: Type.String(),
  openedOn: DateString,
  source: Nullable(StringEnum(MATTER_SOURCES)),
  official: Obj({ id: Uuid, name: Type.String() }),
  jurisdiction: Obj({ id: Type.String(), name: I18nText }),
  status: StringEnum(MATTER_STATUSES),
  statusLabel: I18nText,
  circumstances: Count,
  lifelong: Type.Boolean(),
  majorDecisionName: Nullable(Type.String()),
  fedBackOutcome: Nullable(Type.String()),
  /** The outcome's label in the pack that governed the case. */
  fedBackOutcomeLabel: Nullable(I18nText),
  fedBackInForceOn: Nullable(DateString),
  referredOn: Nullable(DateString),
  case: Nullable(Obj({ id: Uuid, number: Type.String() })),
});
export type MatterListItem = Static<typeof MatterListItem>;

export const MatterList = Page(MatterListItem);
export type MatterList = Static<typeof MatterList>;
