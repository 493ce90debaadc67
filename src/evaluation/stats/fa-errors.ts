/**
 * Errors of the factor-analytic functions (fa, oblimin, Schmid–Leiman, omega, parallel analysis).
 * Each has a stable code and says what was wrong, where, and how to fix it, in zh and en — the
 * shape of the calendar's and the policy engine's errors.
 */

export class FactorAnalysisError extends Error {
  /** Stable code, e.g. FA_NOT_SYMMETRIC. Never reworded once published. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;

  constructor(code: string, zh: string, en: string) {
    super(`${code}: ${en}`);
    this.name = 'FactorAnalysisError';
    this.code = code;
    this.zh = zh;
    this.en = en;
  }

  format(lang: 'zh' | 'en'): string {
    return `${this.code}: ${this[lang]}`;
  }
}

export function faFail(code: string, zh: string, en: string): never {
  throw new FactorAnalysisError(code, zh, en);
}

/**
 * Checks that `r` is a correlation matrix: square, at least 2 × 2, finite, symmetric, ones on the
 * diagonal, entries within [−1, 1]. `what` names the argument in the message.
 */
export function checkCorrelation(r: readonly (readonly number[])[], what = 'R'): void {
  if (!Array.isArray(r) || r.length < 2) {
    faFail(
      'FA_MATRIX_TOO_SMALL',
      `${what} 须为至少 2 × 2 的相关矩阵（收到 ${Array.isArray(r) ? r.length : typeof r} 行）。`,
      `${what} must be a correlation matrix of at least 2 × 2 (got ${Array.isArray(r) ? r.length : typeof r} rows).`,
    );
  }
  const p = r.length;
  r.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== p) {
      faFail(
        'FA_NOT_SQUARE',
        `${what} 第 ${i + 1} 行有 ${Array.isArray(row) ? row.length : 0} 个值，应为 ${p} 个：相关矩阵须为方阵。`,
        `${what} row ${i + 1} has ${Array.isArray(row) ? row.length : 0} values, expected ${p}: a correlation matrix is square.`,
      );
    }
    row.forEach((x, j) => checkEntry(what, r, x, i, j));
  });
}

function checkEntry(
  what: string,
  r: readonly (readonly number[])[],
  x: number,
  i: number,
  j: number,
): void {
  const at = `[${i + 1}, ${j + 1}]`;
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    faFail(
      'FA_NOT_FINITE',
      `${what}${at} 不是有限数值（${String(x)}）：请先处理缺失值，删除无法计算相关的题目。`,
      `${what}${at} is not a finite number (${String(x)}): handle missing values first and drop items whose correlations cannot be computed.`,
    );
  }
  if (i === j && Math.abs(x - 1) > 1e-8) {
    faFail(
      'FA_DIAGONAL_NOT_ONE',
      `${what}${at} 为 ${x}，相关矩阵对角线应为 1：请传入相关矩阵而非协方差矩阵。`,
      `${what}${at} is ${x}; a correlation matrix has ones on its diagonal: pass correlations, not covariances.`,
    );
  }
  if (Math.abs(x) > 1 + 1e-8) {
    faFail(
      'FA_OUT_OF_RANGE',
      `${what}${at} 为 ${x}，相关系数须在 −1 与 1 之间。`,
      `${what}${at} is ${x}; a correlation lies between −1 and 1.`,
    );
  }
  const mirror = r[j]?.[i];
  if (mirror !== undefined && Math.abs(x - mirror) > 1e-8) {
    faFail(
      'FA_NOT_SYMMETRIC',
      `${what}${at} 为 ${x}，而 ${what}[${j + 1}, ${i + 1}] 为 ${mirror}：相关矩阵须对称。`,
      `${what}${at} is ${x} but ${what}[${j + 1}, ${i + 1}] is ${mirror}: a correlation matrix is symmetric.`,
    );
  }
}

/** Checks that the number of factors is a whole number from 1 to p − 1. */
export function checkFactorCount(nfactors: number, p: number): void {
  if (!Number.isInteger(nfactors) || nfactors < 1 || nfactors >= p) {
    faFail(
      'FA_BAD_FACTOR_COUNT',
      `因子数须为 1 至 ${p - 1} 之间的整数（收到 ${String(nfactors)}；${p} 个变量）。`,
      `The number of factors must be a whole number from 1 to ${p - 1} (got ${String(nfactors)}; ${p} variables).`,
    );
  }
}
