/**
 * How well a factor model reproduces R: the fit figures of psych's factor.stats (psych 2.2.9) that
 * psych::fa prints — degrees of freedom, the ML objective and its chi-square, RMSEA, the
 * Tucker–Lewis index, BIC and the root mean square residuals. They need the number of
 * observations. (The chi-square's p value, 1 − pchisq(χ², dof), is left to the caller: it needs
 * jstat, which this module does not import; RMSEA's confidence interval needs the noncentral
 * chi-square, which jstat lacks.)
 */
import { determinant, Matrix, solve } from 'ml-matrix';
import { eigenSymmetric } from './minres.js';

export interface FaFit {
  /** p(p − 1)/2 − p·m + m(m − 1)/2. */
  readonly dof: number;
  /** tr(M⁻¹R) − log det(M⁻¹R) − p, M the model's correlation matrix (psych's `objective`). */
  readonly objective: number;
  /** objective × (n − 1 − (2p + 5)/6 − 2m/3), at least 0 (psych's STATISTIC). */
  readonly chiSquare: number;
  /** √max(χ²/(dof·n) − 1/(n − 1), 0); NaN when dof ≤ 0. */
  readonly rmsea: number;
  /** Tucker–Lewis index against the independence model (not capped at 1, as psych's is not). */
  readonly tli: number;
  /** χ² − dof·log n; NaN when dof ≤ 0. */
  readonly bic: number;
  /** √(Σ off-diagonal residual² / (p(p − 1))). */
  readonly rms: number;
  /** √(Σ off-diagonal residual² / (2 dof)); NaN when dof ≤ 0. */
  readonly crms: number;
}

export function fitStatistics(
  r: Matrix,
  loadings: Matrix,
  phi: Matrix | null,
  nObs: number,
): FaFit {
  const p = r.rows;
  const m = loadings.columns;
  const model =
    phi === null
      ? loadings.mmul(loadings.transpose())
      : loadings.mmul(phi).mmul(loadings.transpose());
  const dof = (p * (p - 1)) / 2 - p * m + (m * (m - 1)) / 2;
  let offDiagonal = 0;
  let all = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const e = (r.get(i, j) - model.get(i, j)) ** 2;
      all += e;
      if (i !== j) offDiagonal += e;
    }
  }
  for (let i = 0; i < p; i++) model.set(i, i, r.get(i, i));
  const smoothModel = corSmooth(model);
  const smoothR = corSmooth(r);
  const mInvR = solve(smoothModel, smoothR);
  let objective = mInvR.trace() - Math.log(determinant(mInvR)) - p;
  // psych: a zero determinant leaves the objective undefined; it falls back on the residuals.
  if (!Number.isFinite(objective)) objective = all;
  const scale = nObs - 1 - (2 * p + 5) / 6 - (2 * m) / 3;
  const chiSquare = Math.max(objective * scale, 0);
  const f0 = smoothR.trace() - Math.log(determinant(smoothR)) - p;
  const m0 = (f0 * 2) / (p * (p - 1));
  const tli = (m0 - objective / dof) / (m0 - 1 / scale);
  const positive = dof > 0;
  return {
    dof,
    objective,
    chiSquare,
    rmsea: positive ? Math.sqrt(Math.max(chiSquare / (dof * nObs) - 1 / (nObs - 1), 0)) : NaN,
    tli,
    bic: positive ? chiSquare - dof * Math.log(nObs) : NaN,
    rms: Math.sqrt(offDiagonal / (p * (p - 1))),
    crms: positive ? Math.sqrt(offDiagonal / (2 * dof)) : NaN,
  };
}

/**
 * psych::cor.smooth: a matrix that is not positive definite gets its eigenvalues below 1e-12 raised
 * to 1e-10, rescaled to sum to p, and is turned back into a correlation matrix; others are kept.
 */
export function corSmooth(x: Matrix): Matrix {
  const { values, vectors } = eigenSymmetric(x);
  if (Math.min(...values) >= Number.EPSILON) return x;
  const raised = values.map((v) => (v < 1e-12 ? 100 * 1e-12 : v));
  const total = raised.reduce((a, v) => a + v, 0);
  const scaled = raised.map((v) => (v * x.rows) / total);
  const y = vectors.mmul(Matrix.diag(scaled)).mmul(vectors.transpose());
  const sd = y.diag().map(Math.sqrt);
  for (let i = 0; i < y.rows; i++) {
    for (let j = 0; j < y.columns; j++) y.set(i, j, y.get(i, j) / (sd[i]! * sd[j]!));
  }
  return y;
}
