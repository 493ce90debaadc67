import { describe, expect, it } from 'vitest';
import { keyed, scaleScores } from './data.js';
import { StatsError } from './errors.js';
import { loadBfi, loadJson, type Core } from './fixtures/load.js';
import { ols, pairedT } from './tests.js';

const core = loadJson<Core>('core.json');
const bfi = loadBfi();

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StatsError) return e.code;
    throw e;
  }
  throw new Error('expected a StatsError');
}

/** The five bfi scale scores, keyed as psych's bfi.keys, by scale id. */
function bfiScores(): Record<string, (number | null)[]> {
  const items = bfi.columns.slice(0, 25);
  const rows = keyed(
    bfi.select(items),
    items.map((id) => core.reversed.includes(id)),
    core.scale.min,
    core.scale.max,
  );
  return Object.fromEntries(
    core.scales.map((s) => [
      s.id,
      scaleScores(
        rows,
        s.items.map((id) => items.indexOf(id)),
      ),
    ]),
  );
}

/** Relative agreement for figures that may be tiny (p values) or large (t, F). */
function expectRel(got: number, want: number, rel = 1e-6): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * rel + 1e-300);
}

describe('paired t test against R’s t.test(paired = TRUE)', () => {
  const scores = bfiScores();
  for (const want of core.pairedT) {
    it(`${want.x} vs ${want.y}, rows ${want.rows}`, () => {
      const cut = (v: (number | null)[]) => (want.rows === 'all' ? v : v.slice(0, 40));
      const got = pairedT(cut(scores[want.x]!), cut(scores[want.y]!));
      expect(got.n).toBe(want.n);
      expect(got.df).toBe(want.df);
      expect(got.meanDiff).toBeCloseTo(want.meanDiff, 10);
      expect(got.sdDiff).toBeCloseTo(want.sdDiff, 10);
      expect(got.t).toBeCloseTo(want.t, 8);
      expectRel(got.p, want.p);
      expect(got.ci95[0]).toBeCloseTo(want.ci95[0], 8);
      expect(got.ci95[1]).toBeCloseTo(want.ci95[1], 8);
      expect(got.dz).toBeCloseTo(want.dz, 10);
    });
  }
});

describe('paired t test, hand-checked', () => {
  it('uses the pairs with both values', () => {
    // Differences 1, 2, 1: mean 4/3, sd √(1/3).
    const got = pairedT([1, 2, 3, null, 9], [0, 0, 2, 4, null]);
    expect(got.n).toBe(3);
    expect(got.meanDiff).toBeCloseTo(4 / 3, 12);
    expect(got.sdDiff).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(got.t).toBeCloseTo(4 / 3 / Math.sqrt(1 / 9), 12);
    expect(got.dz).toBeCloseTo(4 / 3 / Math.sqrt(1 / 3), 12);
    expect(got.df).toBe(2);
    // 2 · pt(−4, 2) = 0.05719095841793653
    expect(got.p).toBeCloseTo(0.05719095841793653, 10);
  });

  it('reads Float64Arrays with NaN for a blank as arrays with null', () => {
    const x = [1, 2, null, 4, 7];
    const y = [2, null, 3, 1, 1];
    const typed = (v: (number | null)[]) => Float64Array.from(v, (e) => e ?? NaN);
    expect(pairedT(typed(x), typed(y))).toEqual(pairedT(x, y));
    const z = [0.5, 1, 2, 2.5, 4];
    expect(ols(typed(y), [{ name: 'x', values: typed(z) }])).toEqual(
      ols(y, [{ name: 'x', values: z }]),
    );
  });

  it('refuses different lengths, too few pairs and equal differences', () => {
    expect(codeOf(() => pairedT([1, 2], [1]))).toBe('STATS_LENGTH_MISMATCH');
    expect(codeOf(() => pairedT([1, null], [1, 2]))).toBe('STATS_TOO_FEW_PAIRS');
    expect(codeOf(() => pairedT([1, 2, 3], [0, 1, 2]))).toBe('STATS_NO_VARIANCE');
    // Differences 0.1 up to rounding (0.09999999999999998, 0.10000000000000009, …): no variance.
    expect(codeOf(() => pairedT([0.3, 1.3, 2.3], [0.2, 1.2, 2.2]))).toBe('STATS_NO_VARIANCE');
  });
});

describe('OLS against R’s summary(lm(…))', () => {
  const scores = bfiScores();
  for (const want of core.ols) {
    it(`${want.y} ~ ${want.predictors.join(' + ')} (${want.data}, rows ${want.rows})`, () => {
      const column = (id: string) => bfi.select([id]).map((r) => r[0] ?? null);
      const source = (id: string) =>
        want.data === 'bfi items, not keyed' ? column(id) : (scores[id] ?? column(id));
      const cut = (v: (number | null)[]) => (want.rows === 'all' ? v : v.slice(0, 200));
      const got = ols(
        cut(source(want.y)),
        want.predictors.map((name) => ({ name, values: cut(source(name)) })),
      );
      expect(got.n).toBe(want.n);
      expect(got.df).toEqual(want.df);
      expect(got.r2).toBeCloseTo(want.r2, 10);
      expect(got.adjR2).toBeCloseTo(want.adjR2, 10);
      expectRel(got.f, want.f, 1e-9);
      // 1 − F cdf cannot resolve p below ~1e-15; R's upper tail can. Both are 0 to 4+ decimals.
      expect(got.fP).toBeCloseTo(want.fP, 12);
      want.coefficients.forEach((w, j) => {
        const c = got.coefficients[j]!;
        expect(c.name).toBe(w.name);
        expect(c.b).toBeCloseTo(w.b, 10);
        expect(c.se).toBeCloseTo(w.se, 10);
        expectRel(c.t, w.t, 1e-9);
        expectRel(c.p, w.p);
        // jstat's t quantile agrees with R's qt to about 1e-8 (relative), hence 7 decimals.
        expect(c.ci95[0]).toBeCloseTo(w.ci95[0], 7);
        expect(c.ci95[1]).toBeCloseTo(w.ci95[1], 7);
        if (w.beta === null) expect(c.beta).toBeNull();
        else expect(c.beta).toBeCloseTo(w.beta, 10);
      });
    });
  }
});

describe('OLS, hand-checked', () => {
  const x = [1, 2, 3, 4];
  const y = [2, 3, 5, 6];

  it('fits a line: b = Sxy/Sxx = 1.4, a = 0.5, R² = 0.98, se(b) = √(0.1/5)', () => {
    const got = ols([...y, null], [{ name: 'x', values: [...x, 7] }]);
    expect(got.n).toBe(4);
    const [a, b] = got.coefficients;
    expect(a!.name).toBe('(Intercept)');
    expect(a!.b).toBeCloseTo(0.5, 12);
    expect(b!.b).toBeCloseTo(1.4, 12);
    expect(b!.se).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(got.r2).toBeCloseTo(0.98, 12);
    expect(got.adjR2).toBeCloseTo(0.97, 12);
    expect(got.f).toBeCloseTo(98, 9);
    expect(got.df).toEqual({ model: 1, residual: 2 });
    // One predictor: beta is the correlation, √R².
    expect(b!.beta).toBeCloseTo(Math.sqrt(0.98), 12);
    // With one predictor F = t², so the F test's p is the slope's (jstat's cdfs agree to ~1e-11).
    expect(got.fP).toBeCloseTo(b!.p, 10);
  });

  it('refuses designs it cannot estimate, saying which predictor', () => {
    const z = [1, 0, 1, 1];
    expect(codeOf(() => ols(y, [{ name: 'c', values: [2, 2, 2, 2] }]))).toBe(
      'STATS_OLS_CONSTANT_PREDICTOR',
    );
    // 0.1 is not exact in binary: a constant is still recognized, not left as a tiny variance.
    expect(codeOf(() => ols(y, [{ name: 'c', values: [0.1, 0.1, 0.1, 0.1] }]))).toBe(
      'STATS_OLS_CONSTANT_PREDICTOR',
    );
    expect(
      codeOf(() =>
        ols(
          [...y, 1, 2],
          [
            { name: 'x', values: [...x, 5, 6] },
            { name: 'x2', values: [...x, 5, 6].map((v) => 2 * v + 1) },
            { name: 'z', values: [...z, 0, 1] },
          ],
        ),
      ),
    ).toBe('STATS_OLS_COLLINEAR');
    // A predictor falling as another rises is collinear too.
    expect(
      codeOf(() =>
        ols(y, [
          { name: 'x', values: x },
          { name: 'x2', values: x.map((v) => 3 - v) },
        ]),
      ),
    ).toBe('STATS_OLS_COLLINEAR');
    expect(
      codeOf(() =>
        ols(
          [1, 2, 3],
          [
            { name: 'x', values: [1, 2, 4] },
            { name: 'z', values: [0, 1, 1] },
          ],
        ),
      ),
    ).toBe('STATS_OLS_TOO_FEW_CASES');
    expect(codeOf(() => ols([3, 3, 3, 3], [{ name: 'x', values: x }]))).toBe(
      'STATS_OLS_CONSTANT_OUTCOME',
    );
    expect(codeOf(() => ols(x, [{ name: 'x', values: x }]))).toBe('STATS_OLS_PERFECT_FIT');
    expect(codeOf(() => ols(y, []))).toBe('STATS_OLS_NO_PREDICTORS');
    expect(codeOf(() => ols(y, [{ name: 'x', values: [1] }]))).toBe('STATS_LENGTH_MISMATCH');
    expect(
      codeOf(() =>
        ols(y, [
          { name: 'x', values: x },
          { name: 'x', values: z },
        ]),
      ),
    ).toBe('STATS_OLS_DUPLICATE_NAME');
  });

  it('names the collinear predictors', () => {
    try {
      ols(
        [2, 3, 5, 6, 1, 2],
        [
          { name: 'x', values: [1, 2, 3, 4, 5, 6] },
          { name: 'z', values: [1, 0, 1, 1, 0, 1] },
          { name: 'x2', values: [3, 5, 7, 9, 11, 13] },
        ],
      );
    } catch (e) {
      expect((e as StatsError).en).toContain('"x", "x2"');
      expect((e as StatsError).en).not.toContain('"z"');
      expect((e as StatsError).zh).toContain('“x”、“x2”');
      return;
    }
    throw new Error('expected an error');
  });
});
