/**
 * The accountability matter (问责事项) as the case view carries it (src/app/matters/present.ts),
 * and the parts of an ex-officio registration and of the matter's transitions that record its
 * circumstances and lifelong flag. Apart from matters.ts (the transitions' bodies), so that the
 * case view's schema (cases.ts) does not depend on the transitions' (case-actions.ts).
 */
import { MATTER_SOURCES } from '../shared/case.js';
import { TEXT_LIMITS } from '../shared/limits.js';
import {
  FEEDBACK_BASES,
  MATTER_ARTICLES,
  MATTER_CIRCUMSTANCES,
  MATTER_STATUSES,
  REFERRAL_BODIES,
} from '../shared/matters.js';
import {
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  PersonRef,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const MatterView = Obj(
  {
    id: Uuid,
    summary: Type.String(),
    openedOn: DateString,
    source: Nullable(StringEnum(MATTER_SOURCES)),
    sourceDetail: Type.String(),
    status: StringEnum(MATTER_STATUSES, {
      description:
        "'open' under investigation; 'concluded' with the tolerance outcome fed back; 'referred' to the competent body (移送), never concluded by tolerance.",
    }),
    statusLabel: I18nText,
    circumstances: List(
      Obj({
        code: StringEnum(MATTER_CIRCUMSTANCES),
        article: StringEnum(MATTER_ARTICLES),
        label: I18nText,
      }),
      { description: 'The Art. 17/18/19 circumstances of the accountability regulation.' },
    ),
    lifelong: Nullable(Obj({ name: Type.String(), on: DateString, body: Type.String() }), {
      description:
        'Lifelong accountability for a major decision (重大决策终身责任追究): the decision, its day and the body that made it.',
    }),
    feedback: Nullable(
      Obj({
        caseId: Uuid,
        outcome: Type.String(),
        outcomeLabel: Nullable(I18nText),
        inForceOn: DateString,
        basis: StringEnum(FEEDBACK_BASES),
        previousOutcome: Nullable(Type.String()),
        previousOutcomeLabel: Nullable(I18nText),
      }),
      {
        description:
          'The tolerance outcome in force, fed back when it took effect; replaced (previousOutcome) when a review or appeal changed it.',
      },
    ),
    referral: Nullable(
      Obj({
        to: StringEnum(REFERRAL_BODIES),
        toLabel: I18nText,
        on: DateString,
        basis: Type.String(),
        receipt: Type.String(),
        by: Nullable(PersonRef),
      }),
      { description: 'The criminal referral (移送), once recorded.' },
    ),
    crimeSuspected: Type.Boolean({ description: "The case's facts have crimeSuspected." }),
    withCompetentBody: Type.Boolean({
      description:
        'Tolerance does not conclude the matter: a referral is recorded, or a crime is suspected.',
    }),
  },
  {
    description:
      'Officers only: the accountability matter an ex-officio case was opened on — source, circumstances, lifelong flag, the outcome fed back, the referral.',
  },
);
export type MatterView = Static<typeof MatterView>;

/** The circumstances and the lifelong flag, as registration and recordCircumstances take them. */
export const CIRCUMSTANCE_FIELDS = {
  circumstances: Type.Optional(
    List(StringEnum(MATTER_CIRCUMSTANCES), {
      maxItems: MATTER_CIRCUMSTANCES.length,
      uniqueItems: true,
      description:
        'Codes of the Art. 17/18/19 circumstances (GET /api/policy vocabulary: src/shared/matters.ts).',
    }),
  ),
  lifelong: Type.Optional(
    Type.Boolean({
      description:
        'Lifelong accountability for a major decision (重大决策终身责任追究); then the three majorDecision fields are required.',
    }),
  ),
  majorDecisionName: Type.Optional(
    Text(TEXT_LIMITS.majorDecisionName.max, 0, 'The major decision, by name.'),
  ),
  majorDecisionOn: Type.Optional(DateString),
  majorDecisionBody: Type.Optional(
    Text(TEXT_LIMITS.majorDecisionBody.max, 0, 'The body that made it, e.g. 区委常委会.'),
  ),
};
