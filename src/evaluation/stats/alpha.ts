/**
 * Cronbach's alpha and the item statistics of one scale, exactly as `psych::alpha(x, keys)` with
 * its default `use = "pairwise"` (psych 2.2.9; its source is the definition followed here):
 *
 * - C is the pairwise covariance matrix of the keyed items, R = cov2cor(C) — the covariances
 *   divided by the square roots of the items' own variances, which with blanks differs slightly
 *   from `cor(x, use = "pairwise")`;
 * - raw alpha = (1 − tr C / ΣC) · k / (k − 1); standardized alpha = (1 − k / ΣR) · k / (k − 1);
 *   average r = (ΣR − k) / (k (k − 1));
 * - item–rest r (psych's r.drop) = (Σ_j C_ij − C_ii) / √(C_ii · ΣC without row and column i);
 * - alpha if dropped: the same alphas of C and R without the item.
 *
 * Pure; no I/O.
 */
import { checkMatrix, covarianceMatrix, keyed, type DataMatrix } from './data.js';
import { statsFail } from './errors.js';

export interface AlphaItem {
  /** The item's column, from 0. */
  readonly index: number;
  /** Correlation of the item with the sum of the other items (psych's r.drop). */
  readonly itemRest: number;
  /**
   * Raw and standardized alpha of the scale without the item; null for a two-item scale, where one
   * item is left and alpha is not defined (psych prints other figures there).
   */
  readonly alphaIfDropped: number | null;
  readonly alphaStdIfDropped: number | null;
  /** Mean and sd of the keyed item over those who answered it. */
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

export interface AlphaResult {
  /** Respondents who answered at least one item of the scale. */
  readonly n: number;
  readonly alpha: number;
  readonly alphaStd: number;
  readonly averageR: number;
  readonly items: readonly AlphaItem[];
}

export interface AlphaOptions {
  /** One flag per column: the item is reversed and is keyed max + min − answer first. */
  readonly reversed: readonly boolean[];
  readonly min: number;
  readonly max: number;
}

/** Alpha of a scale whose items are the columns of `rows`. */
export function alpha(rows: DataMatrix, options: AlphaOptions): AlphaResult {
  const width = checkMatrix(rows);
  checkItemCount(width);
  const data = keyed(rows, options.reversed, options.min, options.max);
  const fit = alphaFromCovariance(covarianceMatrix(data, 'pairwise'));
  const counts = answered(data, width);
  return {
    ...fit,
    n: counts.respondents,
    items: fit.items.map((it, i) => ({
      ...it,
      mean: counts.sums[i]! / counts.perItem[i]!,
      n: counts.perItem[i]!,
    })),
  };
}

/** What alpha says from the items' covariance matrix alone (no means, no counts). */
export interface CovarianceAlpha {
  readonly alpha: number;
  readonly alphaStd: number;
  readonly averageR: number;
  readonly items: readonly Omit<AlphaItem, 'mean' | 'n'>[];
}

/**
 * Alpha, standardized alpha, average r and the item–rest figures from the keyed items' pairwise
 * covariance matrix, as `psych::alpha` does when given a covariance matrix. An analysis that has
 * the covariances of every item already reads each scale's block from them.
 */
export function alphaFromCovariance(c: number[][]): CovarianceAlpha {
  const width = c.length;
  checkItemCount(width);
  c.forEach((row, i) => {
    if (!(row[i]! > 0)) noVariance(i);
  });
  const r = cov2cor(c);
  const total = alphaOf(c, r);
  const items = c.map((_, i) => {
    const dropped = width > 2 ? alphaOf(without(c, i), without(r, i)) : null;
    return {
      index: i,
      itemRest: itemRest(c, i),
      alphaIfDropped: dropped?.raw ?? null,
      alphaStdIfDropped: dropped?.std ?? null,
      sd: Math.sqrt(c[i]![i]!),
    };
  });
  return { alpha: total.raw, alphaStd: total.std, averageR: total.averageR, items };
}

function checkItemCount(width: number): void {
  if (width < 2) {
    statsFail(
      'STATS_TOO_FEW_ITEMS',
      `量表只有 ${width} 道题；计算 alpha 至少需要 2 道。`,
      `The scale has ${width} item; alpha needs at least 2.`,
    );
  }
}

/** Answers per item and their sums; respondents who answered at least one item. */
function answered(data: readonly (number | null)[][], width: number) {
  const perItem = new Array<number>(width).fill(0);
  const sums = new Array<number>(width).fill(0);
  let respondents = 0;
  for (const row of data) {
    let any = false;
    for (let i = 0; i < width; i++) {
      const v = row[i] ?? null;
      if (v === null) continue;
      perItem[i]!++;
      sums[i]! += v;
      any = true;
    }
    if (any) respondents++;
  }
  return { perItem, sums, respondents };
}

/** psych's alpha.1: raw alpha from C, standardized alpha and average r from R. */
function alphaOf(c: number[][], r: number[][]): { raw: number; std: number; averageR: number } {
  const k = c.length;
  const sumC = sum(c);
  const sumR = sum(r);
  const trace = c.reduce((s, row, i) => s + row[i]!, 0);
  return {
    raw: (1 - trace / sumC) * (k / (k - 1)),
    std: (1 - k / sumR) * (k / (k - 1)),
    averageR: (sumR - k) / (k * (k - 1)),
  };
}

function itemRest(c: number[][], i: number): number {
  const ci = c[i]!;
  const withRest = ci.reduce((s, v) => s + v, 0) - ci[i]!;
  return withRest / Math.sqrt(ci[i]! * sum(without(c, i)));
}

function cov2cor(c: number[][]): number[][] {
  const sd = c.map((row, i) => Math.sqrt(row[i]!));
  return c.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i]! * sd[j]!))));
}

function without(m: number[][], drop: number): number[][] {
  return m.filter((_, i) => i !== drop).map((row) => row.filter((_, j) => j !== drop));
}

function sum(m: number[][]): number {
  return m.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
}

function noVariance(column: number): never {
  statsFail(
    'STATS_NO_VARIANCE',
    `第 ${column + 1} 题所有作答相同，没有方差，alpha 无法计算；请将该题移出量表或收集更多作答。`,
    `Item ${column + 1} has the same answer everywhere: no variance, so no alpha. Leave it out of the scale or collect more answers.`,
  );
}
