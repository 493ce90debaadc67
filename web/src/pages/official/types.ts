/**
 * The API's shapes the application screens read, beyond the shared ones in web/src/types.ts:
 * GET /api/officials, the parts of GET /api/policy/packs/:id they use, POST /api/policy/evaluate.
 */
import type { I18nText } from '../../types';

/** An official the user may open a matter for (GET /api/officials). */
export interface OfficialOption {
  readonly id: string;
  readonly name: string;
  readonly position: I18nText;
  readonly unit: { readonly id: string; readonly name: I18nText };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText; readonly packId: string };
  readonly abilities: { readonly apply: boolean; readonly recordAccountabilityMatter: boolean };
}

export interface OfficialsPage {
  readonly items: readonly OfficialOption[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** A fact as the pack declares it, with its help text and bounds. */
export interface ApplyFact {
  readonly id: string;
  readonly type: 'boolean' | 'enum' | 'number' | 'date';
  readonly label: I18nText;
  readonly help: I18nText;
  readonly values: readonly { readonly value: string; readonly label: I18nText }[] | null;
  readonly unit: I18nText | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly integer: boolean;
}

export interface ApplyPack {
  readonly pack: { readonly id: string; readonly title: I18nText };
  readonly effective: {
    readonly version: { readonly id: string; readonly title: I18nText | null };
    readonly outcomes: readonly { readonly id: string; readonly label: I18nText }[];
    readonly facts: readonly ApplyFact[];
  };
}

export type FactValue = boolean | string | number;

export interface ClauseRef {
  readonly id: string;
  readonly citation: I18nText;
  readonly text: I18nText;
}

export interface Reason {
  readonly rule: string;
  readonly kind: string;
  readonly title: I18nText;
  readonly clauses: readonly ClauseRef[];
}

export interface Failure {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly clauses?: readonly ClauseRef[];
  readonly fact?: string;
  readonly because?: readonly Failure[];
}

export interface WhyNot {
  readonly outcome: string;
  readonly label: I18nText;
  readonly entry: string;
  readonly precludedBy?: string;
  readonly failed: readonly Failure[];
}

/** POST /api/policy/evaluate → evaluation: a recommendation with reasons, not a decision. */
export interface Evaluation {
  readonly outcome: string;
  readonly label: I18nText;
  readonly possibleOutcomes: readonly string[];
  readonly reasons: readonly Reason[];
  readonly whyNot: readonly WhyNot[];
  readonly missingFacts: readonly string[];
  readonly pack: string;
  readonly packTitle: I18nText;
  readonly version: string;
  readonly time: { readonly note: I18nText };
  readonly notice?: I18nText;
}
