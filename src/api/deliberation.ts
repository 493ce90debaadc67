/**
 * The committee's read side of a case (src/app/queries/recommendation.ts): the recommendation
 * with reasons, why-nots and missing facts, the outcome ladder, what deciding requires, who may
 * join the panel, and the decision document's preview.
 */
import { ClauseRef, Outcome, TimeLimit } from './policy.js';
import { TEXT_LIMITS } from '../shared/limits.js';
import {
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  Locale,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

/** A failed or unknown condition, in words (recursive: `because`). */
export interface ConditionFailure {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly rule: string | null;
  readonly clauses: readonly ClauseRef[];
  readonly fact: string | null;
  readonly factLabel: I18nText | null;
  readonly actual: I18nText | null;
  readonly because: readonly ConditionFailure[];
}

const NULLABLE_TEXT = { anyOf: [I18nText, { type: 'null' }] };

export const FAILURE_SCHEMA = {
  $id: 'Failure',
  type: 'object',
  description:
    'A condition that did not hold (failed) or is not known (unknown), with the conditions under it that explain why (because, same shape).',
  properties: {
    status: { type: 'string', enum: ['failed', 'unknown'] },
    text: I18nText,
    rule: { type: ['string', 'null'] },
    clauses: { type: 'array', items: ClauseRef },
    fact: { type: ['string', 'null'] },
    factLabel: NULLABLE_TEXT,
    actual: { ...NULLABLE_TEXT, description: 'The fact’s value in words.' },
    because: { type: 'array', items: { $ref: 'Failure#' } },
  },
  required: ['status', 'text', 'rule', 'clauses', 'fact', 'factLabel', 'actual', 'because'],
  additionalProperties: false,
} as const;
const Failure = Type.Unsafe<ConditionFailure>({ $ref: 'Failure#' });

const Labelled = Obj({ id: Type.String(), label: I18nText });
const FactInWords = Obj({ fact: Type.String(), label: I18nText, value: I18nText });
const ClauseIds = List(Type.String(), {
  description: 'Ids of the clauses it rests on; their text is in citedClauses.',
});

export const Recommendation = Obj({
  source: StringEnum(['current', 'determination'] as const, {
    description:
      "'current': computed now on the current facts, as the decision will compute it; 'determination': stored with the decision in force.",
  }),
  determinationId: Nullable(Type.String()),
  asOf: DateString,
  outcome: Type.String(),
  label: I18nText,
  undetermined: Type.Boolean(),
  recommended: List(Labelled, {
    description:
      'The recommended band: the outcomes the deciding entry allows, most favourable first (one where the rules name one; empty when undetermined). Deciding within it needs no departure reasons.',
  }),
  recommendationText: Nullable(I18nText, {
    description:
      'The result worded as a recommendation to the collective body (建议……由集体研究认定); null when stored before it was given.',
  }),
  resultKind: Nullable(StringEnum(['ladder', 'notApplicable', 'referred'] as const), {
    description:
      'On the outcome ladder, or a result off it (not applicable, referred); null when undetermined or stored before.',
  }),
  possibleOutcomes: List(Labelled),
  decidedBy: Nullable(Obj({ entry: Type.String(), note: Nullable(I18nText) })),
  reasons: List(
    Obj({
      rule: Type.String(),
      kind: Type.String(),
      title: I18nText,
      clauses: List(ClauseRef),
      facts: List(FactInWords),
    }),
  ),
  situations: Nullable(
    List(
      Obj({
        rule: Type.String(),
        kind: Type.String(),
        title: I18nText,
        clauses: ClauseIds,
        facts: List(FactInWords),
        decisive: Type.Boolean({ description: 'Among the reasons of the recommendation.' }),
      }),
    ),
    {
      description:
        'Every tolerable situation that holds (成立的容错情形); null in a recommendation stored before it was given.',
    },
  ),
  negativeList: Nullable(
    List(
      Obj({
        rule: Type.String(),
        title: I18nText,
        status: StringEnum(['absent', 'present', 'unknown'] as const),
        clauses: ClauseIds,
        facts: List(FactInWords),
      }),
    ),
    {
      description:
        'Each exclusion of the negative list as checked (负面清单核查); null in a recommendation stored before it was given.',
    },
  ),
  citedClauses: Nullable(List(ClauseRef), {
    description: 'Each clause cited, once, in the order first cited; null when stored before.',
  }),
  whyNot: List(
    Obj({
      outcome: Type.String(),
      label: I18nText,
      entry: Type.String(),
      precludedBy: Nullable(Type.String()),
      failed: List(Failure),
    }),
  ),
  missingFacts: List(Obj({ fact: Type.String(), label: I18nText, help: Nullable(I18nText) })),
  derived: List(
    Obj({
      fact: Type.String(),
      label: I18nText,
      value: I18nText,
      formula: I18nText,
      note: Nullable(I18nText),
    }),
    { description: 'The facts computed from others, each with its value in words and formula.' },
  ),
  pack: Type.String(),
  packTitle: I18nText,
  version: Type.String(),
  time: Obj({ note: I18nText, moreLenientLaterVersion: Type.Boolean() }),
});
export type Recommendation = Static<typeof Recommendation>;

export const RecommendationAnswer = Obj({
  recommendation: Recommendation,
  ladder: List(Outcome, {
    description: 'The outcome ladder of the case’s pack version, most favourable first.',
  }),
  decision: Obj({
    withoutReasons: List(Type.String(), {
      description:
        'The outcomes that need no departure reasons (the recommended band, most favourable first); empty when the recommendation is undetermined, so every outcome needs them.',
    }),
    minDepartureReasons: Type.Integer(),
  }),
});
export type RecommendationAnswer = Static<typeof RecommendationAnswer>;
export type LadderOutcome = Static<typeof Outcome>;

export const PanelCandidate = Obj({
  id: Uuid,
  name: Type.String(),
  canChair: Type.Boolean({ description: 'Holds the chair’s role over the case.' }),
});
export type PanelCandidate = Static<typeof PanelCandidate>;
export const PanelCandidates = Obj({ items: List(PanelCandidate) });

export const DecisionPreviewBody = Obj({
  outcome: Type.String({ minLength: 1, maxLength: 64 }),
  departureReasons: Type.Optional(Text(TEXT_LIMITS.departureReasons.max)),
  lang: Type.Optional(Locale),
});

export const OfficialIdParams = Obj({ id: Uuid });

/** GET /api/officials/:id/preliminary-assessment: what the application form may show. */
export const ApplicantAssessmentSetting = Obj({
  jurisdiction: Obj(
    { id: Type.String(), name: I18nText },
    { description: 'The jurisdiction whose organization department manages the official.' },
  ),
  shown: Type.Boolean({
    description:
      'The form shows the engine’s preliminary assessment (a likely outcome); false (the default, set by an administrator per jurisdiction): it shows which conditions the measure weighs.',
  }),
});
export type ApplicantAssessmentSetting = Static<typeof ApplicantAssessmentSetting>;

/** GET /api/officials/:id/application-window: when an application for the official is in time. */
export const ApplicationWindowQuery = Obj({
  conductDate: Type.String({ format: 'date', description: 'When the conduct took place.' }),
  notifiedOn: Type.Optional(
    Type.String({
      format: 'date',
      description: 'The day the official was notified of the accountability decision, if any.',
    }),
  ),
});
export const ApplicationWindowAnswer = Obj({
  window: Nullable(
    Obj({
      text: I18nText,
      within: TimeLimit,
      from: StringEnum(['notifiedOfAccountability', 'conduct'] as const),
      duringInvestigation: Type.Boolean(),
      anchorOn: Nullable(Type.String({ format: 'date' })),
      lastDay: Nullable(
        Type.String({ format: 'date', description: 'The last day to apply, where known.' }),
      ),
      basis: Nullable(I18nText),
      inTime: Type.Boolean({ description: 'An application made today would be in time.' }),
    }),
    { description: 'Null: the measure sets no application window.' },
  ),
});
export type ApplicationWindowAnswer = Static<typeof ApplicationWindowAnswer>;
