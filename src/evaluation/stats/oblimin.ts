/**
 * Oblique rotation by gradient projection: GPArotation's GPFoblq with the oblimin criterion
 * (vgQ.oblimin), GPArotation 2022.10.2, followed step by step so that the iterates — and so the
 * result, to the tolerance — are R's. psych::fa(rotate = "oblimin") calls GPArotation::oblimin
 * with its defaults: gamma 0 (quartimin), no Kaiser normalization, eps 1e-5, maxit 1000, starting
 * from the identity.
 */
import { Matrix, inverse } from 'ml-matrix';

export interface ObliminOptions {
  /** Oblimin's γ: 0 quartimin (psych's default), 0.5 biquartimin, 1 covarimin. */
  readonly gamma?: number;
  /** Kaiser normalization of the rows before rotating (GPArotation's default: no). */
  readonly normalize?: boolean;
  /** Stop when the projected gradient's norm is below eps (default 1e-5). */
  readonly eps?: number;
  /** At most this many iterations (default 1000). */
  readonly maxit?: number;
}

export interface ObliqueRotation {
  /** Pattern loadings A (Tᵀ)⁻¹, p × m. */
  readonly loadings: Matrix;
  /** Factor correlations TᵀT. */
  readonly phi: Matrix;
  /** The rotation matrix T (GPArotation's Th), columns of unit length. */
  readonly rotation: Matrix;
  readonly converged: boolean;
  readonly iterations: number;
}

interface Criterion {
  readonly f: number;
  readonly gq: Matrix;
}

/** vgQ.oblimin: X = (I − γ/p·11ᵀ) L² (11ᵀ − I); Gq = L ∘ X; f = Σ L² ∘ X / 4. */
export function obliminCriterion(l: Matrix, gamma: number): Criterion {
  const p = l.rows;
  const m = l.columns;
  const sq = Matrix.pow(l, 2);
  const rowSums = sq.sum('row');
  const x = new Matrix(p, m);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < m; j++) x.set(i, j, rowSums[i]! - sq.get(i, j));
  }
  if (gamma !== 0) {
    const colMeans = x.mean('column');
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < m; j++) x.set(i, j, x.get(i, j) - gamma * colMeans[j]!);
    }
  }
  const gq = new Matrix(p, m);
  let f = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < m; j++) {
      gq.set(i, j, l.get(i, j) * x.get(i, j));
      f += sq.get(i, j) * x.get(i, j);
    }
  }
  return { f: f / 4, gq };
}

/** G = −(Lᵀ Gq T⁻¹)ᵀ, the gradient of the criterion with respect to T. */
function gradientOf(l: Matrix, gq: Matrix, tInverse: Matrix): Matrix {
  return l.transpose().mmul(gq).mmul(tInverse).transpose().mul(-1);
}

/** Gp = G − T diag(1ᵀ(T ∘ G)): the gradient projected on the tangent space of unit columns. */
function projected(t: Matrix, g: Matrix): Matrix {
  const m = t.columns;
  const gp = g.clone();
  for (let j = 0; j < m; j++) {
    let d = 0;
    for (let i = 0; i < t.rows; i++) d += t.get(i, j) * g.get(i, j);
    for (let i = 0; i < t.rows; i++) gp.set(i, j, g.get(i, j) - t.get(i, j) * d);
  }
  return gp;
}

/** T − α Gp with each column scaled to unit length. */
function stepped(t: Matrix, gp: Matrix, alpha: number): Matrix {
  const x = Matrix.sub(t, Matrix.mul(gp, alpha));
  for (let j = 0; j < x.columns; j++) {
    const norm = Math.sqrt(x.getColumn(j).reduce((acc, v) => acc + v * v, 0));
    for (let i = 0; i < x.rows; i++) x.set(i, j, x.get(i, j) / norm);
  }
  return x;
}

/** GPFoblq(A, Tmat = I, method = "oblimin") on loadings a (p × m, m ≥ 2). */
export function oblimin(a: Matrix, options: ObliminOptions = {}): ObliqueRotation {
  const { gamma = 0, normalize = false, eps = 1e-5, maxit = 1000 } = options;
  const weights = a.sum('row').map((_, i) => (normalize ? a.getRowVector(i).norm() : 1));
  const scaled = a.clone().divColumnVector(weights);
  let t = Matrix.eye(a.columns);
  let l = scaled.mmul(inverse(t).transpose());
  let criterion = obliminCriterion(l, gamma);
  let g = gradientOf(l, criterion.gq, inverse(t));
  let alpha = 1;
  let s = Infinity;
  let iterations = 0;
  for (; iterations <= maxit; iterations++) {
    s = projected(t, g).norm();
    if (s < eps) break;
    const gp = projected(t, g);
    alpha *= 2;
    let candidate = t;
    let next = criterion;
    for (let i = 0; i <= 10; i++) {
      candidate = stepped(t, gp, alpha);
      l = scaled.mmul(inverse(candidate).transpose());
      next = obliminCriterion(l, gamma);
      if (criterion.f - next.f > 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    t = candidate;
    criterion = next;
    g = gradientOf(l, criterion.gq, inverse(t));
  }
  return {
    loadings: l.clone().mulColumnVector(weights),
    phi: t.transpose().mmul(t),
    rotation: t,
    converged: s < eps,
    iterations: Math.min(iterations, maxit),
  };
}
