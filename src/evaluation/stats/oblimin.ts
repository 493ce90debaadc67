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
  /** The criterion's gradient with respect to L, row-major p × m. */
  readonly gq: Float64Array;
}

/**
 * vgQ.oblimin on L (row-major p × m): X = (I − γ/p·11ᵀ) L² (11ᵀ − I); Gq = L ∘ X; f = Σ L² ∘ X / 4.
 * Plain loops over flat arrays: this runs a few thousand times per rotation, and allocating an
 * ml-matrix Matrix (one typed array per row) each time cost more than the arithmetic.
 */
export function obliminCriterion(l: Float64Array, p: number, m: number, gamma: number): Criterion {
  const x = new Float64Array(p * m);
  for (let i = 0; i < p; i++) {
    let rowSum = 0;
    for (let j = 0; j < m; j++) rowSum += l[i * m + j]! ** 2;
    for (let j = 0; j < m; j++) x[i * m + j] = rowSum - l[i * m + j]! ** 2;
  }
  if (gamma !== 0) {
    for (let j = 0; j < m; j++) {
      let mean = 0;
      for (let i = 0; i < p; i++) mean += x[i * m + j]!;
      mean /= p;
      for (let i = 0; i < p; i++) x[i * m + j] = x[i * m + j]! - gamma * mean;
    }
  }
  const gq = new Float64Array(p * m);
  let f = 0;
  for (let k = 0; k < p * m; k++) {
    gq[k] = l[k]! * x[k]!;
    f += l[k]! * gq[k]!;
  }
  return { f: f / 4, gq };
}

/** L = A (T⁻¹)ᵀ, row-major p × m: L_ij = Σ_k A_ik (T⁻¹)_jk. */
function rotated(a: Float64Array, p: number, tInverse: Matrix): Float64Array {
  const m = tInverse.rows;
  const inv = tInverse.to2DArray();
  const l = new Float64Array(p * m);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += a[i * m + k]! * inv[j]![k]!;
      l[i * m + j] = sum;
    }
  }
  return l;
}

/** G = −(Lᵀ Gq T⁻¹)ᵀ, the gradient of the criterion with respect to T (m × m). */
function gradientOf(l: Float64Array, gq: Float64Array, p: number, tInverse: Matrix): Matrix {
  const m = tInverse.rows;
  const ltg = new Matrix(m, m);
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < m; k++) {
      let sum = 0;
      for (let i = 0; i < p; i++) sum += l[i * m + j]! * gq[i * m + k]!;
      ltg.set(j, k, sum);
    }
  }
  return ltg.mmul(tInverse).transpose().mul(-1);
}

/** Gp = G − T diag(1ᵀ(T ∘ G)): the gradient projected on the tangent space of unit columns. */
function projected(t: Matrix, g: Matrix): Matrix {
  const gp = g.clone();
  for (let j = 0; j < t.columns; j++) {
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
    let norm = 0;
    for (let i = 0; i < x.rows; i++) norm += x.get(i, j) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < x.rows; i++) x.set(i, j, x.get(i, j) / norm);
  }
  return x;
}

/** GPFoblq(A, Tmat = I, method = "oblimin") on loadings a (p × m, m ≥ 2). */
export function oblimin(a: Matrix, options: ObliminOptions = {}): ObliqueRotation {
  const { gamma = 0, normalize = false, eps = 1e-5, maxit = 1000 } = options;
  const p = a.rows;
  const m = a.columns;
  const weights = Array.from({ length: p }, (_, i) => (normalize ? a.getRowVector(i).norm() : 1));
  const scaled = Float64Array.from(a.clone().divColumnVector(weights).to1DArray());
  let t = Matrix.eye(m);
  let tInverse = inverse(t);
  let l = rotated(scaled, p, tInverse);
  let criterion = obliminCriterion(l, p, m, gamma);
  let g = gradientOf(l, criterion.gq, p, tInverse);
  let alpha = 1;
  let s = Infinity;
  let iterations = 0;
  for (; iterations <= maxit; iterations++) {
    const gp = projected(t, g);
    s = gp.norm();
    if (s < eps) break;
    alpha *= 2;
    let candidate = t;
    let candidateInverse = tInverse;
    let next = criterion;
    for (let i = 0; i <= 10; i++) {
      candidate = stepped(t, gp, alpha);
      candidateInverse = inverse(candidate);
      l = rotated(scaled, p, candidateInverse);
      next = obliminCriterion(l, p, m, gamma);
      if (criterion.f - next.f > 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    t = candidate;
    tInverse = candidateInverse;
    criterion = next;
    g = gradientOf(l, criterion.gq, p, tInverse);
  }
  const loadings = Matrix.from1DArray(p, m, l).mulColumnVector(weights);
  return {
    loadings,
    phi: t.transpose().mmul(t),
    rotation: t,
    converged: s < eps,
    iterations: Math.min(iterations, maxit),
  };
}
