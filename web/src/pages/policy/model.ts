/** The policy API's shapes as the policy browser reads them (src/server/presenters/policy.ts). */
import type { I18nText } from '../../types';

export interface VersionSummary {
  readonly id: string;
  readonly status: 'published' | 'draft';
  readonly title: I18nText | null;
  readonly from: string;
  readonly to: string | null;
  readonly amends: string | null;
}

export interface PackSummary {
  readonly id: string;
  readonly title: I18nText;
  readonly authority: I18nText;
  readonly documentNumber: string;
  readonly jurisdiction: string;
  readonly extends: string | null;
  readonly status: 'published' | 'draft';
  readonly notice: I18nText | null;
  readonly versions: readonly VersionSummary[];
}

export interface Condition {
  readonly kind: 'all' | 'any' | 'not' | 'compare' | 'rule' | 'predicate';
  readonly note?: I18nText;
  readonly of?: Condition | readonly Condition[];
  readonly fact?: string;
  readonly op?: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'notIn';
  readonly value?: unknown;
  readonly id?: string;
}

export interface PolicyFact {
  readonly id: string;
  readonly type: 'boolean' | 'enum' | 'number' | 'date';
  readonly label: I18nText;
  readonly help: I18nText;
  readonly values: readonly { readonly value: string; readonly label: I18nText }[] | null;
  readonly unit: string | I18nText | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly integer: boolean;
  readonly origin: string;
}

export interface PolicyClause {
  readonly id: string;
  readonly source: string;
  readonly article: I18nText;
  readonly text: I18nText;
  readonly origin: string;
}

export interface PolicySource {
  readonly id: string;
  readonly title: I18nText;
  readonly number: string;
  readonly issuer: I18nText;
  readonly date: string | null;
  readonly origin: string;
}

export type RuleKind =
  'exclusion' | 'condition' | 'situation' | 'mitigation' | 'aggravation' | 'immunity' | 'other';

export interface PolicyRule {
  readonly id: string;
  readonly kind: RuleKind;
  readonly title: I18nText;
  readonly clauses: readonly string[];
  readonly when: Condition;
  readonly origin: string;
}

export interface PolicyPredicate {
  readonly id: string;
  readonly title: I18nText;
  readonly when: Condition;
  readonly origin: string;
}

export interface DecisionEntry {
  readonly id: string;
  readonly outcome: string;
  readonly when: Condition | null;
  readonly binding: boolean;
  readonly note: I18nText | null;
  readonly origin: string;
}

export interface TimeLimit {
  readonly days: number;
  readonly unit: 'working' | 'calendar';
  readonly basis?: string;
  readonly note?: I18nText;
}

export interface Procedure {
  readonly timeLimits: Readonly<Record<string, TimeLimit>>;
  readonly publicity: { readonly required: boolean; readonly period?: TimeLimit };
  readonly consultation: { readonly required: boolean; readonly departments: readonly string[] };
  readonly review: { readonly applyWithin?: TimeLimit; readonly decideWithin?: TimeLimit };
  readonly appeal: { readonly applyWithin?: TimeLimit; readonly decideWithin?: TimeLimit };
  readonly followUp: {
    readonly enabled: boolean;
    readonly impactPeriodMonths?: number;
    readonly prepareBefore?: TimeLimit;
    readonly samplingRate?: number;
  };
  readonly filingUpward: { readonly required: boolean; readonly within?: TimeLimit };
}

export interface Effective {
  readonly version: VersionSummary;
  readonly chain: readonly { readonly pack: string; readonly version: string }[];
  readonly outcomes: readonly {
    readonly id: string;
    readonly label: I18nText;
    readonly description: I18nText | null;
  }[];
  readonly facts: readonly PolicyFact[];
  readonly sources: readonly PolicySource[];
  readonly clauses: readonly PolicyClause[];
  readonly rules: readonly PolicyRule[];
  readonly predicates: readonly PolicyPredicate[];
  readonly decision: readonly DecisionEntry[];
  readonly procedure: Procedure;
}

export interface PackDetailAnswer {
  readonly pack: PackSummary;
  readonly effective: Effective;
}

export interface LintFinding {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: I18nText;
  readonly at: {
    readonly file: string;
    readonly line: number;
    readonly col: number;
    readonly path: readonly (string | number)[];
  } | null;
}

export interface LintAnswer {
  readonly lint: {
    readonly pack: string;
    readonly errors: number;
    readonly warnings: number;
    readonly diagnostics: readonly LintFinding[];
  };
}

export interface ClauseRef {
  readonly id: string;
  readonly citation: I18nText;
  readonly text: I18nText;
}

export interface Failure {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly rule?: string;
  readonly clauses?: readonly ClauseRef[];
  readonly fact?: string;
  readonly actual?: unknown;
  readonly because?: readonly Failure[];
}

export interface Evaluation {
  readonly pack: string;
  readonly packTitle: I18nText;
  readonly version: string;
  readonly outcome: string;
  readonly label: I18nText;
  readonly possibleOutcomes: readonly string[];
  readonly decidedBy?: { readonly entry: string; readonly note?: I18nText };
  readonly reasons: readonly {
    readonly rule: string;
    readonly kind: RuleKind;
    readonly title: I18nText;
    readonly clauses: readonly ClauseRef[];
    readonly facts: readonly { readonly fact: string; readonly value: unknown }[];
  }[];
  readonly whyNot: readonly {
    readonly outcome: string;
    readonly label: I18nText;
    readonly entry: string;
    readonly precludedBy?: string;
    readonly failed: readonly Failure[];
  }[];
  readonly missingFacts: readonly string[];
  readonly time: { readonly note: I18nText; readonly moreLenientLaterVersion: boolean };
  readonly notice?: I18nText;
}

/** Whether a version's window contains `day` (YYYY-MM-DD; windows are inclusive). */
export function inForceOn(v: VersionSummary, day: string): boolean {
  return v.from <= day && (v.to === null || day <= v.to);
}

/** Today in China (the procedure's calendar), YYYY-MM-DD. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
