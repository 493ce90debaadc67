/**
 * Inferential tests: the paired t test with Cohen's d_z, and ordinary least squares. Both checked
 * against R (`t.test(x, y, paired = TRUE)`, `summary(lm(…))`) in tests.test.ts. Linear algebra
 * from ml-matrix, distributions from jstat. Pure; no I/O.
 */
import jStat from 'jstat';
import { inverse, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { isBlank, type Series } from './data.js';
import { statsFail } from './errors.js';

/** Values per respondent: null (or NaN in a Float64Array) for a blank. */
type Values = Series;

export interface PairedT {
  /** Pairs where both values are given. */
  readonly n: number;
  /** Mean of x − y. */
  readonly meanDiff: number;
  readonly sdDiff: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided. */
  readonly p: number;
  /** 95 % confidence interval of the mean difference. */
  readonly ci95: readonly [number, number];
  /** Cohen's d_z: mean difference / sd of the differences. */
  readonly dz: number;
}

/** Paired t test of x against y over the pairs where both are given (R's `t.test(paired = TRUE)`). */
export function pairedT(x: Values, y: Values): PairedT {
  if (x.length !== y.length) {
    statsFail(
      'STATS_LENGTH_MISMATCH',
      `配对检验的两组值长度不同（${x.length} 与 ${y.length}）；须逐个受访者配对。`,
      `The paired test's two series differ in length (${x.length} and ${y.length}); they must pair respondent by respondent.`,
    );
  }
  const diffs: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (isBlank(x, i) || isBlank(y, i)) continue;
    const a = x[i]!;
    const b = y[i]!;
    checkFinite(a, 'x', i);
    checkFinite(b, 'y', i);
    diffs.push(a - b);
  }
  const n = diffs.length;
  if (n < 2) {
    statsFail(
      'STATS_TOO_FEW_PAIRS',
      `两组值同时有效的只有 ${n} 对；配对检验至少需要 2 对。`,
      `Only ${n} pairs have both values; a paired test needs at least 2.`,
    );
  }
  const meanDiff = diffs.reduce((s, d) => s + d, 0) / n;
  const sdDiff = Math.sqrt(diffs.reduce((s, d) => s + (d - meanDiff) ** 2, 0) / (n - 1));
  // Equal differences (up to rounding: 1.3 − 1.2 is not exactly 0.3 − 0.2) leave t undefined.
  if (sdDiff <= Math.abs(meanDiff) * 1e-12) {
    statsFail(
      'STATS_NO_VARIANCE',
      `${n} 对的差值全部相同（${meanDiff}），t 值无定义。`,
      `All ${n} differences are equal (${meanDiff}): t is not defined.`,
    );
  }
  const se = sdDiff / Math.sqrt(n);
  const df = n - 1;
  const t = meanDiff / se;
  const half = jStat.studentt.inv(0.975, df) * se;
  return {
    n,
    meanDiff,
    sdDiff,
    t,
    df,
    p: twoSided(t, df),
    ci95: [meanDiff - half, meanDiff + half],
    dz: meanDiff / sdDiff,
  };
}

export interface OlsCoefficient {
  /** `(Intercept)` (as R names it) or the predictor's name. */
  readonly name: string;
  readonly b: number;
  readonly se: number;
  readonly t: number;
  /** Two-sided. */
  readonly p: number;
  readonly ci95: readonly [number, number];
  /** Standardized coefficient b · sd(x) / sd(y) over the cases used; null for the intercept. */
  readonly beta: number | null;
}

export interface OlsResult {
  /** Complete cases used. */
  readonly n: number;
  readonly coefficients: readonly OlsCoefficient[];
  readonly r2: number;
  readonly adjR2: number;
  readonly f: number;
  readonly fP: number;
  /** Degrees of freedom of the model (predictors) and of the residuals (n − predictors − 1). */
  readonly df: { readonly model: number; readonly residual: number };
}

export interface Predictor {
  readonly name: string;
  readonly values: Values;
}

export const INTERCEPT = '(Intercept)';

/**
 * Ordinary least squares of y on the predictors with an intercept, over the complete cases (R's
 * `summary(lm(y ~ …))` with its default na.omit). A design that cannot be estimated — too few
 * cases, a constant predictor or outcome, collinear predictors, a perfect fit — is an error that
 * says which, never NaN.
 *
 * The normal equations are solved on the standardized predictors — their correlation matrix Rxx,
 * well conditioned unless predictors are collinear — with ml-matrix, then scaled back:
 * β = Rxx⁻¹ rxy, b_j = β_j · sd(y) / sd(x_j), b₀ = ȳ − Σ b_j x̄_j, and
 * Cov(b) = σ² (X'X)⁻¹ from Rxx⁻¹ (for the intercept σ²/n + x̄' Cov(b_slopes) x̄). One pass over the
 * cases for the cross-products keeps 100,000 cases fast, where a QR of the tall design is slow.
 */
export function ols(y: Values, predictors: readonly Predictor[]): OlsResult {
  checkPredictors(y, predictors);
  const cases = completeCases(y, predictors);
  const n = cases.index.length;
  const k = predictors.length;
  if (n <= k + 1) {
    statsFail(
      'STATS_OLS_TOO_FEW_CASES',
      `完整个案只有 ${n} 个，${k} 个自变量加截距至少需要 ${k + 2} 个。`,
      `Only ${n} complete cases; ${k} predictors and an intercept need at least ${k + 2}.`,
    );
  }
  const yStats = centred(cases.y, cases.index);
  if (yStats.ss === 0) {
    statsFail(
      'STATS_OLS_CONSTANT_OUTCOME',
      '因变量在所有完整个案中取值相同，无法回归。',
      'The outcome has the same value in every complete case: nothing to explain.',
    );
  }
  const xStats = cases.xs.map((x) => centred(x, cases.index));
  xStats.forEach((x, j) => {
    if (x.ss === 0) {
      statsFail(
        'STATS_OLS_CONSTANT_PREDICTOR',
        `自变量“${predictors[j]!.name}”在所有完整个案中取值相同，与截距共线；请删去它。`,
        `Predictor "${predictors[j]!.name}" has the same value in every complete case and is collinear with the intercept; leave it out.`,
      );
    }
  });
  // Variable 0 is y, variable j + 1 the predictor j.
  const all = [yStats, ...xStats];
  const s = crossProducts([cases.y, ...cases.xs], all, cases.index);
  const r = (a: number, b: number) =>
    a === b ? 1 : s[a]![b]! / Math.sqrt(all[a]!.ss * all[b]!.ss);
  const rxx = new Matrix(xStats.map((_, a) => xStats.map((_, b) => r(a + 1, b + 1))));
  checkCollinearity(rxx, predictors);
  const rxy = Matrix.columnVector(xStats.map((_, a) => r(a + 1, 0)));
  return fit(cases, yStats, xStats, rxx, rxy, predictors);
}

interface Centred {
  readonly mean: number;
  /** Σ (x − x̄)², exactly 0 for a constant. */
  readonly ss: number;
}

/** The mean and sum of squares of v over the complete cases. */
function centred(v: Values, index: Int32Array): Centred {
  let sum = 0;
  let constant = true;
  const first = v[index[0]!]!;
  for (let c = 0; c < index.length; c++) {
    const x = v[index[c]!]!;
    sum += x;
    constant &&= x === first;
  }
  const mean = sum / index.length;
  if (constant) return { mean, ss: 0 };
  let ss = 0;
  for (let c = 0; c < index.length; c++) ss += (v[index[c]!]! - mean) ** 2;
  return { mean, ss };
}

/**
 * Σ (a − ā)(b − b̄) over the complete cases for every pair of the variables, in one pass over the
 * cases (no copy of the 100,000 values).
 */
function crossProducts(vars: readonly Values[], stats: readonly Centred[], index: Int32Array) {
  const m = vars.length;
  const sums = new Float64Array(m * m);
  const row = new Float64Array(m);
  for (let c = 0; c < index.length; c++) {
    const i = index[c]!;
    for (let a = 0; a < m; a++) row[a] = vars[a]![i]! - stats[a]!.mean;
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) sums[a * m + b]! += row[a]! * row[b]!;
    }
  }
  return Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => sums[Math.min(a, b) * m + Math.max(a, b)]!),
  );
}

function fit(
  cases: Cases,
  yStats: Centred,
  xStats: Centred[],
  rxx: Matrix,
  rxy: Matrix,
  predictors: readonly Predictor[],
): OlsResult {
  const n = cases.index.length;
  const k = xStats.length;
  const df = n - k - 1;
  const rxxInv = inverse(rxx);
  const beta = rxxInv.mmul(rxy).getColumn(0);
  // sd(y) / sd(x_j) = √(ss_y / ss_j): the divisors n − 1 cancel.
  const slopes = beta.map((bj, j) => bj * Math.sqrt(yStats.ss / xStats[j]!.ss));
  const intercept = yStats.mean - slopes.reduce((s, bj, j) => s + bj * xStats[j]!.mean, 0);
  let rss = 0;
  for (let c = 0; c < n; c++) {
    const i = cases.index[c]!;
    let fitted = intercept;
    for (let j = 0; j < k; j++) fitted += slopes[j]! * cases.xs[j]![i]!;
    rss += (cases.y[i]! - fitted) ** 2;
  }
  if (rss <= yStats.ss * 1e-20) {
    statsFail(
      'STATS_OLS_PERFECT_FIT',
      '自变量完全决定因变量（残差为零），标准误无定义；请检查是否把因变量或其组成部分作为自变量。',
      'The predictors determine the outcome exactly (no residual), so standard errors are not defined; check that the outcome or a part of it is not among the predictors.',
    );
  }
  const sigma2 = rss / df;
  // Cov(slopes) = σ² (Xc'Xc)⁻¹ with Xc the centred predictors; Xc'Xc = D Rxx D, D = diag(√ss_j).
  const cov = (i: number, j: number) =>
    (sigma2 * rxxInv.get(i, j)) / Math.sqrt(xStats[i]!.ss * xStats[j]!.ss);
  let interceptVar = sigma2 / n;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) interceptVar += xStats[i]!.mean * xStats[j]!.mean * cov(i, j);
  }
  const tCrit = jStat.studentt.inv(0.975, df);
  const coefficient = (name: string, b: number, se: number, beta: number | null) => {
    const t = b / se;
    const ci95: [number, number] = [b - tCrit * se, b + tCrit * se];
    return { name, b, se, t, p: twoSided(t, df), ci95, beta };
  };
  const coefficients: OlsCoefficient[] = [
    coefficient(INTERCEPT, intercept, Math.sqrt(interceptVar), null),
    ...slopes.map((b, j) => coefficient(predictors[j]!.name, b, Math.sqrt(cov(j, j)), beta[j]!)),
  ];
  const r2 = 1 - rss / yStats.ss;
  const f = (yStats.ss - rss) / k / sigma2;
  return {
    n,
    coefficients,
    r2,
    adjR2: 1 - ((1 - r2) * (n - 1)) / df,
    f,
    fP: 1 - jStat.centralF.cdf(f, k, df),
    df: { model: k, residual: df },
  };
}

function checkPredictors(y: Values, predictors: readonly Predictor[]): void {
  if (predictors.length === 0) {
    statsFail(
      'STATS_OLS_NO_PREDICTORS',
      '回归至少需要一个自变量。',
      'A regression needs at least one predictor.',
    );
  }
  const seen = new Set<string>([INTERCEPT]);
  for (const p of predictors) {
    if (seen.has(p.name)) {
      statsFail(
        'STATS_OLS_DUPLICATE_NAME',
        `自变量名“${p.name}”重复或与截距同名；每个自变量须有唯一名称。`,
        `Predictor name "${p.name}" is repeated or is the intercept's; give each predictor its own name.`,
      );
    }
    seen.add(p.name);
    if (p.values.length !== y.length) {
      statsFail(
        'STATS_LENGTH_MISMATCH',
        `自变量“${p.name}”有 ${p.values.length} 个值，因变量有 ${y.length} 个；须逐个受访者对应。`,
        `Predictor "${p.name}" has ${p.values.length} values but the outcome has ${y.length}; they must match respondent by respondent.`,
      );
    }
  }
}

/** The complete cases: the respondents with y and every predictor given. */
interface Cases {
  readonly index: Int32Array;
  readonly y: Values;
  readonly xs: readonly Values[];
}

function completeCases(y: Values, predictors: readonly Predictor[]): Cases {
  const index = new Int32Array(y.length);
  let n = 0;
  rows: for (let i = 0; i < y.length; i++) {
    if (isBlank(y, i)) continue;
    for (const p of predictors) if (isBlank(p.values, i)) continue rows;
    checkFinite(y[i]!, 'y', i);
    for (const p of predictors) checkFinite(p.values[i]!, p.name, i);
    index[n++] = i;
  }
  return { index: index.subarray(0, n), y, xs: predictors.map((p) => p.values) };
}

/**
 * Collinear predictors: the smallest eigenvalue of their correlation matrix is (near) zero
 * relative to the largest (below 1e-10: one predictor is a linear combination of the others up to
 * a correlation of 1 − 1e-10, so their effects cannot be told apart). The predictors weighing in
 * that eigenvalue's vector are the ones involved, and are named.
 */
function checkCollinearity(rxx: Matrix, predictors: readonly Predictor[]): void {
  if (predictors.length < 2) return;
  const svd = new SingularValueDecomposition(rxx);
  const s = svd.diagonal;
  const last = s.length - 1;
  if (s[last]! > s[0]! * 1e-10) return;
  const weights = svd.rightSingularVectors.getColumn(last);
  const involved = predictors.filter((_, j) => Math.abs(weights[j]!) > 0.1).map((p) => p.name);
  statsFail(
    'STATS_OLS_COLLINEAR',
    `自变量${involved.map((n) => `“${n}”`).join('、')}共线（其一可由其余线性表示），无法分别估计；请删去其中一个。`,
    `Predictors ${involved.map((n) => `"${n}"`).join(', ')} are collinear (one is a linear combination of the others) and cannot be estimated apart; leave one out.`,
  );
}

/** Two-sided p of a t statistic, from the lower tail so that small p keep their precision. */
function twoSided(t: number, df: number): number {
  return 2 * jStat.studentt.cdf(-Math.abs(t), df);
}

/** A value of a series, named with its position (`x[3]`) in the message. */
function checkFinite(v: number, series: string, i: number): void {
  if (!Number.isFinite(v)) {
    statsFail(
      'STATS_NOT_A_NUMBER',
      `${series}[${i}] 的值 ${String(v)} 不是有限数值；请填数值或留空。`,
      `${series}[${i}]: ${String(v)} is not a finite number; give a number or leave it blank.`,
    );
  }
}
