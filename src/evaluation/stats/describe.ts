/**
 * Descriptive statistics of one variable (an item or a scale score): n, mean, standard deviation,
 * standard error, the 95 % confidence interval of the mean and, on a Likert scale, the share of
 * answers at each point. Pure; no I/O.
 */
import jStat from 'jstat';
import { statsFail } from './errors.js';

export interface DistributionPoint {
  readonly point: number;
  readonly count: number;
  /** count / n. */
  readonly share: number;
}

export interface Description {
  /** The values given (blanks left out). */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1), as R's `sd`. */
  readonly sd: number;
  /** sd / √n, as `psych::describe`'s se. */
  readonly se: number;
  /** mean ± t(0.975, n − 1) · se, as R's `t.test(x)$conf.int`. */
  readonly ci95: readonly [number, number];
  /** Per scale point, when the scale is given. */
  readonly distribution?: readonly DistributionPoint[];
}

export interface DescribeOptions {
  /** The scale's lowest and highest points (integers), for the distribution. */
  readonly min?: number;
  readonly max?: number;
}

/**
 * Describes the values, leaving out blanks (null). With the scale's min and max, also counts the
 * values at each point; a value between points (a scale score, the mean of several items) is
 * counted at the nearest point, halves going up (3.5 → 4).
 */
export function describe(
  values: readonly (number | null)[],
  options: DescribeOptions = {},
): Description {
  const given = answered(values);
  const n = given.length;
  if (n < 2) {
    statsFail(
      'STATS_TOO_FEW_VALUES',
      `只有 ${n} 个有效值；计算标准差和置信区间至少需要 2 个。`,
      `Only ${n} values are given; a standard deviation and a confidence interval need at least 2.`,
    );
  }
  const mean = given.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(given.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = jStat.studentt.inv(0.975, n - 1) * se;
  const result: Description = { n, mean, sd, se, ci95: [mean - half, mean + half] };
  const { min, max } = options;
  if (min === undefined && max === undefined) return result;
  if (min === undefined || max === undefined) {
    statsFail(
      'STATS_BAD_SCALE',
      '分布需要同时给出量表的最小值和最大值。',
      'The distribution needs both the scale’s minimum and its maximum.',
    );
  }
  return { ...result, distribution: distribution(given, min, max) };
}

function answered(values: readonly (number | null)[]): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    if (!Number.isFinite(v)) {
      statsFail(
        'STATS_NOT_A_NUMBER',
        `第 ${i + 1} 个值 ${String(v)} 不是有限数值；请填数值或留空。`,
        `Value ${i + 1}, ${String(v)}, is not a finite number; give a number or leave it blank.`,
      );
    }
    out.push(v);
  });
  return out;
}

function distribution(values: readonly number[], min: number, max: number): DistributionPoint[] {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max) {
    statsFail(
      'STATS_BAD_SCALE',
      `量表范围 ${min}–${max} 无效：须为整数，且最小值小于最大值。`,
      `The scale ${min}–${max} is invalid: its points must be integers, the minimum below the maximum.`,
    );
  }
  const counts = new Array<number>(max - min + 1).fill(0);
  values.forEach((v, i) => {
    if (v < min || v > max) {
      statsFail(
        'STATS_OFF_SCALE',
        `第 ${i + 1} 个值 ${v} 超出量表范围 ${min}–${max}。`,
        `Value ${i + 1}, ${v}, is outside the scale ${min}–${max}.`,
      );
    }
    const nearest = Math.floor(v + 0.5);
    counts[nearest - min]!++;
  });
  return counts.map((count, k) => ({ point: min + k, count, share: count / values.length }));
}
