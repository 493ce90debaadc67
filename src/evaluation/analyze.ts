/**
 * The analysis of a set of survey responses on an instrument (issue 12), pure: a response table
 * and a scale spec in, every figure out. What each figure means, and which R function it agrees
 * with, is said where it is computed in `stats/`.
 *
 * Missing answers: `pairwise` (the default, as psych's `alpha` and `cor(use = "pairwise")`) uses
 * every answer given — correlations over the respondents who answered both items, a scale score
 * as the mean of the items answered; `listwise` keeps only the respondents who answered every item.
 * Regressions and the paired test always use the respondents with every score they need.
 */
import type { ScaleSpec } from './model.js';
import { OUTCOME_IDS } from './model.js';
import type { ResponseTable } from './responses.js';
import { alphaFromCovariance, type CovarianceAlpha } from './stats/alpha.js';
import {
  checkPairs,
  columnMean,
  correlationOf,
  covarianceOf,
  keyedColumns,
  listwise,
  pairMoments,
  scaleScoresOfColumns,
} from './stats/data.js';
import { describe, type Description } from './stats/describe.js';
import { faMinres } from './stats/fa.js';
import { omega } from './stats/omega.js';
import { parallelAnalysis } from './stats/parallel.js';
import { StatsError } from './stats/errors.js';
import { ols, pairedT, type OlsResult, type PairedT } from './stats/tests.js';

export type Missing = 'pairwise' | 'listwise';

export interface FactorFigures {
  readonly id: string;
  readonly items: readonly string[];
  readonly reversed: readonly string[];
  /** Respondents with a score on the scale (at least one item answered). */
  readonly n: number;
  readonly mean: number | null;
  /** Null when fewer than two respondents have a score. */
  readonly description: Description | null;
  readonly alpha: number | null;
  readonly alphaStd: number | null;
  readonly averageR: number | null;
  /** McDonald's omega total of a one-factor minres fit, as psych::omega(…, nfactors = 1). */
  readonly omegaTotal: number | null;
  readonly itemFigures: readonly ItemFigures[];
}

export interface ItemFigures {
  readonly id: string;
  readonly reversed: boolean;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly itemRest: number;
  /** Null for a scale of two items, where dropping one leaves no alpha. */
  readonly alphaIfDropped: number | null;
  readonly alphaStdIfDropped: number | null;
}

export interface Structure {
  /** Parallel analysis (psych::fa.parallel): the number of factors and components the data support. */
  readonly nFactors: number;
  readonly nComponents: number;
  readonly observedFa: readonly number[];
  readonly simulatedFa: readonly number[];
  /** Per item, the factor of the exploratory solution (nFactors, minres, oblimin) it loads on most. */
  readonly primary: readonly {
    readonly item: string;
    readonly factor: number;
    readonly loading: number;
  }[];
  /** Per scale of the spec, the share of its items whose primary factor is the scale's most common one. */
  readonly coherence: readonly {
    readonly id: string;
    readonly factor: number;
    readonly share: number;
  }[];
}

/** A figure not computed: what, and why in both languages. */
export interface Note {
  readonly what: string;
  readonly zh: string;
  readonly en: string;
}

export type FactorRole = 'promoting' | 'blocking' | 'neutral';

export interface Ranked {
  readonly id: string;
  readonly role: FactorRole;
  /** The mean score against the scale's midpoint: its 95 % CI above, below, or across it. */
  readonly level: 'high' | 'low' | 'middle';
  /** The standardized coefficients on optimism and willingness, where they were estimated. */
  readonly betas: readonly {
    readonly outcome: string;
    readonly beta: number;
    readonly p: number;
  }[];
}

export interface Analysis {
  readonly n: number;
  readonly missing: Missing;
  readonly scale: { readonly min: number; readonly max: number };
  readonly factors: readonly FactorFigures[];
  /** Omega of the whole instrument with as many group factors as it has scales. */
  readonly omegaH: number | null;
  readonly omegaTotal: number | null;
  readonly structure: Structure | null;
  /** Support against optimism (seed 000: applauded but not trusted). */
  readonly gap: PairedT | null;
  readonly regressions: readonly { readonly outcome: string; readonly result: OlsResult }[];
  readonly ranking: readonly Ranked[];
  /** Figures that could not be computed, and why (too few respondents, a singular matrix…). */
  readonly notes: readonly Note[];
}

const SIGNIFICANT = 0.05;

export function analyze(table: ResponseTable, spec: ScaleSpec, missing: Missing): Analysis {
  const notes: Note[] = [];
  const { min, max } = spec.scale;
  const reversed = table.items.map((id) => spec.factors.some((f) => f.reversed.includes(id)));
  const rows = missing === 'listwise' ? listwise(table.rows) : table.rows;
  const data = keyedColumns(rows, reversed, min, max);
  // The moments of every pair of items, computed once: the correlation matrix, each scale's
  // covariances (alpha) and correlations (omega) are read from them.
  const whole = itemMatrices(pairMoments(data), missing, 'items', notes);
  const columnsOf = (items: readonly string[]) => items.map((id) => table.items.indexOf(id));
  const scores = new Map(
    spec.factors.map((f) => [f.id, scaleScoresOfColumns(data, columnsOf(f.items))]),
  );
  const factors = spec.factors.map((f) => {
    const columns = columnsOf(f.items);
    const matrices = whole
      ? { r: blockOf(whole.r, columns), c: blockOf(whole.c, columns) }
      : itemMatrices(pairMoments(columns.map((k) => data[k]!)), missing, f.id, notes);
    const inputs = { data, matrices, score: scores.get(f.id)! };
    return factorFigures(f, inputs, columns, spec, notes);
  });
  const omegas = whole
    ? instrumentOmega(whole.r, spec.factors.length, notes)
    : { omegaH: null, omegaTotal: null };
  const structure = whole ? structureOf(whole.r, rows.length, table.items, spec, notes) : null;
  const gap = gapOf(scores, notes);
  const regressions = regressionsOf(scores, spec, notes);
  const ranking = rank(factors, regressions, spec);
  return {
    n: rows.length,
    missing,
    scale: { min, max },
    factors,
    ...omegas,
    structure,
    gap,
    regressions,
    ranking,
    notes,
  };
}

interface ItemMatrices {
  readonly r: number[][];
  readonly c: number[][];
}

/**
 * The correlations and covariances of items, or null with a note when they cannot be had: a pair
 * of items with fewer than two answers in common, or an item everyone answered alike — both
 * likely in a small campaign. The figures that need them are then left out; the rest (means, the
 * gap, the regressions) are still given. Over the whole instrument failing, each scale is tried on
 * its own items, so one flat item costs only its scale's reliability.
 */
function itemMatrices(
  moments: ReturnType<typeof pairMoments>,
  missing: Missing,
  what: string,
  notes: Note[],
): ItemMatrices | null {
  return guarded(
    () => {
      checkPairs(moments, missing);
      return { r: correlationOf(moments), c: covarianceOf(moments) };
    },
    what,
    notes,
  );
}

/** The rows and columns `columns` of a square matrix. */
function blockOf(m: number[][], columns: readonly number[]): number[][] {
  return columns.map((i) => columns.map((j) => m[i]![j]!));
}

/** What a scale's figures are read from: the keyed columns, its item matrices, its scores. */
interface ScaleInputs {
  readonly data: readonly Float64Array[];
  /** The scale's own items' matrices (null when they cannot be had: see itemMatrices). */
  readonly matrices: ItemMatrices | null;
  /** Per respondent, NaN when they answered none of the scale's items. */
  readonly score: Float64Array;
}

function factorFigures(
  factor: ScaleSpec['factors'][number],
  { data, matrices, score }: ScaleInputs,
  columns: readonly number[],
  spec: ScaleSpec,
  notes: Note[],
): FactorFigures {
  const description = guarded(() => describe(score, spec.scale), `${factor.id}`, notes);
  const fit = matrices
    ? guarded(() => alphaFromCovariance(matrices.c), `${factor.id}: alpha`, notes)
    : null;
  const one =
    matrices && columns.length >= 3
      ? guarded(() => omega(matrices.r, 1), `${factor.id}: omega`, notes)
      : null;
  return {
    id: factor.id,
    items: factor.items,
    reversed: factor.reversed,
    n: score.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0),
    mean: description?.mean ?? null,
    description,
    alpha: fit?.alpha ?? null,
    alphaStd: fit?.alphaStd ?? null,
    averageR: fit?.averageR ?? null,
    omegaTotal: one?.omegaTotal ?? null,
    itemFigures: fit
      ? itemFiguresOf(
          fit,
          factor,
          columns.map((k) => columnMean(data[k]!)),
        )
      : [],
  };
}

function itemFiguresOf(
  fit: CovarianceAlpha,
  factor: ScaleSpec['factors'][number],
  answers: readonly { n: number; mean: number }[],
): ItemFigures[] {
  return fit.items.map((it, k) => ({
    id: factor.items[k]!,
    reversed: factor.reversed.includes(factor.items[k]!),
    n: answers[k]!.n,
    mean: answers[k]!.mean,
    sd: it.sd,
    itemRest: it.itemRest,
    alphaIfDropped: it.alphaIfDropped,
    alphaStdIfDropped: it.alphaStdIfDropped,
  }));
}

function instrumentOmega(
  r: number[][],
  nScales: number,
  notes: Note[],
): { omegaH: number | null; omegaTotal: number | null } {
  if (nScales < 2) return { omegaH: null, omegaTotal: null };
  const fit = guarded(() => omega(r, nScales), 'omega', notes);
  return { omegaH: fit?.omegaH ?? null, omegaTotal: fit?.omegaTotal ?? null };
}

function structureOf(
  r: number[][],
  nObs: number,
  items: readonly string[],
  spec: ScaleSpec,
  notes: Note[],
): Structure | null {
  const pa = guarded(() => parallelAnalysis(r, nObs, { seed: 1 }), 'parallel analysis', notes);
  if (!pa || pa.nFactors < 1) return null;
  const efa = guarded(
    () => faMinres(r, pa.nFactors, { rotate: pa.nFactors > 1 ? 'oblimin' : 'none', nObs }),
    'EFA',
    notes,
  );
  if (!efa) return null;
  const primary = items.map((item, i) => {
    const row = efa.loadings[i]!;
    const factor = row.reduce((best, v, k) => (Math.abs(v) > Math.abs(row[best]!) ? k : best), 0);
    return { item, factor: factor + 1, loading: row[factor]! };
  });
  const coherence = spec.factors.map((f) => {
    const own = primary.filter((p) => f.items.includes(p.item)).map((p) => p.factor);
    const counts = new Map<number, number>();
    for (const k of own) counts.set(k, (counts.get(k) ?? 0) + 1);
    const [factor, count] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0, 0];
    return { id: f.id, factor, share: own.length > 0 ? count / own.length : 0 };
  });
  return {
    nFactors: pa.nFactors,
    nComponents: pa.nComponents,
    observedFa: pa.observedFa,
    simulatedFa: pa.simulatedFa,
    primary,
    coherence,
  };
}

function gapOf(scores: ReadonlyMap<string, Float64Array>, notes: Note[]): PairedT | null {
  const support = scores.get('support');
  const optimism = scores.get('optimism');
  if (!support || !optimism) return null;
  return guarded(() => pairedT(support, optimism), 'support–optimism', notes);
}

/** Optimism and willingness to act, each regressed on the scores of every scale that is not an outcome. */
function regressionsOf(
  scores: ReadonlyMap<string, Float64Array>,
  spec: ScaleSpec,
  notes: Note[],
): { outcome: string; result: OlsResult }[] {
  const predictors = spec.factors
    .filter((f) => !(OUTCOME_IDS as readonly string[]).includes(f.id))
    .map((f) => ({ name: f.id, values: scores.get(f.id)! }));
  return (['optimism', 'willingness'] as const).flatMap((outcome) => {
    const y = scores.get(outcome);
    if (!y || predictors.length === 0) return [];
    const result = guarded(() => ols(y, predictors), `${outcome}: OLS`, notes);
    return result ? [{ outcome, result }] : [];
  });
}

/**
 * Promoting and blocking factors, as an importance–performance reading of the seed's model: a
 * factor matters when its standardized coefficient on optimism or on willingness is positive and
 * significant (p < 0.05); it promotes implementation when cadres rate it high (the 95 % CI of its
 * mean above the scale's midpoint) and blocks it when they rate it low (below the midpoint). A
 * factor that does not matter, or sits at the midpoint, is neutral.
 */
function rank(
  factors: readonly FactorFigures[],
  regressions: readonly { outcome: string; result: OlsResult }[],
  spec: ScaleSpec,
): Ranked[] {
  if (regressions.length === 0) return [];
  const mid = (spec.scale.min + spec.scale.max) / 2;
  return factors
    .filter((f) => !(OUTCOME_IDS as readonly string[]).includes(f.id))
    .map((f) => {
      const betas = regressions.flatMap(({ outcome, result }) =>
        result.coefficients
          .filter((c) => c.name === f.id)
          .map((c) => ({ outcome, beta: c.beta ?? 0, p: c.p })),
      );
      const [lo, hi] = f.description?.ci95 ?? [mid, mid];
      const level: Ranked['level'] = lo > mid ? 'high' : hi < mid ? 'low' : 'middle';
      const matters = betas.some((b) => b.beta > 0 && b.p < SIGNIFICANT);
      const role: FactorRole =
        !matters || level === 'middle' ? 'neutral' : level === 'high' ? 'promoting' : 'blocking';
      return { id: f.id, role, level, betas };
    })
    .sort((a, b) => strength(b) - strength(a));
}

const strength = (r: Ranked) => Math.max(0, ...r.betas.map((b) => b.beta));

/** Runs one computation; a numerical failure becomes a note and a missing figure, not a crash. */
function guarded<T>(compute: () => T, what: string, notes: Note[]): T | null {
  try {
    return compute();
  } catch (e) {
    if (!(e instanceof StatsError)) throw e;
    notes.push({ what, zh: e.zh, en: e.en });
    return null;
  }
}
