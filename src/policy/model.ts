/**
 * The policy pack model: what a measure says, after its YAML has been read and checked against
 * the JSON Schema. Plain immutable data; the engine compiles it, the linter reasons about it.
 *
 * Every element that a diagnostic may point at carries `at`, its place in the source file.
 */

/** A text in both languages. Chinese is the first language of every user-facing text. */
export interface I18nText {
  readonly zh: string;
  readonly en: string;
}

export type Lang = 'zh' | 'en';

/** Where something was written: file, 1-based line and column, and the path inside the document. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly path: readonly (string | number)[];
}

export type FactType = 'boolean' | 'enum' | 'number' | 'date';

/**
 * A fact value as given by a user: booleans, enum codes, numbers and ISO dates (YYYY-MM-DD); for
 * a fact that declares `none`, the string 'none' (the thing does not exist: 无).
 */
export type FactValue = boolean | string | number;

/** The answer “none” (无 / 不存在) to a fact that allows it; distinct from unknown (absent or null). */
export const NONE = 'none';

/**
 * The key under which the evaluation's conduct date (its `at`) is put into the facts for
 * conditions relative to it (`within`). Not a fact id (ids start with a letter), so no user
 * fact set can carry it: the fact check refuses it as unknown.
 */
export const CONDUCT_KEY = '@conduct';

/**
 * Arithmetic over number facts, for a derived fact: a constant, a fact id, or one operation over
 * two or more operands (sub and div take exactly two).
 */
export type Expr = number | string | ExprOp;

export type ExprOpName = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';

export interface ExprOp {
  readonly op: ExprOpName;
  readonly args: readonly Expr[];
}

/** A span of time counted back from the conduct date, for `within`. */
export interface DateSpan {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

/** A set of facts. Facts absent or null are unknown. */
export type Facts = Readonly<Record<string, FactValue | null | undefined>>;

export interface EnumOption {
  readonly value: string;
  readonly label: I18nText;
}

export interface FactDecl {
  readonly id: string;
  readonly type: FactType;
  readonly label: I18nText;
  readonly help: I18nText;
  /** For enums: the allowed values in display order. */
  readonly values?: readonly EnumOption[];
  /** For numbers: unit of measure, and optional bounds. */
  readonly unit?: I18nText;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /**
   * For a number computed from other facts: its formula. Derived facts are never asked of users;
   * the engine computes them (unknown when an input is unknown or a divisor is 0).
   */
  readonly derived?: Expr;
  /**
   * For an optional date or number fact: the words for “none” (无同类错误). The fact may then be
   * answered 'none', which no comparison but `eq: none` matches.
   */
  readonly none?: I18nText;
  /** Where it was declared; undefined for the built-in standard vocabulary. */
  readonly at?: Loc;
  /** Id of the pack that declared it ('standard' for the built-in vocabulary). */
  readonly origin: string;
}

/** An official document a pack cites. */
export interface SourceDoc {
  readonly id: string;
  readonly title: I18nText;
  /** Document number, e.g. 中办发〔2018〕… ; empty when the document has none. */
  readonly number: string;
  readonly issuer: I18nText;
  readonly date?: string;
  readonly at: Loc;
  readonly origin: string;
}

/** A clause: one article or item of a source document, paraphrased in our own words. */
export interface Clause {
  readonly id: string;
  readonly source: string;
  /** The article reference, e.g. { zh: '第十七条第一款第（一）项', en: 'Art. 17(1)(i)' }. */
  readonly article: I18nText;
  /** A short paraphrase, not the official text. */
  readonly text: I18nText;
  readonly at: Loc;
  readonly origin: string;
}

export type CompareOp = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'notIn' | 'within';

/** Condition trees: all / any / not over fact comparisons and references to rules and predicates. */
export type Condition = AllNode | AnyNode | NotNode | CompareNode | RefNode;

interface NodeBase {
  /** An optional plain-language gloss shown in explanations instead of the generated wording. */
  readonly note?: I18nText;
  readonly at: Loc;
}

export interface AllNode extends NodeBase {
  readonly kind: 'all';
  readonly of: readonly Condition[];
}

export interface AnyNode extends NodeBase {
  readonly kind: 'any';
  readonly of: readonly Condition[];
}

export interface NotNode extends NodeBase {
  readonly kind: 'not';
  readonly of: Condition;
}

export interface CompareNode extends NodeBase {
  readonly kind: 'compare';
  readonly fact: string;
  readonly op: CompareOp;
  /** A scalar, a list for `in` / `notIn`, a span before the conduct date for `within`. */
  readonly value: FactValue | readonly FactValue[] | DateSpan;
}

export interface RefNode extends NodeBase {
  readonly kind: 'rule' | 'predicate';
  readonly id: string;
}

/** What a rule is for; used in explanations and by the linter. */
export type RuleKind =
  'exclusion' | 'condition' | 'situation' | 'mitigation' | 'aggravation' | 'immunity' | 'other';

export interface Rule {
  readonly id: string;
  readonly kind: RuleKind;
  readonly title: I18nText;
  /** Clause ids this rule rests on. */
  readonly clauses: readonly string[];
  readonly when: Condition;
  readonly at: Loc;
  readonly origin: string;
}

/** A named reusable condition; unlike a rule it need not cite a clause. */
export interface Predicate {
  readonly id: string;
  readonly title: I18nText;
  readonly when: Condition;
  readonly at: Loc;
  readonly origin: string;
}

export interface DecisionEntry {
  readonly id: string;
  /** The first outcome written (for a band, the most favourable when written in ladder order). */
  readonly outcome: string;
  /**
   * Every outcome the entry allows, as written: one, or a discretion band (可以……或者……) within
   * which the collective body decides. The compiler orders a band by the ladder.
   */
  readonly outcomes: readonly string[];
  /** Absent for the final `otherwise` entry, which always applies. */
  readonly when?: Condition;
  /** Binding entries of a parent pack are applied before anything a child pack decides. */
  readonly binding: boolean;
  readonly note?: I18nText;
  readonly at: Loc;
  readonly origin: string;
}

export interface Outcome {
  readonly id: string;
  readonly label: I18nText;
  readonly description?: I18nText;
}

/**
 * A result that is not a tolerance outcome and is not ranked on the ladder: the matter is outside
 * the measure's scope (不适用本办法), or is handled by reference to it or passed on (参照办理、移送).
 */
export type OtherResultKind = 'notApplicable' | 'referred';

export interface OtherResult {
  readonly id: string;
  readonly kind: OtherResultKind;
  readonly label: I18nText;
  readonly description?: I18nText;
  /** For `referred`: the body the matter is referred to, where the measure names one. */
  readonly to?: I18nText;
  readonly at: Loc;
  readonly origin: string;
}

export type DayUnit = 'working' | 'calendar';

export interface TimeLimit {
  readonly days: number;
  readonly unit: DayUnit;
  /** Clause id or free reference the figure comes from. */
  readonly basis?: string;
  readonly note?: I18nText;
}

/**
 * Procedure parameters, kept for the case procedure. Keys are step names (acceptance,
 * verification, …); child packs override parent values key by key.
 */
export interface Procedure {
  readonly timeLimits: Readonly<Record<string, TimeLimit>>;
  readonly publicity: { readonly required: boolean; readonly period?: TimeLimit };
  readonly consultation: { readonly required: boolean; readonly departments: readonly string[] };
  readonly review: {
    readonly applyWithin?: TimeLimit;
    readonly decideWithin?: TimeLimit;
    /**
     * The review is decided collectively: the panel votes and the chair decides with a majority,
     * as for the determination itself (default false: the chair decides).
     */
    readonly collective?: boolean;
  };
  readonly appeal: { readonly applyWithin?: TimeLimit; readonly decideWithin?: TimeLimit };
  readonly followUp: {
    readonly enabled: boolean;
    readonly impactPeriodMonths?: number;
    readonly prepareBefore?: TimeLimit;
    readonly samplingRate?: number;
  };
  readonly filingUpward: { readonly required: boolean; readonly within?: TimeLimit };
  /** When an official may apply (申请时限); empty: at any time. */
  readonly application: ApplicationWindow;
  /** Whether the accountability body must itself consider tolerance (主动容错审查). */
  readonly exOfficio: { readonly required: boolean; readonly basis?: string };
}

/**
 * The day an application window counts from: the day the official was notified of the
 * accountability decision (收到问责决定之日), or the day of the conduct.
 */
export const APPLICATION_ANCHORS = ['notifiedOfAccountability', 'conduct'] as const;
export type ApplicationAnchor = (typeof APPLICATION_ANCHORS)[number];

/**
 * When an official may apply, as measures say it: “在问责调查期间或者收到问责决定之日起15个工作日内
 * 提出” is `{ duringInvestigation: true, within: { days: 15, unit: working }, from:
 * notifiedOfAccountability }`. No `within`: no time limit.
 */
export interface ApplicationWindow {
  /** The time limit, counted from `from` (default notifiedOfAccountability). */
  readonly within?: TimeLimit;
  readonly from?: ApplicationAnchor;
  /**
   * With `from: notifiedOfAccountability`: an official not yet notified of a decision (the
   * investigation still running) may apply (default true).
   */
  readonly duringInvestigation?: boolean;
}

/**
 * A matter of an official's career that a determination may leave unaffected (年度考核, 选拔任用…):
 * the standard list (results.ts) plus any a pack adds.
 */
export interface Matter {
  readonly id: string;
  readonly label: I18nText;
  readonly description?: I18nText;
  readonly at?: Loc;
  readonly origin: string;
}

/** The impact period (影响期) an outcome carries, counted in months from the determination. */
export interface ImpactPeriod {
  readonly months: number;
  /** The clause the figure comes from. */
  readonly basis?: string;
  readonly note?: I18nText;
}

/** What correction an outcome asks for by default: the kinds and the working days to do it in. */
export interface CorrectionDefault {
  /** Correction kinds of the standard list (results.ts, CORRECTION_KINDS). */
  readonly kinds: readonly string[];
  /** Absent where the rules set no time (the correction opinion then sets one). */
  readonly within?: TimeLimit;
  /**
   * How long after the correction is closed its effectiveness is reviewed (the problem did not
   * return). Absent: three months (correction-review.ts, DEFAULT_REVIEW_AFTER_MONTHS).
   */
  readonly reviewAfter?: { readonly months: number; readonly basis?: string };
  readonly note?: I18nText;
}

/**
 * How an outcome is applied to the official (结果运用): what stays unaffected, the impact period
 * where there is one, and the correction it asks for.
 */
export interface ResultApplication {
  readonly unaffected: readonly string[];
  /** Absent: no impact period. */
  readonly impactPeriod?: ImpactPeriod;
  readonly correction?: CorrectionDefault;
  /** The clauses that say so. */
  readonly basis: readonly string[];
  readonly note?: I18nText;
}

/**
 * A version's result application as written for one outcome: every field optional, merged over
 * what it amends and what its parent pack says; `impactPeriod: null` removes an inherited one.
 */
export interface ResultApplicationInput {
  readonly unaffected?: readonly string[];
  readonly impactPeriod?: ImpactPeriod | null;
  readonly correction?: CorrectionDefault;
  readonly basis?: readonly string[];
  readonly note?: I18nText;
  readonly at: Loc;
}

/** A span of calendar time: months and days, counted back from a day (e.g. `{ months: 1 }`). */
export interface CalendarSpan {
  readonly months?: number;
  readonly days?: number;
}

/**
 * Follow-up visits (回访, domain.md §7) of officials in an impact period: how long before the
 * period ends the visit is due, and the least share of them drawn for a visit.
 */
export interface FollowUp {
  readonly before: CalendarSpan;
  /** 0–1: the sample is at least this share of the population, rounded up. */
  readonly sampleShare: number;
  /** The clause that says so. */
  readonly basis?: string;
  readonly note?: I18nText;
}

/**
 * A `followUp:` block as written, at the top of a pack or in a version: every field optional,
 * merged field by field over the parent pack's, the pack's own and each amended version's.
 */
export interface FollowUpInput {
  readonly before?: CalendarSpan;
  readonly sampleShare?: number;
  readonly basis?: string;
  readonly note?: I18nText;
  readonly at: Loc;
}

export type VersionStatus = 'published' | 'draft';

export interface PackVersion {
  readonly id: string;
  readonly status: VersionStatus;
  readonly title?: I18nText;
  /** Effective window, inclusive; `to` absent means open-ended. */
  readonly from: string;
  readonly to?: string;
  /** The version this one amends: its content is inherited, then overridden by id. */
  readonly amends?: string;
  readonly clauses: readonly Clause[];
  readonly predicates: readonly Predicate[];
  readonly rules: readonly Rule[];
  /** Removed by id from what `amends` brought in. */
  readonly removes: readonly string[];
  /** Undefined when the version keeps the decision of the version it amends or of its parent pack. */
  readonly decision?: readonly DecisionEntry[];
  readonly procedure: ProcedureInput;
  /** Result application per outcome id (结果运用). */
  readonly results: Readonly<Record<string, ResultApplicationInput>>;
  /** Follow-up visits (回访), merged over the pack's own block and what the version amends. */
  readonly followUp?: FollowUpInput;
  readonly at: Loc;
}

/** Procedure as written: every part optional, merged over the parent's. */
export type ProcedureInput = {
  readonly [K in keyof Procedure]?: Partial<Procedure[K]>;
};

export type PackStatus = 'published' | 'draft';

export interface Pack {
  readonly id: string;
  readonly title: I18nText;
  readonly authority: I18nText;
  readonly documentNumber: string;
  readonly jurisdiction: string;
  readonly extends?: string;
  readonly status: PackStatus;
  /** A warning shown wherever the pack is shown, e.g. that it is a sample and not a real measure. */
  readonly notice?: I18nText;
  /** Whether the built-in standard fact vocabulary is available (default true). */
  readonly standardVocabulary: boolean;
  /** The outcome ladder, most favourable to the official first; only in a root pack. */
  readonly outcomes?: readonly Outcome[];
  /** Results off the ladder (not applicable, referred) that this pack's decision entries may give. */
  readonly otherResults: readonly OtherResult[];
  readonly sources: readonly SourceDoc[];
  readonly facts: readonly FactDecl[];
  /** Matters this pack adds to the standard list a determination may leave unaffected. */
  readonly matters: readonly Matter[];
  /** Follow-up visits (回访) for every version, unless a version says otherwise. */
  readonly followUp?: FollowUpInput;
  readonly versions: readonly PackVersion[];
  readonly file: string;
  readonly at: Loc;
}

/** The outcome every pack has: the known facts do not yet decide the case. */
export const UNDETERMINED = 'undetermined';
