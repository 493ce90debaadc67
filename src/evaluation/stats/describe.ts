/**
 * Descriptive statistics of one variable (an item or a scale score): n, mean, standard deviation,
 * standard error, the 95 % confidence interval of the mean and, on a Likert scale, the share of
 * answers at each point. Pure; no I/O.
 */
import jStat from 'jstat';
import { isBlank, type Series } from './data.js';
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
 * Describes the values, leaving out blanks (null, or NaN in a Float64Array). With the scale's min and max, also counts the
 * values at each point; a value between points (a scale score, the mean of several items) is
 * counted at the nearest point, halves going up (3.5 → 4).
 */
export function describe(values: Series, options: DescribeOptions = {}): Description {
  const given = answered(values);
  const n = given.length;
  if (n < 2) {
    statsFail(
      'STATS_TOO_FEW_VALUES',
      `只有 ${n} 个有效值；计算标准差和置信区间至少需要 2 个。`,
      `Only ${n} values are given; a standard deviation and a confidence interval need at least 2.`,
    );
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += given[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (given[i]! - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
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

function answered(values: Series): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (isBlank(values, i)) continue;
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      statsFail(
        'STATS_NOT_A_NUMBER',
        `第 ${i + 1} 个值 ${String(v)} 不是有限数值；请填数值或留空。`,
        `Value ${i + 1}, ${String(v)}, is not a finite number; give a number or leave it blank.`,
      );
    }
    out[n++] = v;
  }
  return out.subarray(0, n);
}

function distribution(values: Float64Array, min: number, max: number): DistributionPoint[] {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max) {
    statsFail(
      'STATS_BAD_SCALE',
      `量表范围 ${min}–${max} 无效：须为整数，且最小值小于最大值。`,
      `The scale ${min}–${max} is invalid: its points must be integers, the minimum below the maximum.`,
    );
  }
  const counts = new Array<number>(max - min + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min || v > max) {
      statsFail(
        'STATS_OFF_SCALE',
        `第 ${i + 1} 个值 ${v} 超出量表范围 ${min}–${max}。`,
        `Value ${i + 1}, ${v}, is outside the scale ${min}–${max}.`,
      );
    }
    const nearest = Math.floor(v + 0.5);
    counts[nearest - min]!++;
  }
  return counts.map((count, k) => ({ point: min + k, count, share: count / values.length }));
}
