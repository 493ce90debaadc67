import { describe, expect, it } from 'vitest';
import {
  correlationMatrix,
  covarianceMatrix,
  isBlank,
  keyed,
  keyedColumns,
  listwise,
  pairMoments,
  pairMomentsByCounts,
  pairMomentsBySums,
  reverseKey,
  scaleScores,
  scaleScoresOfColumns,
  type PairMoments,
} from './data.js';
import { StatsError } from './errors.js';
import { loadBfi, loadJson, type BfiCor, type Core } from './fixtures/load.js';

const bfi = loadBfi();
const core = loadJson<Core>('core.json');
const bfiCor = loadJson<BfiCor>('bfi-cor.json');

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StatsError) return e.code;
    throw e;
  }
  throw new Error('expected a StatsError');
}

/** Blanks, a pair of columns with only two rows in common. */
const SMALL = [
  [1, 2],
  [2, 4],
  [3, null],
  [null, 1],
];

describe('keying reversed items', () => {
  it('scores a reversed answer max + min − answer', () => {
    expect(reverseKey(1, 1, 6)).toBe(6);
    expect(reverseKey(3, 1, 6)).toBe(4);
    expect(reverseKey(0, 0, 4)).toBe(4);
  });

  it('keys only the reversed columns and keeps blanks', () => {
    expect(
      keyed(
        [
          [1, 5],
          [null, 2],
        ],
        [true, false],
        1,
        5,
      ),
    ).toEqual([
      [5, 5],
      [null, 2],
    ]);
  });

  it('refuses answers off the scale, ragged rows, wrong flags, non-numbers and a bad scale', () => {
    expect(codeOf(() => keyed([[7]], [false], 1, 6))).toBe('STATS_OFF_SCALE');
    expect(codeOf(() => keyed([[1, 2], [1]], [false, false], 1, 6))).toBe('STATS_RAGGED_ROWS');
    expect(codeOf(() => keyed([[1, 2]], [false], 1, 6))).toBe('STATS_KEYS_MISMATCH');
    expect(codeOf(() => keyed([[NaN]], [false], 1, 6))).toBe('STATS_NOT_A_NUMBER');
    expect(codeOf(() => keyed([], [], 1, 6))).toBe('STATS_NO_DATA');
    expect(codeOf(() => reverseKey(3, 6, 1))).toBe('STATS_BAD_SCALE');
  });

  it('says where the bad value is, in zh and en', () => {
    try {
      keyed([[1], [9]], [false], 1, 6);
    } catch (e) {
      expect((e as StatsError).zh).toContain('第 2 行第 1 列');
      expect((e as StatsError).en).toContain('Row 2, column 1: 9 is outside the scale 1–6');
      return;
    }
    throw new Error('expected an error');
  });
});

describe('covariance and correlation (R cor/cov, pairwise and listwise)', () => {
  it('takes each pair over the rows answering both, with those rows’ means (hand-checked)', () => {
    const cov = covarianceMatrix(SMALL, 'pairwise');
    expect(cov[0]![0]).toBeCloseTo(1, 12); // var(1, 2, 3)
    expect(cov[1]![1]).toBeCloseTo(7 / 3, 12); // var(2, 4, 1)
    expect(cov[0]![1]).toBeCloseTo(1, 12); // rows 1–2: (1, 2) and (2, 4)
    expect(correlationMatrix(SMALL, 'pairwise')[0]![1]).toBeCloseTo(1, 12);
  });

  it('drops incomplete rows first when listwise', () => {
    expect(listwise(SMALL)).toEqual([
      [1, 2],
      [2, 4],
    ]);
    const cov = covarianceMatrix(SMALL, 'listwise');
    expect(cov[0]![0]).toBeCloseTo(0.5, 12);
    expect(cov[1]![1]).toBeCloseTo(2, 12);
    expect(cov[0]![1]).toBeCloseTo(1, 12);
  });

  it('agrees with R’s cor(keyed bfi, use = "pairwise") to 1e-9', () => {
    const reversed = bfiCor.items.map((id) => bfiCor.reversed.includes(id));
    const rows = keyed(bfi.select(bfiCor.items), reversed, bfiCor.scale.min, bfiCor.scale.max);
    expect(rows).toHaveLength(bfiCor.n);
    const r = correlationMatrix(rows, 'pairwise');
    let worst = 0;
    r.forEach((row, i) =>
      row.forEach((v, j) => {
        worst = Math.max(worst, Math.abs(v - bfiCor.matrix[i]![j]!));
      }),
    );
    expect(worst).toBeLessThan(1e-9);
  });

  it('agrees with R’s cov(pairwise) and cor(complete.obs) on the keyed agreeableness items', () => {
    const { items, covPairwise, listwiseN, corListwise } = core.matrices;
    const reversed = items.map((id) => core.reversed.includes(id));
    const rows = keyed(bfi.select(items), reversed, core.scale.min, core.scale.max);
    expect(listwise(rows)).toHaveLength(listwiseN);
    const cov = covarianceMatrix(rows, 'pairwise');
    const cor = correlationMatrix(rows, 'listwise');
    items.forEach((_, i) =>
      items.forEach((_, j) => {
        expect(cov[i]![j]).toBeCloseTo(covPairwise[i]![j]!, 12);
        expect(cor[i]![j]).toBeCloseTo(corListwise[i]![j]!, 12);
      }),
    );
  });

  it('refuses a column without variance and a pair with fewer than two rows in common', () => {
    expect(
      codeOf(() =>
        correlationMatrix(
          [
            [1, 2],
            [1, 3],
          ],
          'pairwise',
        ),
      ),
    ).toBe('STATS_NO_VARIANCE');
    expect(
      codeOf(() =>
        correlationMatrix(
          [
            [1, null],
            [2, 3],
            [null, 4],
          ],
          'pairwise',
        ),
      ),
    ).toBe('STATS_TOO_FEW_PAIRS');
    expect(codeOf(() => covarianceMatrix(SMALL.slice(2), 'listwise'))).toBe('STATS_TOO_FEW_ROWS');
    // Column 1 varies, but not among the rows that also answer column 2.
    const constantInPair = [
      [1, null],
      [2, 2],
      [2, 3],
      [2, 4],
    ];
    expect(() => correlationMatrix(constantInPair, 'pairwise')).toThrow(
      'Column 1 (among the rows that also answer column 2) has the same answer everywhere',
    );
  });
});

describe('scale scores (psych::scoreItems, impute = "none")', () => {
  it('is the mean of the items answered, null when none is (hand-checked)', () => {
    expect(
      scaleScores(
        [
          [1, 2, 6],
          [3, null, 4],
          [null, null, null],
        ],
        [0, 1],
      ),
    ).toEqual([1.5, 3, null]);
  });

  it('agrees with R on the five bfi scales', () => {
    const items = bfi.columns.slice(0, 25);
    const reversed = items.map((id) => core.reversed.includes(id));
    const rows = keyed(bfi.select(items), reversed, core.scale.min, core.scale.max);
    for (const scale of core.scales) {
      const scores = scaleScores(
        rows,
        scale.items.map((id) => items.indexOf(id)),
      );
      scale.firstScores.forEach((want, i) => expect(scores[i]).toBeCloseTo(want!, 10));
      const given = scores.filter((s): s is number => s !== null);
      expect(scores.length - given.length).toBe(scale.scoresNA);
      expect(given.reduce((s, v) => s + v, 0) / given.length).toBeCloseTo(scale.scoreMean, 10);
    }
  });

  it('refuses a column that is not there and an empty scale', () => {
    expect(codeOf(() => scaleScores([[1, 2]], [2]))).toBe('STATS_BAD_COLUMN');
    expect(codeOf(() => scaleScores([[1, 2]], []))).toBe('STATS_EMPTY_SCALE');
  });
});

/** Seeded answers on a scale lowest…highest with a share of blanks, as columns (NaN a blank). */
function answers(rows: number, items: number, lowest: number, highest: number, blanks: number) {
  let state = 7;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: items }, (_, c) => {
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      // Items correlate through a shared part, so that the cross-products are not all alike.
      const shared = (r * 7) % (highest - lowest + 1);
      const v =
        next() < 0.5 ? lowest + shared : lowest + Math.floor(next() * (highest - lowest + 1));
      column[r] = next() < blanks ? NaN : c % 3 === 2 ? highest + lowest - v : v;
    }
    return column;
  });
}

function worstDifference(a: PairMoments[][], b: PairMoments[][]): number {
  let worst = 0;
  a.forEach((row, i) =>
    row.forEach((m, j) => {
      const o = b[i]![j]!;
      expect(m.n).toBe(o.n);
      const scale = Math.max(1, o.sxx, o.syy);
      for (const k of ['sxx', 'syy', 'sxy'] as const) {
        worst = Math.max(worst, Math.abs(m[k] - o[k]) / scale);
      }
    }),
  );
  return worst;
}

describe('pair moments: the counting path and the plain sums agree', () => {
  it('on a 1–5 scale with blanks, over blocks of three items and a last block of one', () => {
    const columns = answers(3000, 7, 1, 5, 0.05);
    const counted = pairMomentsByCounts(columns);
    expect(counted).not.toBeNull();
    expect(worstDifference(counted!, pairMomentsBySums(columns))).toBeLessThan(1e-12);
    expect(pairMoments(columns)).toEqual(counted);
  });

  it('on a 0–10 scale (two items per block) and on a two-point scale (eight per block)', () => {
    for (const [lowest, highest] of [
      [0, 10],
      [0, 1],
    ] as const) {
      const columns = answers(2000, 10, lowest, highest, 0.1);
      const counted = pairMomentsByCounts(columns)!;
      expect(worstDifference(counted, pairMomentsBySums(columns))).toBeLessThan(1e-12);
    }
  });

  it('leaves answers that are not small integers to the sums', () => {
    const halves = answers(500, 4, 1, 5, 0.05).map((c) => c.map((v) => v / 2));
    expect(pairMomentsByCounts(halves)).toBeNull();
    expect(pairMoments(halves)).toEqual(pairMomentsBySums(halves));
    const wide = answers(500, 4, 1, 40, 0.05);
    expect(pairMomentsByCounts(wide)).toBeNull();
    expect(pairMomentsByCounts([new Float64Array([NaN, NaN])])).toBeNull();
  });

  it('gives R’s pairwise covariances through either path (the SMALL example)', () => {
    const columns = [new Float64Array([1, 2, 3, NaN]), new Float64Array([2, 4, NaN, 1])];
    for (const m of [pairMomentsByCounts(columns)!, pairMomentsBySums(columns)]) {
      expect(m[0]![1]!.n).toBe(2);
      expect(m[0]![1]!.sxy / (m[0]![1]!.n - 1)).toBeCloseTo(1, 12);
      expect(m[1]![1]!.sxx / (m[1]![1]!.n - 1)).toBeCloseTo(7 / 3, 12);
    }
  });
});

describe('columns of keyed answers and their scale scores', () => {
  const rows = [
    [1, 5, null],
    [null, 2, 3],
    [null, null, null],
  ];

  it('keys and checks as keyed does, one Float64Array per item with NaN for a blank', () => {
    const columns = keyedColumns(rows, [true, false, false], 1, 5);
    expect(columns.map((c) => [...c])).toEqual([
      [5, NaN, NaN],
      [5, 2, NaN],
      [NaN, 3, NaN],
    ]);
    expect(codeOf(() => keyedColumns([[7]], [false], 1, 6))).toBe('STATS_OFF_SCALE');
    expect(codeOf(() => keyedColumns([[1]], [false, true], 1, 6))).toBe('STATS_KEYS_MISMATCH');
  });

  it('scores as scaleScores does, NaN where nothing was answered', () => {
    const columns = keyedColumns(rows, [false, false, false], 1, 5);
    const scores = scaleScoresOfColumns(columns, [0, 1, 2]);
    expect([...scores]).toEqual([3, 2.5, NaN]);
    expect(scaleScores(rows, [0, 1, 2])).toEqual([3, 2.5, null]);
    expect([0, 1, 2].map((i) => isBlank(scores, i))).toEqual([false, false, true]);
    expect(isBlank([NaN], 0)).toBe(false); // NaN in a plain array is an error, not a blank
    expect(codeOf(() => scaleScoresOfColumns(columns, [3]))).toBe('STATS_BAD_COLUMN');
  });
});
