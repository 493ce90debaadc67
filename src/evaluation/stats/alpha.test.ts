import { describe, expect, it } from 'vitest';
import { alpha, alphaFromCovariance } from './alpha.js';
import { covarianceMatrix, keyed } from './data.js';
import { StatsError } from './errors.js';
import { loadBfi, loadJson, type Core } from './fixtures/load.js';

const bfi = loadBfi();
const core = loadJson<Core>('core.json');

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StatsError) return e.code;
    throw e;
  }
  throw new Error('expected a StatsError');
}

const variance = (v: number[]) => {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
};

describe('Cronbach’s alpha against psych::alpha on bfi (psych ' + core.psychVersion + ')', () => {
  for (const scale of core.scales) {
    it(`scale ${scale.id}: alpha, standardized alpha, average r and the item statistics`, () => {
      const want = scale.alpha;
      const got = alpha(bfi.select(scale.items), {
        reversed: want.items.map((i) => i.reversed),
        min: core.scale.min,
        max: core.scale.max,
      });
      // The issue asks for 3 decimals; we agree far closer (1e-9), so assert that. It matters: on
      // scale A, standardizing by cor(x, use = "pairwise") instead of psych's cov2cor(C) moves
      // the standardized alpha by only 3.7e-4, which 3 decimals would not notice.
      expect(got.n).toBe(want.n);
      expect(got.alpha).toBeCloseTo(want.alpha, 9);
      expect(got.alphaStd).toBeCloseTo(want.alphaStd, 9);
      expect(got.averageR).toBeCloseTo(want.averageR, 9);
      want.items.forEach((w, i) => {
        const item = got.items[i]!;
        expect(item.index).toBe(i);
        expect(item.itemRest).toBeCloseTo(w.itemRest, 9);
        expect(item.alphaIfDropped).toBeCloseTo(w.alphaIfDropped, 9);
        expect(item.alphaStdIfDropped).toBeCloseTo(w.alphaStdIfDropped, 9);
        expect(item.mean).toBeCloseTo(w.mean, 9);
        expect(item.sd).toBeCloseTo(w.sd, 9);
        expect(item.n).toBe(w.n);
      });
    });
  }
});

describe('alpha from a covariance matrix (psych::alpha given a matrix)', () => {
  it('reads a scale’s block of the covariances of every item and gives alpha’s figures', () => {
    // What the analysis does: one covariance matrix of all the bfi items, each scale's block.
    const items = core.scales.flatMap((s) => s.items);
    const reversed = core.scales.flatMap((s) => s.alpha.items.map((i) => i.reversed));
    const rows = keyed(bfi.select(items), reversed, core.scale.min, core.scale.max);
    const c = covarianceMatrix(rows, 'pairwise');
    for (const scale of core.scales) {
      const at = scale.items.map((id) => items.indexOf(id));
      const got = alphaFromCovariance(at.map((i) => at.map((j) => c[i]![j]!)));
      expect(got.alpha).toBeCloseTo(scale.alpha.alpha, 9);
      expect(got.alphaStd).toBeCloseTo(scale.alpha.alphaStd, 9);
      expect(got.averageR).toBeCloseTo(scale.alpha.averageR, 9);
      scale.alpha.items.forEach((w, k) => {
        expect(got.items[k]!.itemRest).toBeCloseTo(w.itemRest, 9);
        expect(got.items[k]!.alphaIfDropped).toBeCloseTo(w.alphaIfDropped, 9);
        expect(got.items[k]!.sd).toBeCloseTo(w.sd, 9);
      });
    }
  });

  it('refuses fewer than two items and an item without variance', () => {
    expect(codeOf(() => alphaFromCovariance([[1]]))).toBe('STATS_TOO_FEW_ITEMS');
    expect(
      codeOf(() =>
        alphaFromCovariance([
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toBe('STATS_NO_VARIANCE');
  });
});

describe('Cronbach’s alpha, hand-checked', () => {
  // Complete data: alpha = k/(k−1) · (1 − Σ var(item) / var(total)), computed the textbook way.
  const rows = [
    [1, 2, 5],
    [2, 3, 4],
    [3, 3, 3],
    [4, 5, 2],
    [5, 4, 1],
  ];
  const options = { reversed: [false, false, true], min: 1, max: 5 };
  const keyedRows = rows.map(([a, b, c]) => [a!, b!, 6 - c!]);

  it('equals the textbook formula on complete data, with the reversed item keyed', () => {
    const itemVars = [0, 1, 2].map((j) => variance(keyedRows.map((r) => r[j]!)));
    const totalVar = variance(keyedRows.map((r) => r[0]! + r[1]! + r[2]!));
    const expected = 1.5 * (1 - itemVars.reduce((s, v) => s + v, 0) / totalVar);
    const got = alpha(rows, options);
    expect(got.alpha).toBeCloseTo(expected, 12);
    expect(got.n).toBe(5);
    expect(got.items[2]!.mean).toBeCloseTo(3, 12);
  });

  it('computes the item–rest correlation against the sum of the other items', () => {
    const rest = keyedRows.map((r) => r[1]! + r[2]!);
    const first = keyedRows.map((r) => r[0]!);
    const mf = 3;
    const mr = rest.reduce((s, v) => s + v, 0) / 5;
    const cov = first.reduce((s, v, i) => s + (v - mf) * (rest[i]! - mr), 0) / 4;
    const r = cov / Math.sqrt(variance(first) * variance(rest));
    expect(alpha(rows, options).items[0]!.itemRest).toBeCloseTo(r, 12);
  });

  it('gives no alpha-if-dropped for a two-item scale, and counts only those who answered', () => {
    const got = alpha(
      [
        [1, 2],
        [2, 2],
        [3, 4],
        [null, null],
      ],
      { reversed: [false, false], min: 1, max: 5 },
    );
    expect(got.n).toBe(3);
    expect(got.items[0]!.alphaIfDropped).toBeNull();
    expect(got.items[1]!.alphaStdIfDropped).toBeNull();
  });

  it('refuses one item, an item without variance and answers off the scale', () => {
    expect(codeOf(() => alpha([[1], [2]], { reversed: [false], min: 1, max: 5 }))).toBe(
      'STATS_TOO_FEW_ITEMS',
    );
    const flat = [
      [1, 3],
      [2, 3],
      [3, 3],
    ];
    expect(codeOf(() => alpha(flat, { reversed: [false, false], min: 1, max: 5 }))).toBe(
      'STATS_NO_VARIANCE',
    );
    expect(codeOf(() => alpha(flat, { reversed: [false, false], min: 1, max: 2 }))).toBe(
      'STATS_OFF_SCALE',
    );
  });
});
