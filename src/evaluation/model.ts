/**
 * Implementation evaluation (issue 12): the shapes shared by the instrument loader, the analysis,
 * the survey campaigns and the indicators. Pure types and constants; no I/O.
 *
 * The model is seed paper 000's (`../shared/domain.md` §9): what drives implementation of the
 * fault-tolerance mechanism is motivation → process → environment. An instrument carries the model
 * as data (dimensions, factors, items), so that a version can be adapted without code.
 */

/** A text in both languages of the product: Chinese first. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

/** The three dimensions of seed 000's model. */
export const DIMENSION_IDS = ['motivation', 'process', 'environment'] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

/**
 * The factors of seed 000's model, by dimension. An adapted instrument keeps these ids for the
 * factors it keeps (the indicators from case records are mapped to them), and may add its own.
 */
export const SEED000_FACTORS = {
  motivation: ['politicalEnergy', 'reformMission', 'realisticDemand'],
  process: [
    'policyContent',
    'policyScope',
    'policyEffect',
    'policyCoordination',
    'actorSynergy',
    'scopeCriteria',
    'effectVsNeeds',
    'atmosphere',
  ],
  environment: ['toleranceAccountability', 'legalFriction'],
} as const satisfies Record<DimensionId, readonly string[]>;

export type Seed000FactorId = (typeof SEED000_FACTORS)[DimensionId][number];

/** The outcome scales every instrument measures: the seed's "applaud but not optimistic", and acting. */
export const OUTCOME_IDS = ['support', 'optimism', 'willingness'] as const;
export type OutcomeId = (typeof OUTCOME_IDS)[number];

/** What the seed found a factor does to implementation; `mixed` where it found both sides. */
export type SeedFinding = 'promoting' | 'blocking' | 'mixed';

/** One Likert item. Reversed items are scored max + min − answer before any analysis. */
export interface Item {
  readonly id: string;
  readonly text: Text;
  readonly reversed: boolean;
}

export interface Factor {
  readonly id: string;
  readonly name: Text;
  readonly definition: Text;
  /** The seed's finding this factor measures, in the seed's own terms (traceability). */
  readonly finding: Text;
  readonly seedFinding: SeedFinding;
  readonly items: readonly Item[];
}

export interface Dimension {
  readonly id: DimensionId;
  readonly name: Text;
  readonly definition: Text;
  readonly factors: readonly Factor[];
}

export interface Outcome {
  readonly id: OutcomeId;
  readonly name: Text;
  readonly definition: Text;
  readonly items: readonly Item[];
}

/** A coarse demographic question: a choice among bands, never a free value. */
export interface Demographic {
  readonly id: string;
  readonly label: Text;
  readonly options: readonly { readonly value: string; readonly label: Text }[];
}

/** An optional free-text question; shown in reports only above the free-text threshold. */
export interface OpenQuestion {
  readonly id: string;
  readonly text: Text;
}

export interface LikertScale {
  readonly min: number;
  readonly max: number;
  /** One label per point, from min to max. */
  readonly labels: readonly Text[];
}

/** A survey instrument: a version is never edited once a campaign uses it; adapting makes a new one. */
export interface Instrument {
  /** `seed000-v1`: a name and a version, unique. */
  readonly id: string;
  readonly version: number;
  /** The instrument this one was adapted from, if any. */
  readonly basedOn: string | null;
  readonly title: Text;
  readonly introduction: Text;
  /** False until the instrument has been validated in the field; the reports say so. */
  readonly validated: boolean;
  readonly validationNote: Text;
  readonly scale: LikertScale;
  readonly dimensions: readonly Dimension[];
  readonly outcomes: readonly Outcome[];
  readonly demographics: readonly Demographic[];
  readonly openQuestions: readonly OpenQuestion[];
}

/**
 * What the analysis needs of an instrument, and what `rongcuo evaluation analyze --instrument
 * FILE` reads: the scale and, per scale (a factor or an outcome), its items and the reversed ones.
 */
export interface ScaleSpec {
  readonly scale: { readonly min: number; readonly max: number };
  readonly factors: readonly {
    readonly id: string;
    readonly items: readonly string[];
    readonly reversed: readonly string[];
  }[];
}
