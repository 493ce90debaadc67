/**
 * Policy packs as the API shows them (src/server/presenters/policy.ts): what a pack says, what the
 * linter finds in it, and the engine's preliminary assessment (POST /api/policy/evaluate).
 */
import {
  Count,
  DateString,
  Facts,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Type,
  type Static,
} from './common.js';

export const PackId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
export const PackIdParams = Obj({ id: PackId });

const Scalar = { type: ['boolean', 'string', 'number'] } as const;
/** `within`'s value: a span counted back from the conduct date. */
const DATE_SPAN = {
  type: 'object',
  properties: {
    years: { type: 'integer' },
    months: { type: 'integer' },
    days: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

/** A condition tree of a rule, predicate or decision entry (recursive: `of`). */
export interface PolicyCondition {
  readonly kind: 'all' | 'any' | 'not' | 'compare' | 'rule' | 'predicate';
  readonly note?: I18nText;
  readonly of?: PolicyCondition | readonly PolicyCondition[];
  readonly fact?: string;
  readonly op?: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'notIn' | 'within';
  readonly value?:
    | boolean
    | string
    | number
    | readonly (boolean | string | number)[]
    | { readonly years?: number; readonly months?: number; readonly days?: number };
  readonly id?: string;
}

export const CONDITION_SCHEMA = {
  $id: 'Condition',
  type: 'object',
  description:
    "A condition: 'all'/'any' of the conditions in `of`, 'not' of the one in `of`, a comparison of a fact with a value ('compare': fact, op, value), or a reference to a rule or predicate (id).",
  properties: {
    kind: { type: 'string', enum: ['all', 'any', 'not', 'compare', 'rule', 'predicate'] },
    note: I18nText,
    of: {
      anyOf: [{ type: 'array', items: { $ref: 'Condition#' } }, { $ref: 'Condition#' }],
    },
    fact: { type: 'string' },
    op: {
      type: 'string',
      enum: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'within'],
    },
    value: { anyOf: [{ type: 'array', items: Scalar }, Scalar, DATE_SPAN] },
    id: { type: 'string' },
  },
  required: ['kind'],
  additionalProperties: false,
} as const;
export const Condition = Type.Unsafe<PolicyCondition>({ $ref: 'Condition#' });

/** The kinds of rule a pack states (src/policy/model.ts RuleKind; the presenters' types keep them equal). */
export const RuleKind = StringEnum([
  'exclusion',
  'condition',
  'situation',
  'mitigation',
  'aggravation',
  'immunity',
  'other',
] as const);
export type RuleKind = Static<typeof RuleKind>;

export const PackVersionSummary = Obj({
  id: Type.String(),
  status: StringEnum(['published', 'draft'] as const),
  title: Nullable(I18nText),
  from: DateString,
  to: Nullable(DateString),
  amends: Nullable(Type.String()),
});

export type VersionSummary = Static<typeof PackVersionSummary>;

export const PackSummary = Obj({
  id: Type.String(),
  title: I18nText,
  authority: I18nText,
  documentNumber: Type.String(),
  jurisdiction: Type.String(),
  extends: Nullable(Type.String()),
  status: StringEnum(['published', 'draft'] as const),
  notice: Nullable(I18nText),
  versions: List(PackVersionSummary),
  extendsTitle: Nullable(I18nText, { description: 'The title of the pack this one extends.' }),
  appliesIn: Obj(
    {
      names: List(Obj({ id: Type.String(), name: I18nText })),
      count: Count,
      reference: Type.Boolean({
        description:
          "No jurisdiction in the user's view uses this pack, nor a pack extending it: a reference (such as the NASA ASRS pack).",
      }),
    },
    {
      description:
        "The jurisdictions in the user's view this pack governs: the first few by name, and how many in all (0 for a pack only extended by theirs, or a reference).",
    },
  ),
});
export type PackSummary = Static<typeof PackSummary>;

export const PackFact = Obj({
  id: Type.String(),
  type: StringEnum(['boolean', 'enum', 'number', 'date'] as const),
  label: I18nText,
  help: I18nText,
  values: Nullable(List(Obj({ value: Type.String(), label: I18nText }))),
  unit: Nullable(I18nText),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  integer: Type.Boolean(),
  derived: Nullable(I18nText, {
    description:
      'For a fact computed from others: its formula in words. Never asked of users: forms leave it out.',
  }),
  none: Nullable(I18nText, {
    description: "The words for the answer 'none' (无), where the fact may be answered so.",
  }),
  origin: Type.String({ description: 'The pack the fact comes from.' }),
});
export type PackFact = Static<typeof PackFact>;

export const TimeLimit = Obj({
  days: Type.Integer(),
  unit: StringEnum(['working', 'calendar'] as const),
  basis: Type.Optional(Type.String()),
  note: Type.Optional(I18nText),
});
const Window = Obj({
  applyWithin: Type.Optional(TimeLimit),
  decideWithin: Type.Optional(TimeLimit),
});

export type TimeLimit = Static<typeof TimeLimit>;

export const Procedure = Obj({
  timeLimits: Type.Record(Type.String(), TimeLimit, {
    description: 'The time limit of each step, by step name.',
  }),
  publicity: Obj({ required: Type.Boolean(), period: Type.Optional(TimeLimit) }),
  consultation: Obj({ required: Type.Boolean(), departments: List(Type.String()) }),
  review: Obj({
    applyWithin: Type.Optional(TimeLimit),
    decideWithin: Type.Optional(TimeLimit),
    collective: Type.Optional(
      Type.Boolean({ description: 'The review is decided by the panel’s vote.' }),
    ),
  }),
  appeal: Window,
  followUp: Obj({
    enabled: Type.Boolean(),
    impactPeriodMonths: Type.Optional(Type.Number()),
    prepareBefore: Type.Optional(TimeLimit),
    samplingRate: Type.Optional(Type.Number()),
  }),
  filingUpward: Obj({ required: Type.Boolean(), within: Type.Optional(TimeLimit) }),
  application: Obj(
    {
      within: Type.Optional(TimeLimit),
      from: Type.Optional(StringEnum(['notifiedOfAccountability', 'conduct'] as const)),
      duringInvestigation: Type.Optional(Type.Boolean()),
    },
    {
      description:
        'When an official may apply: within `within` of `from` (default: the notification of the accountability decision), and during the investigation unless `duringInvestigation` is false. No `within`: at any time.',
    },
  ),
  exOfficio: Obj(
    { required: Type.Boolean(), basis: Type.Optional(Type.String()) },
    { description: 'The accountability body must itself consider tolerance (主动容错审查).' },
  ),
});

export type Procedure = Static<typeof Procedure>;

export const PolicySource = Obj({
  id: Type.String(),
  title: I18nText,
  number: Type.String(),
  issuer: I18nText,
  date: Nullable(DateString),
  origin: Type.String(),
});
export type PolicySource = Static<typeof PolicySource>;

export const PolicyClause = Obj({
  id: Type.String(),
  source: Type.String(),
  article: I18nText,
  text: I18nText,
  origin: Type.String(),
});
export type PolicyClause = Static<typeof PolicyClause>;

export const PolicyRule = Obj({
  id: Type.String(),
  kind: RuleKind,
  title: I18nText,
  clauses: List(Type.String()),
  when: Condition,
  origin: Type.String(),
});
export type PolicyRule = Static<typeof PolicyRule>;

export const PolicyPredicate = Obj({
  id: Type.String(),
  title: I18nText,
  when: Condition,
  origin: Type.String(),
});
export type PolicyPredicate = Static<typeof PolicyPredicate>;

export const DecisionEntry = Obj({
  id: Type.String(),
  outcome: Type.String({ description: 'The most favourable outcome the entry allows.' }),
  outcomes: List(Type.String(), {
    description:
      'Every outcome the entry allows, most favourable first: one, or a discretion band (可以……或者……) within which the collective body decides.',
  }),
  when: Nullable(Condition),
  binding: Type.Boolean(),
  note: Nullable(I18nText),
  origin: Type.String(),
});
export type DecisionEntry = Static<typeof DecisionEntry>;

export const Outcome = Obj({ id: Type.String(), label: I18nText, description: Nullable(I18nText) });
export type Outcome = Static<typeof Outcome>;

/** A result off the ladder: not applicable (不适用本办法) or referred (参照办理、移送). */
export const OtherResult = Obj({
  id: Type.String(),
  kind: StringEnum(['notApplicable', 'referred'] as const),
  label: I18nText,
  description: Nullable(I18nText),
  to: Nullable(I18nText, { description: 'For referred: the body referred to.' }),
  origin: Type.String(),
});
export type OtherResult = Static<typeof OtherResult>;

export const PolicyMatter = Obj({
  id: Type.String(),
  label: I18nText,
  description: Nullable(I18nText),
  origin: Type.String({ description: "'standard', or the pack that adds it." }),
});
export type PolicyMatter = Static<typeof PolicyMatter>;

export const ResultApplication = Obj({
  outcome: Type.String(),
  unaffected: List(Type.String(), { description: 'Matter ids (see matters).' }),
  impactPeriod: Nullable(
    Obj({ months: Type.Integer(), basis: Nullable(Type.String()), note: Nullable(I18nText) }),
  ),
  correction: Nullable(
    Obj({
      kinds: List(Type.String(), { description: 'Correction kind ids (see correctionKinds).' }),
      within: Nullable(TimeLimit),
    }),
  ),
  basis: List(Type.String(), { description: 'Clause ids.' }),
  note: Nullable(I18nText),
});
export type ResultApplication = Static<typeof ResultApplication>;

/** Follow-up visits (回访) of officials in an impact period, as the pack's `followUp` says. */
export const FollowUpRule = Obj({
  before: Obj({ months: Type.Integer(), days: Type.Integer() }),
  sampleShare: Type.Number({ description: 'The least share drawn, 0–1; the sample rounds up.' }),
  basis: Nullable(Type.String()),
  note: Nullable(I18nText),
});
export type FollowUpRule = Static<typeof FollowUpRule>;

/** A pack version with everything inherited folded in (presentEffective). */
export const EffectivePolicy = Obj(
  {
    version: PackVersionSummary,
    chain: List(Obj({ pack: Type.String(), version: Type.String(), title: I18nText })),
    outcomes: List(Outcome, { description: 'The decision ladder, most favourable first.' }),
    otherResults: List(OtherResult, {
      description: 'Results off the ladder the decision may give; not ranked against it.',
    }),
    facts: List(PackFact),
    sources: List(PolicySource),
    clauses: List(PolicyClause),
    rules: List(PolicyRule),
    predicates: List(PolicyPredicate),
    decision: List(DecisionEntry),
    procedure: Procedure,
    matters: List(PolicyMatter, {
      description:
        'The matters a determination may leave unaffected: the standard ones and the pack’s own.',
    }),
    results: List(ResultApplication, {
      description: 'How each outcome is applied to the official (结果运用), in ladder order.',
    }),
    correctionKinds: List(Obj({ id: Type.String(), label: I18nText })),
    followUp: Nullable(FollowUpRule, {
      description: 'Follow-up visits (回访), or null where the pack asks for none.',
    }),
  },
  { description: 'The chosen version with everything inherited folded in.' },
);
export type EffectivePolicy = Static<typeof EffectivePolicy>;

export const PackList = Obj({ packs: List(PackSummary) });
export const PackQuery = Obj({
  version: Type.Optional(Type.String({ maxLength: 64 })),
  at: Type.Optional(DateString),
});
export const PackAnswer = Obj({ pack: PackSummary, effective: EffectivePolicy });
export type PackAnswer = Static<typeof PackAnswer>;

export const LintFinding = Obj({
  severity: StringEnum(['error', 'warning'] as const),
  code: Type.String({ description: 'Stable code, e.g. LINT_RULE_NEVER_APPLIES.' }),
  message: I18nText,
  at: Nullable(
    Obj({
      file: Type.String(),
      line: Type.Integer(),
      col: Type.Integer(),
      path: List(Type.Union([Type.String(), Type.Integer()])),
    }),
    { description: 'The pack file (last two path segments), line, column and path in it.' },
  ),
});
export type LintFinding = Static<typeof LintFinding>;

export const LintReport = Obj({
  pack: Type.String(),
  errors: Count,
  warnings: Count,
  diagnostics: List(LintFinding),
});
export const LintAnswer = Obj({ lint: LintReport });
export type LintAnswer = Static<typeof LintAnswer>;

// ---- the preliminary assessment -----------------------------------------------------------

export const ClauseRef = Obj(
  { id: Type.String(), citation: I18nText, text: I18nText },
  { description: 'A clause a rule rests on: its citation (document and article) and paraphrase.' },
);
export type ClauseRef = Static<typeof ClauseRef>;

/** The engine's failed or unknown condition (recursive: `because`). */
export interface EvaluationFailure {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly rule?: string;
  readonly clauses?: readonly ClauseRef[];
  readonly fact?: string;
  readonly actual?: boolean | string | number | null;
  readonly because?: readonly EvaluationFailure[];
}

export const EVALUATION_FAILURE_SCHEMA = {
  $id: 'EvaluationFailure',
  type: 'object',
  description:
    'A condition that did not hold (failed) or is not known (unknown), with the conditions under it that explain why (because, same shape).',
  properties: {
    status: { type: 'string', enum: ['failed', 'unknown'] },
    text: I18nText,
    rule: { type: 'string' },
    clauses: { type: 'array', items: ClauseRef },
    fact: { type: 'string' },
    actual: { type: ['boolean', 'string', 'number', 'null'] },
    because: { type: 'array', items: { $ref: 'EvaluationFailure#' } },
  },
  required: ['status', 'text'],
  additionalProperties: false,
} as const;
const EvaluationFailureRef = Type.Unsafe<EvaluationFailure>({ $ref: 'EvaluationFailure#' });

const FactUse = Obj({
  fact: Type.String(),
  value: Type.Unsafe<boolean | string | number | null>({
    type: ['boolean', 'string', 'number', 'null'],
  }),
});

export const Evaluation = Obj(
  {
    outcome: Type.String(),
    label: I18nText,
    recommended: Type.Optional(
      List(Type.String(), {
        description:
          'The outcomes the deciding entry allows, most favourable first: one, or a discretion band; empty while undetermined. Absent from explanations stored before it was added.',
      }),
    ),
    resultKind: Type.Optional(
      StringEnum(['ladder', 'notApplicable', 'referred'] as const, {
        description: 'On the ladder or off it; absent while undetermined.',
      }),
    ),
    referredTo: Type.Optional(I18nText),
    recommendation: Type.Optional(I18nText),
    possibleOutcomes: List(Type.String()),
    decidedBy: Type.Optional(Obj({ entry: Type.String(), note: Type.Optional(I18nText) })),
    reasons: List(
      Obj({
        rule: Type.String(),
        kind: RuleKind,
        title: I18nText,
        clauses: List(ClauseRef),
        facts: List(FactUse),
      }),
    ),
    whyNot: List(
      Obj({
        outcome: Type.String(),
        label: I18nText,
        band: Type.Optional(List(Type.String())),
        entry: Type.String(),
        precludedBy: Type.Optional(
          Type.String({
            description:
              'No longer produced: why-nots are given only for the entries before the deciding one, which the facts could have reached. Kept for explanations stored before.',
          }),
        ),
        failed: List(EvaluationFailureRef),
      }),
    ),
    missingFacts: List(Type.String()),
    situations: Type.Optional(
      List(
        Obj({
          rule: Type.String(),
          kind: RuleKind,
          title: I18nText,
          clauses: List(Type.String(), { description: 'Clause ids, quoted in citedClauses.' }),
          facts: List(FactUse),
          decisive: Type.Boolean({
            description:
              'Among the reasons of the outcome (false: it holds, something else decided).',
          }),
        }),
        {
          description:
            'Every tolerable situation (rules of kind situation or immunity) that holds, in the pack’s order. Absent from explanations stored before it was added.',
        },
      ),
    ),
    negativeList: Type.Optional(
      List(
        Obj({
          rule: Type.String(),
          title: I18nText,
          status: StringEnum(['absent', 'present', 'unknown'] as const),
          clauses: List(Type.String(), { description: 'Clause ids, quoted in citedClauses.' }),
          facts: List(FactUse),
        }),
        {
          description:
            'The negative list checked (负面清单核查): every rule of kind exclusion, found absent, present or not yet known. Absent from explanations stored before it was added.',
        },
      ),
    ),
    citedClauses: Type.Optional(
      List(ClauseRef, {
        description:
          'Every clause the explanation cites, once, in the order first cited; reasons, situations, the negative list and why-nots refer to them by id.',
      }),
    ),
    derived: Type.Optional(
      List(
        Obj({
          fact: Type.String(),
          label: I18nText,
          value: Nullable(Type.Number(), {
            description: 'Null: an input is unknown, or a divisor is 0 (note says so).',
          }),
          formula: I18nText,
          inputs: List(FactUse),
          note: Type.Optional(I18nText),
        }),
        {
          description:
            'The derived facts of the policy (computed from others), each with its formula, its inputs and its value. Absent when the policy has none.',
        },
      ),
    ),
    pack: Type.String(),
    packTitle: I18nText,
    version: Type.String(),
    chain: List(Obj({ pack: Type.String(), version: Type.String() })),
    time: Obj({
      conductDate: DateString,
      decisionDate: Type.Optional(DateString),
      conductVersion: Type.String(),
      conductPack: Type.Optional(
        Type.String({
          description:
            'Set when the conduct came before this pack took effect: the ancestor pack whose version then (conductVersion) applies.',
        }),
      ),
      decisionVersion: Type.Optional(Type.String()),
      applied: StringEnum(['conduct', 'decision'] as const),
      moreLenientLaterVersion: Type.Boolean(),
      note: I18nText,
    }),
    notice: Type.Optional(I18nText),
  },
  {
    description:
      'A recommendation with reasons, not a decision: the outcome, the rules and clauses that decide it, every tolerable situation that holds, the negative list checked, why each more favourable outcome the facts could have reached was not, the unknown facts that still matter, every clause cited (once), and which version applied and why.',
  },
);
export type Evaluation = Static<typeof Evaluation>;

export const EvaluateBody = Obj({
  packId: PackId,
  facts: Facts,
  at: DateString,
  decidedAt: Type.Optional(DateString),
});
export const EvaluationAnswer = Obj({ evaluation: Evaluation });
