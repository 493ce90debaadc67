/**
 * The minimum-residual (minres) factor extraction of psych::fa(fm = "minres"), psych 2.2.9.
 *
 * psych fits the uniquenesses ψ: for a given ψ the loadings are the first nf eigenvectors of the
 * reduced matrix S − diag(ψ), scaled by the square roots of their eigenvalues (FAout.wls), and ψ
 * minimizes the residuals, starting from 1 − SMC, within [0.005, 1] (optim's L-BFGS-B on
 * fit.residuals with the gradient FAgr.minres).
 *
 * We minimize F(ψ) = ½ ‖S − diag(ψ) − LLᵀ‖² over all cells, L being those loadings. Its exact
 * gradient is psych's FAgr.minres, diag(LLᵀ) + ψ − diag(S), and at its minimum the diagonal
 * residuals vanish, so F there is the off-diagonal sum of squares that psych minimizes: the same
 * minimum. (psych pairs FAgr.minres with the off-diagonal sum, which it is not quite the gradient
 * of; the two agree at the minimum only. Where a uniqueness sits at its bound — a Heywood case —
 * they differ, psych's optimizer stops between them, and the figures agree to about 1e-3 only;
 * the result flags such items.)
 *
 * Optimizer: Newton's method with the analytic Hessian (below), a projected step at the bounds,
 * and a backtracking line search; where the Hessian is not positive definite, a gradient step
 * (which is one step of iterated principal axes). Why Newton and not a copy of L-BFGS-B: each
 * evaluation is an eigen decomposition, Newton needs 3–5 of them from the SMC start (on bfi and
 * on random 70 × 70 matrices), and parallel analysis runs 20 fits within the 2 s budget. psych
 * stops when F falls by less than optim's factr × ε ≈ 2e-9 of itself; we stop at a gradient of
 * 1e-9, closer to the minimum: loadings and omega agree with psych's to about 1e-6 on bfi.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** psych's bounds on the uniquenesses (optim's lower = 0.005, upper = max(SMC, 1) = 1). */
export const PSI_LOWER = 0.005;
export const PSI_UPPER = 1;

const GRADIENT_TOLERANCE = 1e-9;
const MAX_ITERATIONS = 200;

export interface Eigen {
  /** Eigenvalues, largest first. */
  readonly values: number[];
  /** Column k is the eigenvector of values[k]. */
  readonly vectors: Matrix;
}

/** Eigen decomposition of a symmetric matrix, ordered as R's eigen() orders it (largest first). */
export function eigenSymmetric(a: Matrix): Eigen {
  const evd = new EigenvalueDecomposition(a, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[j]! - raw[i]!);
  const source = evd.eigenvectorMatrix;
  const vectors = new Matrix(a.rows, a.rows);
  order.forEach((from, to) => {
    for (let i = 0; i < a.rows; i++) vectors.set(i, to, source.get(i, from));
  });
  return { values: order.map((i) => raw[i]!), vectors };
}

/**
 * Squared multiple correlations, psych::smc: 1 − 1/diag(R⁺) with psych's pseudo-inverse Pinv
 * (singular values below √ε × the largest dropped), clamped to [0, 1]. R is symmetric, so its
 * singular values are its absolute eigenvalues and R⁺ = V diag(1/λ) Vᵀ over the kept ones; the
 * symmetric eigen decomposition is several times faster than ml-matrix's SVD here.
 */
export function smc(r: Matrix, eig: Eigen = eigenSymmetric(r)): number[] {
  const { values, vectors } = eig;
  const cutoff = Math.sqrt(Number.EPSILON) * Math.max(...values.map(Math.abs));
  return Array.from({ length: r.rows }, (_, i) => {
    let inv = 0;
    values.forEach((v, k) => {
      if (Math.abs(v) > cutoff) inv += vectors.get(i, k) ** 2 / v;
    });
    return Math.min(1, Math.max(0, 1 - 1 / inv));
  });
}

/** S with its diagonal replaced by diag(S) − ψ. */
function reduced(s: Matrix, psi: readonly number[]): Matrix {
  const a = s.clone();
  psi.forEach((u, i) => a.set(i, i, s.get(i, i) - u));
  return a;
}

/** psych's FAout.wls: the first nf eigenvectors scaled by √max(λ, 0). */
export function loadingsOf(eig: Eigen, nf: number): Matrix {
  const p = eig.vectors.rows;
  const l = new Matrix(p, nf);
  for (let k = 0; k < nf; k++) {
    const scale = Math.sqrt(Math.max(eig.values[k]!, 0));
    for (let i = 0; i < p; i++) l.set(i, k, eig.vectors.get(i, k) * scale);
  }
  return l;
}

interface Evaluation {
  readonly psi: number[];
  readonly f: number;
  readonly gradient: number[];
  readonly eig: Eigen;
}

function evaluate(s: Matrix, psi: number[], nf: number): Evaluation {
  const eig = eigenSymmetric(reduced(s, psi));
  let f = 0;
  eig.values.forEach((v, k) => {
    if (k >= nf || v < 0) f += (v * v) / 2;
  });
  const gradient = psi.map((u, i) => {
    let c = 0;
    for (let k = 0; k < nf; k++) c += Math.max(eig.values[k]!, 0) * eig.vectors.get(i, k) ** 2;
    return c + u - s.get(i, i);
  });
  return { psi, f, gradient, eig };
}

/**
 * The Hessian of F: H_ij = δ_ij − P_ij² − 2 Σ_{k<nf} λ_k v_ik v_jk Σ_{m≥nf} v_im v_jm / (λ_k − λ_m),
 * with P = V_top V_topᵀ (first-order perturbation of the eigenpairs of S − diag(ψ); the terms
 * between two retained eigenpairs sum to −P_ij²). Valid where the retained eigenvalues are
 * positive and apart from the others; elsewhere the caller falls back to a gradient step.
 */
export function hessian(eig: Eigen, nf: number): Matrix {
  const p = eig.vectors.rows;
  // Row-major copy of the eigenvectors: this loop is O(nf·p³) and Matrix.get() costs here.
  const v = Float64Array.from(eig.vectors.to1DArray());
  const h = new Matrix(p, p);
  const weight = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let pij = 0;
      let cross = 0;
      for (let m = nf; m < p; m++) weight[m] = v[i * p + m]! * v[j * p + m]!;
      for (let k = 0; k < nf; k++) {
        const lk = eig.values[k]!;
        const vk = v[i * p + k]! * v[j * p + k]!;
        pij += vk;
        let sum = 0;
        for (let m = nf; m < p; m++) sum += weight[m]! / (lk - eig.values[m]!);
        cross += lk * vk * sum;
      }
      const value = (i === j ? 1 : 0) - pij * pij - 2 * cross;
      h.set(i, j, value);
      h.set(j, i, value);
    }
  }
  return h;
}

/** Indices of ψ free to move: not held at a bound by a gradient pushing outwards. */
function freeIndices(e: Evaluation): number[] {
  const free: number[] = [];
  e.psi.forEach((u, i) => {
    const g = e.gradient[i]!;
    const heldLow = u <= PSI_LOWER && g > 0;
    const heldHigh = u >= PSI_UPPER && g < 0;
    if (!heldLow && !heldHigh) free.push(i);
  });
  return free;
}

/** The Newton direction on the free indices, or the negative gradient where H is not usable. */
function direction(e: Evaluation, nf: number, free: number[]): number[] {
  const d = e.psi.map(() => 0);
  const h = hessian(e.eig, nf).selection(free, free);
  const chol = new CholeskyDecomposition(h);
  if (e.eig.values[nf - 1]! > 0 && chol.isPositiveDefinite()) {
    const g = Matrix.columnVector(free.map((i) => -e.gradient[i]!));
    const step = chol.solve(g);
    free.forEach((i, n) => (d[i] = step.get(n, 0)));
  }
  const slope = d.reduce((acc, x, i) => acc + x * e.gradient[i]!, 0);
  if (!(slope < 0)) free.forEach((i) => (d[i] = -e.gradient[i]!));
  return d;
}

const clampPsi = (u: number) => Math.min(PSI_UPPER, Math.max(PSI_LOWER, u));

/** Backtracking (Armijo) along the projected path ψ + t·d; null when no step decreases F. */
function lineSearch(s: Matrix, nf: number, e: Evaluation, d: number[]): Evaluation | null {
  // Near the minimum F changes by less than its rounding error; allow for that.
  const roundoff = 1e-14 * Math.max(1, e.f);
  for (let t = 1, halvings = 0; halvings < 30; t /= 2, halvings++) {
    const psi = e.psi.map((u, i) => clampPsi(u + t * d[i]!));
    const next = evaluate(s, psi, nf);
    const decrease = psi.reduce((acc, u, i) => acc + e.gradient[i]! * (u - e.psi[i]!), 0);
    if (next.f <= e.f + 1e-4 * decrease + roundoff) return next;
  }
  return null;
}

export interface MinresFit {
  /** Unrotated loadings, p × nf, signs as the eigenvectors came (the caller fixes them). */
  readonly loadings: Matrix;
  readonly psi: number[];
  readonly converged: boolean;
  readonly iterations: number;
  /** Items whose uniqueness reached psych's lower bound 0.005 (a Heywood case). */
  readonly heywood: number[];
}

export interface MinresOptions {
  /** The eigen decomposition of s, when the caller has it (for the SMCs). */
  readonly eigen?: Eigen;
  /** Stop when the largest free gradient entry is below this (default 1e-9). */
  readonly tolerance?: number;
}

/** Minres fit of a correlation matrix s with nf factors, from psych's start 1 − SMC. */
export function fitMinres(s: Matrix, nf: number, options: MinresOptions = {}): MinresFit {
  const tolerance = options.tolerance ?? GRADIENT_TOLERANCE;
  const start = smc(s, options.eigen).map((h, i) => clampPsi(s.get(i, i) - h));
  let e = evaluate(s, start, nf);
  let converged = false;
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const free = freeIndices(e);
    const largest = Math.max(0, ...free.map((i) => Math.abs(e.gradient[i]!)));
    if (largest < tolerance) {
      converged = true;
      break;
    }
    const next = lineSearch(s, nf, e, direction(e, nf, free));
    if (next === null) {
      // No step lowers F: we are at its minimum to machine precision.
      converged = largest < 1e-6;
      break;
    }
    e = next;
  }
  const heywood = e.psi.flatMap((u, i) => (u <= PSI_LOWER + 1e-12 ? [i] : []));
  return { loadings: loadingsOf(e.eig, nf), psi: e.psi, converged, iterations, heywood };
}
