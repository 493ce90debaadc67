/**
 * The data matrix of a survey's answers and the plain operations on it: keying reversed items,
 * listwise deletion, correlation and covariance matrices, scale scores. Pure; no I/O.
 *
 * Rows are respondents, columns items; `null` is a blank. In messages rows and columns are counted
 * from 1, as a respondent or a spreadsheet would count them.
 */
import { statsFail } from './errors.js';

/** One respondent's answers, one per item; `null` where they left the item blank. */
export type Row = readonly (number | null)[];

/** Respondents × items. */
export type DataMatrix = readonly Row[];

/** How blanks are handled: per pair of items (R's `use = "pairwise"`) or whole rows dropped. */
export type Missing = 'pairwise' | 'listwise';

/** Checks that every row has the same number of columns and every value is a finite number or null. */
export function checkMatrix(rows: DataMatrix): number {
  const width = rows[0]?.length ?? 0;
  if (rows.length === 0 || width === 0) {
    statsFail(
      'STATS_NO_DATA',
      '数据为空：至少需要一行一列作答数据。',
      'The data are empty: at least one row and one column of answers are needed.',
    );
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== width) {
      statsFail(
        'STATS_RAGGED_ROWS',
        `第 ${r + 1} 行有 ${row.length} 列，第 1 行有 ${width} 列；每行的题目数须相同（未答填空值）。`,
        `Row ${r + 1} has ${row.length} columns but row 1 has ${width}; every row needs the same items (a blank for an unanswered one).`,
      );
    }
    for (let c = 0; c < width; c++) {
      const v = row[c]!;
      if (v !== null && !Number.isFinite(v)) {
        statsFail(
          'STATS_NOT_A_NUMBER',
          `第 ${r + 1} 行第 ${c + 1} 列的值 ${String(v)} 不是有限数值；请填数值或留空。`,
          `Row ${r + 1}, column ${c + 1}: ${String(v)} is not a finite number; give a number or leave it blank.`,
        );
      }
    }
  }
  return width;
}

function checkScale(min: number, max: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    statsFail(
      'STATS_BAD_SCALE',
      `量表范围 ${min}–${max} 无效：最小值须小于最大值。`,
      `The scale ${min}–${max} is invalid: its minimum must be below its maximum.`,
    );
  }
}

/** A reversed item's score: max + min − value (on a 1–6 scale, 1 ↔ 6, 2 ↔ 5, 3 ↔ 4). */
export function reverseKey(value: number, min: number, max: number): number {
  checkScale(min, max);
  return max + min - value;
}

/**
 * The rows with the reversed columns keyed (`reverseKey`), so that a high score means the same on
 * every item. Every answer must lie on the scale [min, max].
 */
export function keyed(
  rows: DataMatrix,
  reversed: readonly boolean[],
  min: number,
  max: number,
): (number | null)[][] {
  const width = checkMatrix(rows);
  checkScale(min, max);
  if (reversed.length !== width) {
    statsFail(
      'STATS_KEYS_MISMATCH',
      `反向计分标记有 ${reversed.length} 个，数据有 ${width} 列；须每列一个。`,
      `There are ${reversed.length} reversed-item flags for ${width} columns; give one per column.`,
    );
  }
  const out: (number | null)[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const keyedRow: (number | null)[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = row[c]!;
      if (v !== null && (v < min || v > max)) offScale(r, c, v, min, max);
      keyedRow[c] = v === null ? null : reversed[c] ? max + min - v : v;
    }
    out[r] = keyedRow;
  }
  return out;
}

function offScale(r: number, c: number, v: number, min: number, max: number): never {
  statsFail(
    'STATS_OFF_SCALE',
    `第 ${r + 1} 行第 ${c + 1} 列的值 ${v} 超出量表范围 ${min}–${max}。`,
    `Row ${r + 1}, column ${c + 1}: ${v} is outside the scale ${min}–${max}.`,
  );
}

/** The complete rows only (listwise deletion). */
export function listwise(rows: DataMatrix): Row[] {
  return rows.filter((row) => row.every((v) => v !== null));
}

/**
 * A column ready for the pair sums: its answers minus the column's mean (0 for a blank) and a
 * mask (1 answered, 0 blank), so that the inner loop over rows has no branch.
 */
interface Column {
  readonly centred: Float64Array;
  readonly mask: Float64Array;
}

function columnsOf(rows: DataMatrix, width: number): Column[] {
  // Plain loops: Float64Array.from(rows, fn) and typed arrays' map are many times slower in V8.
  return Array.from({ length: width }, (_, c) => {
    const centred = new Float64Array(rows.length);
    const mask = new Float64Array(rows.length);
    let n = 0;
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![c] ?? null;
      if (v === null) continue;
      centred[i] = v;
      mask[i] = 1;
      n++;
      sum += v;
    }
    const mean = n > 0 ? sum / n : 0;
    for (let i = 0; i < rows.length; i++) if (mask[i]) centred[i]! -= mean;
    return { centred, mask };
  });
}

interface PairMoments {
  n: number;
  /** Sums of squares and cross-products of deviations from the pair's own means. */
  sxx: number;
  syy: number;
  sxy: number;
}

/**
 * Over the rows where both are answered, with those rows' means (as R's cov/cor pairwise). The
 * sums are taken on values already centred on each column's mean, then re-centred on the pair's
 * means (S_xy = Σxy − Σx Σy / n): with centred values the subtraction loses no precision to speak
 * of, and one branch-free pass serves every pair.
 */
function pairMoments(x: Column, y: Column): PairMoments {
  const a = x.centred;
  const b = y.centred;
  const ma = x.mask;
  const mb = y.mask;
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]! * mb[i]!;
    const bi = b[i]! * ma[i]!;
    n += ma[i]! * mb[i]!;
    sumX += ai;
    sumY += bi;
    sxx += ai * ai;
    syy += bi * bi;
    sxy += ai * bi;
  }
  return {
    n,
    sxx: deviations(sxx, sumX, n),
    syy: deviations(syy, sumY, n),
    sxy: sxy - (sumX * sumY) / n,
  };
}

/**
 * Σ(x − x̄)² from Σx² and Σx. When the values are all equal the difference is 0 up to rounding
 * (a few 1e-16 of Σx²); it is returned as exactly 0 so that "no variance" is recognized.
 */
function deviations(squares: number, sum: number, n: number): number {
  const d = squares - (sum * sum) / n;
  return d <= squares * 1e-13 ? 0 : d;
}

/** The moments of every pair of columns (symmetric), after listwise deletion if asked. */
function allPairs(
  rows: DataMatrix,
  missing: Missing,
  each: (m: PairMoments, i: number, j: number) => number,
): number[][] {
  const width = checkMatrix(rows);
  const used = missing === 'listwise' ? listwise(rows) : rows;
  const columns = columnsOf(used, width);
  const out = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (let i = 0; i < width; i++) {
    for (let j = i; j < width; j++) {
      const m = pairMoments(columns[i]!, columns[j]!);
      if (m.n < 2) tooFewPairs(i, j, m.n, missing);
      const value = each(m, i, j);
      out[i]![j] = value;
      out[j]![i] = value;
    }
  }
  return out;
}

function tooFewPairs(i: number, j: number, n: number, missing: Missing): never {
  if (missing === 'listwise') {
    statsFail(
      'STATS_TOO_FEW_ROWS',
      `完整作答的行只有 ${n} 行，至少需要 2 行；可改用成对删除（pairwise）。`,
      `Only ${n} rows are complete; at least 2 are needed. Use pairwise deletion instead.`,
    );
  }
  const which = i === j ? `第 ${i + 1} 列` : `第 ${i + 1} 列与第 ${j + 1} 列同时`;
  const whichEn = i === j ? `column ${i + 1}` : `both columns ${i + 1} and ${j + 1}`;
  statsFail(
    'STATS_TOO_FEW_PAIRS',
    `${which}作答的只有 ${n} 行，至少需要 2 行才能计算方差或相关。`,
    `Only ${n} rows answer ${whichEn}; a variance or correlation needs at least 2.`,
  );
}

/**
 * The covariance matrix (divisor n − 1), exactly as R's `cov(x, use = "pairwise")` or, with
 * `listwise`, `cov(x, use = "complete.obs")`: each pair over the rows that answer both, with those
 * rows' means.
 */
export function covarianceMatrix(rows: DataMatrix, missing: Missing): number[][] {
  return allPairs(rows, missing, (m) => m.sxy / (m.n - 1));
}

/**
 * The correlation matrix, exactly as R's `cor(x, use = "pairwise")` or, with `listwise`,
 * `cor(x, use = "complete.obs")`. A column without variance (among the rows a pair shares) has no
 * correlation: that is an error naming it, not NaN.
 */
export function correlationMatrix(rows: DataMatrix, missing: Missing): number[][] {
  return allPairs(rows, missing, (m, i, j) => {
    if (m.sxx === 0) noVariance(i, i === j ? null : j);
    if (m.syy === 0) noVariance(j, i);
    return i === j ? 1 : m.sxy / Math.sqrt(m.sxx * m.syy);
  });
}

function noVariance(column: number, other: number | null): never {
  const among = other === null ? '' : `（在同时作答第 ${other + 1} 列的行中）`;
  const amongEn = other === null ? '' : ` (among the rows that also answer column ${other + 1})`;
  statsFail(
    'STATS_NO_VARIANCE',
    `第 ${column + 1} 列${among}所有作答相同，没有方差，无法计算相关；请删去该题或收集更多作答。`,
    `Column ${column + 1}${amongEn} has the same answer everywhere: no variance, so no correlation. Drop the item or collect more answers.`,
  );
}

/**
 * A respondent's score on a scale: the mean of the scale's items they answered, null when they
 * answered none. This is `psych::scoreItems(keys, x, impute = "none")` (checked against R in
 * data.test.ts). Pass keyed rows (`keyed`) so that reversed items count the right way round.
 */
export function scaleScores(rows: DataMatrix, columns: readonly number[]): (number | null)[] {
  const width = checkMatrix(rows);
  if (columns.length === 0) {
    statsFail('STATS_EMPTY_SCALE', '量表没有题目。', 'The scale has no items.');
  }
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 0 || c >= width) {
      statsFail(
        'STATS_BAD_COLUMN',
        `列号 ${c} 无效：数据有 ${width} 列（从 0 起编号）。`,
        `Column index ${c} is invalid: the data have ${width} columns (indexed from 0).`,
      );
    }
  }
  return rows.map((row) => {
    let sum = 0;
    let n = 0;
    for (const c of columns) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      sum += v;
      n++;
    }
    return n === 0 ? null : sum / n;
  });
}
