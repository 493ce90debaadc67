/**
 * Exploratory factor analysis as psych::fa(r, nfactors, fm = "minres", rotate = …) defines it
 * (psych 2.2.9, fac()): minres extraction (minres.ts), loadings signed so that each factor's
 * loadings sum to a positive number, then the rotation, signed again, and the factors ordered by
 * the variance they account for. Pure: a correlation matrix in, numbers out.
 */
import { Matrix } from 'ml-matrix';
import { checkCorrelation, checkFactorCount, faFail } from './fa-errors.js';
import { type FaFit, fitStatistics } from './fa-fit.js';
import { eigenSymmetric, fitMinres } from './minres.js';
import { oblimin } from './oblimin.js';
import { varimax } from './varimax.js';

export type FaRotation = 'none' | 'varimax' | 'oblimin';

export interface FaOptions {
  readonly rotate: FaRotation;
  /** Number of observations: the estimates do not depend on it, the fit statistics do. */
  readonly nObs?: number;
}

export interface FaResult {
  /** Pattern loadings, p × nfactors (items in R's order, factors in psych's order). */
  readonly loadings: number[][];
  /** Factor correlations after an oblique rotation; null for 'none' and 'varimax'. */
  readonly phi: number[][] | null;
  /** h², psych's `communality` (the row sums of squared unrotated loadings). */
  readonly communalities: number[];
  /** u² = 1 − h², psych's `uniquenesses`. */
  readonly uniquenesses: number[];
  /** Both the minres fit and the rotation converged. */
  readonly converged: boolean;
  /** Items (0-based) whose uniqueness hit psych's bound of 0.005: a Heywood case. */
  readonly heywood: number[];
  /** Eigenvalues of R with the communalities on its diagonal (psych's `values`). */
  readonly values: number[];
  /** Variance accounted for: SS loadings per factor (diag(Φ LᵀL) when oblique), psych's Vaccounted. */
  readonly ssLoadings: number[];
  /** SS loadings / p. */
  readonly proportionVar: number[];
  readonly nObs: number | null;
  /** psych's fit statistics (χ², RMSEA, TLI, BIC, …); null without nObs. */
  readonly fit: FaFit | null;
}

/** psych::fa(R, nfactors, fm = "minres", rotate). Throws FactorAnalysisError on bad input. */
export function faMinres(r: number[][], nfactors: number, options: FaOptions): FaResult {
  checkCorrelation(r);
  checkFactorCount(nfactors, r.length);
  const nObs = checkObservations(options.nObs);
  const s = new Matrix(r);
  const fit = fitMinres(s, nfactors);
  const unrotated = signByColumnSums(fit.loadings);
  const rotated = rotate(unrotated, options.rotate);
  const ordered = orderByVariance(rotated.loadings, rotated.phi);
  const communalities = rowSumsOfSquares(unrotated);
  const ssLoadings = variances(ordered.loadings, ordered.phi);
  return {
    loadings: ordered.loadings.to2DArray(),
    phi: ordered.phi?.to2DArray() ?? null,
    communalities,
    uniquenesses: communalities.map((h, i) => s.get(i, i) - h),
    converged: fit.converged && rotated.converged,
    heywood: fit.heywood,
    values: factorValues(s, communalities),
    ssLoadings,
    proportionVar: ssLoadings.map((v) => v / r.length),
    nObs,
    fit: nObs === null ? null : fitStatistics(s, ordered.loadings, ordered.phi, nObs),
  };
}

function checkObservations(nObs: number | undefined): number | null {
  if (nObs === undefined) return null;
  if (!Number.isInteger(nObs) || nObs < 2) {
    faFail(
      'FA_BAD_N_OBS',
      `样本量 nObs 须为不小于 2 的整数（收到 ${String(nObs)}）。`,
      `nObs, the number of observations, must be a whole number of at least 2 (got ${String(nObs)}).`,
    );
  }
  return nObs;
}

interface Rotated {
  readonly loadings: Matrix;
  readonly phi: Matrix | null;
  readonly converged: boolean;
}

function rotate(l: Matrix, how: FaRotation): Rotated {
  if (how === 'none' || l.columns < 2) return { loadings: l, phi: null, converged: true };
  if (how === 'varimax') {
    return { loadings: signByColumnSums(varimax(l).loadings), phi: null, converged: true };
  }
  const ob = oblimin(l);
  const signs = columnSigns(ob.loadings);
  const phi = ob.phi.clone().mulColumnVector(signs).mulRowVector(signs);
  return { loadings: ob.loadings.clone().mulRowVector(signs), phi, converged: ob.converged };
}

/** sign(colSums(L)), 0 taken as +1 — psych signs each factor so. */
function columnSigns(l: Matrix): number[] {
  return l.sum('column').map((v) => (v < 0 ? -1 : 1));
}

export function signByColumnSums(l: Matrix): Matrix {
  return l.clone().mulRowVector(columnSigns(l));
}

/** Factors in decreasing order of diag(Φ LᵀL) (colSums(L²) when orthogonal), as fac() orders them. */
function orderByVariance(l: Matrix, phi: Matrix | null): { loadings: Matrix; phi: Matrix | null } {
  const v = variances(l, phi);
  // A stable sort, as R's order() is.
  const order = v.map((_, k) => k).sort((a, b) => v[b]! - v[a]! || a - b);
  const rows = Array.from({ length: l.rows }, (_, i) => i);
  return {
    loadings: l.selection(rows, order),
    phi: phi === null ? null : phi.selection(order, order),
  };
}

function variances(l: Matrix, phi: Matrix | null): number[] {
  const ltl = l.transpose().mmul(l);
  const m = phi === null ? ltl : phi.mmul(ltl);
  return m.diag();
}

export function rowSumsOfSquares(l: Matrix): number[] {
  return Matrix.pow(l, 2).sum('row');
}

/** psych's fa `values`: the eigenvalues of R with the communalities on its diagonal. */
export function factorValues(s: Matrix, communalities: readonly number[]): number[] {
  const a = s.clone();
  communalities.forEach((v, i) => a.set(i, i, v));
  return eigenSymmetric(a).values;
}
