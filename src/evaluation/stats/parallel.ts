/**
 * Parallel analysis as psych::fa.parallel(R, n.obs, fm = "minres", fa = "both") does it for a
 * correlation matrix (psych 2.2.9; simulated data only, nothing to resample):
 *
 * - observed: the eigenvalues of R (components) and psych's fa `values` of a one-factor minres
 *   fit — the eigenvalues of R with the communalities on its diagonal (factors);
 * - simulated: `iterations` times, the correlation matrix of nObs × p independent standard normal
 *   values, and the same two sets of eigenvalues; psych reports their mean (fa.sim, pc.sim);
 * - the suggested number of factors (components) is the number of leading observed eigenvalues
 *   greater than the simulated ones — psych compares with the 95th percentile of the simulated
 *   eigenvalues (its `quant = .95`, R's quantile type 7), not with the mean, and so do we.
 *
 * Random numbers: psych uses R's generator, which we do not reproduce. Ours is mulberry32 (a
 * 32-bit generator by Tommy Ettinger, seeded with `seed`), normals by the Box–Muller transform,
 * chi-square deviates by Marsaglia and Tsang's gamma method; the same seed gives the same result
 * everywhere. The observed eigenvalues are exact; the counts agree with R's (6 factors and 6
 * components on bfi, for R's seeds 1–10 and ours).
 *
 * Speed: psych correlates nObs × p normal values, n·p² work per data set (20 × 100,000 × 70 would
 * take seconds). The centred cross-products of n independent N(0, I) rows are Wishart with n − 1
 * degrees of freedom, which Bartlett's decomposition draws from p² random numbers in p³/3 work:
 * W = AAᵀ with A lower triangular, A_ii² ~ χ²(n − i) (i = 1…p), A_ij ~ N(0, 1) below the
 * diagonal. W's correlation matrix has exactly the distribution of psych's cor(simdata), for any
 * nObs, so the rows need not be capped (at 5,000, the fallback the brief allowed).
 */
import { Matrix } from 'ml-matrix';
import { checkCorrelation, faFail } from './fa-errors.js';
import { factorValues, faMinres, rowSumsOfSquares } from './fa.js';
import { eigenSymmetric, fitMinres } from './minres.js';

export interface ParallelOptions {
  /** Number of simulated data sets (psych's n.iter, default 20). */
  readonly iterations?: number;
  /** Seed of the generator (default 1). */
  readonly seed?: number;
}

export interface ParallelResult {
  /** Eigenvalues of the one-factor minres solution (psych's fa.values). */
  readonly observedFa: number[];
  /** Eigenvalues of R (psych's pc.values). */
  readonly observedPc: number[];
  /** Mean over the simulations (psych's fa.sim and pc.sim). */
  readonly simulatedFa: number[];
  readonly simulatedPc: number[];
  /** 95th percentiles over the simulations, which psych's rule compares with. */
  readonly simulatedFa95: number[];
  readonly simulatedPc95: number[];
  /** psych's nfact and ncomp; p when every observed eigenvalue is above (psych says NA). */
  readonly nFactors: number;
  readonly nComponents: number;
}

export function parallelAnalysis(
  r: number[][],
  nObs: number,
  options: ParallelOptions = {},
): ParallelResult {
  const { iterations = 20, seed = 1 } = options;
  checkCorrelation(r);
  const p = r.length;
  checkArguments(nObs, p, iterations, seed);
  const observedPc = eigenSymmetric(new Matrix(r)).values;
  const observedFa = faMinres(r, 1, { rotate: 'none' }).values;
  const random = generator(seed);
  const pcs: number[][] = [];
  const fas: number[][] = [];
  for (let it = 0; it < iterations; it++) {
    const sim = new Matrix(randomCorrelation(nObs, p, random));
    const eigen = eigenSymmetric(sim);
    pcs.push(eigen.values);
    // faMinres(sim, 1).values, reusing the decomposition for the SMCs and stopping at a gradient
    // of 1e-7: these eigenvalues are compared with observed ones, not reported to 9 digits.
    const fit = fitMinres(sim, 1, { eigen, tolerance: 1e-7 });
    fas.push(factorValues(sim, rowSumsOfSquares(fit.loadings)));
  }
  const simulatedFa95 = columnQuantiles(fas, 0.95);
  const simulatedPc95 = columnQuantiles(pcs, 0.95);
  return {
    observedFa,
    observedPc,
    simulatedFa: columnMeans(fas),
    simulatedPc: columnMeans(pcs),
    simulatedFa95,
    simulatedPc95,
    nFactors: countAbove(observedFa, simulatedFa95),
    nComponents: countAbove(observedPc, simulatedPc95),
  };
}

function checkArguments(nObs: number, p: number, iterations: number, seed: number): void {
  if (!Number.isInteger(nObs) || nObs <= p) {
    faFail(
      'FA_BAD_N_OBS',
      `平行分析需要样本量 nObs，须为大于变量数 ${p} 的整数（收到 ${String(nObs)}）。`,
      `Parallel analysis needs nObs, the number of observations, a whole number greater than the ${p} variables (got ${String(nObs)}).`,
    );
  }
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 1000) {
    faFail(
      'FA_BAD_ITERATIONS',
      `模拟次数 iterations 须为 1 至 1000 之间的整数（收到 ${String(iterations)}）。`,
      `iterations, the number of simulated data sets, must be a whole number from 1 to 1000 (got ${String(iterations)}).`,
    );
  }
  if (!Number.isInteger(seed)) {
    faFail(
      'FA_BAD_SEED',
      `随机种子 seed 须为整数（收到 ${String(seed)}）。`,
      `seed must be a whole number (got ${String(seed)}).`,
    );
  }
}

/** psych's rule: which(!(observed > simulated))[1] − 1, i.e. the leading run of larger values. */
function countAbove(observed: number[], simulated: number[]): number {
  const first = observed.findIndex((x, i) => !(x > simulated[i]!));
  return first === -1 ? observed.length : first;
}

/** mulberry32: a small, fast 32-bit generator with a period of 2³². */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // In (0, 1): never 0, so that log() below is finite.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

export interface Random {
  readonly uniform: () => number;
  /** A standard normal deviate (Box–Muller, two per pair of uniforms). */
  readonly normal: () => number;
  /** A chi-square deviate with k > 0 degrees of freedom: 2 × Gamma(k/2). */
  readonly chiSquare: (k: number) => number;
}

export function generator(seed: number): Random {
  const uniform = mulberry32(seed);
  let spare: number | null = null;
  const normal = () => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  /** Marsaglia & Tsang (2000) for shape a ≥ 1; a < 1 as Gamma(a + 1) · U^(1/a). */
  const gamma = (a: number): number => {
    if (a < 1) return gamma(a + 1) * uniform() ** (1 / a);
    const d = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < (x * x) / 2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  };
  return { uniform, normal, chiSquare: (k) => 2 * gamma(k / 2) };
}

/**
 * The correlation matrix of n independent N(0, I_p) rows, drawn through Bartlett's decomposition
 * of their Wishart(n − 1, I) cross-products (see the top of this file). Needs n > p.
 */
export function randomCorrelation(n: number, p: number, random: Random): number[][] {
  const a = Array.from({ length: p }, (_, i) => {
    const row = new Float64Array(i + 1);
    for (let j = 0; j < i; j++) row[j] = random.normal();
    row[i] = Math.sqrt(random.chiSquare(n - 1 - i));
    return row;
  });
  // W = AAᵀ: W_ij = Σ_{k ≤ min(i, j)} A_ik A_jk.
  const w = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k <= j; k++) sum += a[i]![k]! * a[j]![k]!;
      w[i]![j] = sum;
      w[j]![i] = sum;
    }
  }
  const sd = w.map((row, i) => Math.sqrt(row[i]!));
  return w.map((row, i) => row.map((x, j) => (i === j ? 1 : x / (sd[i]! * sd[j]!))));
}

function columnMeans(rows: number[][]): number[] {
  return rows[0]!.map((_, j) => rows.reduce((a, row) => a + row[j]!, 0) / rows.length);
}

/** R's quantile(x, q) (type 7) of each column. */
function columnQuantiles(rows: number[][], q: number): number[] {
  return rows[0]!.map((_, j) => {
    const x = rows.map((row) => row[j]!).sort((a, b) => a - b);
    const h = (x.length - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, x.length - 1);
    return x[lo]! + (h - lo) * (x[hi]! - x[lo]!);
  });
}
