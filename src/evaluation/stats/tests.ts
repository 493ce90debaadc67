/**
 * Inferential tests: the paired t test with Cohen's d_z, and ordinary least squares. Both checked
 * against R (`t.test(x, y, paired = TRUE)`, `summary(lm(…))`) in tests.test.ts. Linear algebra
 * from ml-matrix, distributions from jstat. Pure; no I/O.
 */
import jStat from 'jstat';
import { Matrix, QrDecomposition, SingularValueDecomposition, solve } from 'ml-matrix';
import { statsFail } from './errors.js';

type Values = readonly (number | null)[];

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
  x.forEach((a, i) => {
    const b = y[i] ?? null;
    if (a === null || b === null) return;
    checkFinite(a, `x[${i}]`);
    checkFinite(b, `y[${i}]`);
    diffs.push(a - b);
  });
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
  if (sdDiff === 0) {
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
 */
export function ols(y: Values, predictors: readonly Predictor[]): OlsResult {
  checkPredictors(y, predictors);
  const rows = completeCases(y, predictors);
  const n = rows.length;
  const k = predictors.length;
  if (n <= k + 1) {
    statsFail(
      'STATS_OLS_TOO_FEW_CASES',
      `完整个案只有 ${n} 个，${k} 个自变量加截距至少需要 ${k + 2} 个。`,
      `Only ${n} complete cases; ${k} predictors and an intercept need at least ${k + 2}.`,
    );
  }
  const yv = rows.map((r) => r[0]!);
  const xs = predictors.map((_, j) => rows.map((r) => r[j + 1]!));
  const sdY = sampleSd(yv);
  if (sdY === 0) {
    statsFail(
      'STATS_OLS_CONSTANT_OUTCOME',
      '因变量在所有完整个案中取值相同，无法回归。',
      'The outcome has the same value in every complete case: nothing to explain.',
    );
  }
  const sdX = xs.map(sampleSd);
  sdX.forEach((sd, j) => {
    if (sd === 0) {
      statsFail(
        'STATS_OLS_CONSTANT_PREDICTOR',
        `自变量“${predictors[j]!.name}”在所有完整个案中取值相同，与截距共线；请删去它。`,
        `Predictor "${predictors[j]!.name}" has the same value in every complete case and is collinear with the intercept; leave it out.`,
      );
    }
  });
  checkCollinearity(xs, sdX, predictors);
  return fit(yv, xs, predictors, sdY, sdX);
}

function fit(
  y: number[],
  xs: number[][],
  predictors: readonly Predictor[],
  sdY: number,
  sdX: number[],
): OlsResult {
  const n = y.length;
  const k = xs.length;
  const design = new Matrix(y.map((_, i) => [1, ...xs.map((x) => x[i]!)]));
  const qr = new QrDecomposition(design);
  const b = qr.solve(Matrix.columnVector(y)).getColumn(0);
  const fitted = design.mmul(Matrix.columnVector(b)).getColumn(0);
  const rss = y.reduce((s, v, i) => s + (v - fitted[i]!) ** 2, 0);
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  const tss = y.reduce((s, v) => s + (v - meanY) ** 2, 0);
  const df = n - k - 1;
  if (rss <= tss * 1e-20) {
    statsFail(
      'STATS_OLS_PERFECT_FIT',
      '自变量完全决定因变量（残差为零），标准误无定义；请检查是否把因变量或其组成部分作为自变量。',
      'The predictors determine the outcome exactly (no residual), so standard errors are not defined; check that the outcome or a part of it is not among the predictors.',
    );
  }
  const sigma2 = rss / df;
  // (X'X)⁻¹ = R⁻¹ R⁻ᵀ from X = QR: better conditioned than inverting X'X itself.
  const rInv = solve(qr.upperTriangularMatrix, Matrix.eye(k + 1));
  const xtxInv = rInv.mmul(rInv.transpose());
  const tCrit = jStat.studentt.inv(0.975, df);
  const coefficients = b.map((bj, j): OlsCoefficient => {
    const se = Math.sqrt(sigma2 * xtxInv.get(j, j));
    const t = bj / se;
    return {
      name: j === 0 ? INTERCEPT : predictors[j - 1]!.name,
      b: bj,
      se,
      t,
      p: twoSided(t, df),
      ci95: [bj - tCrit * se, bj + tCrit * se],
      beta: j === 0 ? null : (bj * sdX[j - 1]!) / sdY,
    };
  });
  const r2 = 1 - rss / tss;
  const f = (tss - rss) / k / sigma2;
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

/** Rows [y, x1, …, xk] where every value is given. */
function completeCases(y: Values, predictors: readonly Predictor[]): number[][] {
  const rows: number[][] = [];
  y.forEach((v, i) => {
    const row = [v, ...predictors.map((p) => p.values[i] ?? null)];
    if (row.some((x) => x === null)) return;
    row.forEach((x, j) =>
      checkFinite(x!, j === 0 ? `y[${i}]` : `${predictors[j - 1]!.name}[${i}]`),
    );
    rows.push(row as number[]);
  });
  return rows;
}

/**
 * Collinear predictors: the standardized predictors' smallest singular value is (near) zero
 * relative to the largest — the tolerance is R's lm's, 1e-7. The predictors weighing in the
 * singular vector of that value are the ones involved, and are named.
 */
function checkCollinearity(xs: number[][], sdX: number[], predictors: readonly Predictor[]): void {
  if (xs.length < 2) return;
  const means = xs.map((x) => x.reduce((s, v) => s + v, 0) / x.length);
  const z = new Matrix(xs[0]!.map((_, i) => xs.map((x, j) => (x[i]! - means[j]!) / sdX[j]!)));
  const svd = new SingularValueDecomposition(z, { autoTranspose: true });
  const s = svd.diagonal;
  const last = s.length - 1;
  if (s[last]! > s[0]! * 1e-7) return;
  const weights = svd.rightSingularVectors.getColumn(last);
  const involved = predictors.filter((_, j) => Math.abs(weights[j]!) > 0.1).map((p) => p.name);
  statsFail(
    'STATS_OLS_COLLINEAR',
    `自变量${involved.map((n) => `“${n}”`).join('、')}共线（其一可由其余线性表示），无法分别估计；请删去其中一个。`,
    `Predictors ${involved.map((n) => `"${n}"`).join(', ')} are collinear (one is a linear combination of the others) and cannot be estimated apart; leave one out.`,
  );
}

function sampleSd(v: readonly number[]): number {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
}

/** Two-sided p of a t statistic, from the lower tail so that small p keep their precision. */
function twoSided(t: number, df: number): number {
  return 2 * jStat.studentt.cdf(-Math.abs(t), df);
}

function checkFinite(v: number, where: string): void {
  if (!Number.isFinite(v)) {
    statsFail(
      'STATS_NOT_A_NUMBER',
      `${where} 的值 ${String(v)} 不是有限数值；请填数值或留空。`,
      `${where}: ${String(v)} is not a finite number; give a number or leave it blank.`,
    );
  }
}
