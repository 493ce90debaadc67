import { describe as group, expect, it } from 'vitest';
import { keyed, scaleScores } from './data.js';
import { describe } from './describe.js';
import { StatsError } from './errors.js';
import { loadBfi, loadJson, type Core } from './fixtures/load.js';

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

group('describe, hand-checked', () => {
  it('gives n, mean, sd, se and the t-based 95% CI, leaving out blanks', () => {
    const d = describe([1, 2, null, 3, 4, 5]);
    expect(d.n).toBe(5);
    expect(d.mean).toBe(3);
    expect(d.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(d.se).toBeCloseTo(Math.sqrt(0.5), 12);
    // R: qt(0.975, 4) = 2.776445105197793; jstat's quantile agrees to about 1e-8.
    expect(d.ci95[0]).toBeCloseTo(3 - 2.776445105197793 * Math.sqrt(0.5), 7);
    expect(d.ci95[1]).toBeCloseTo(3 + 2.776445105197793 * Math.sqrt(0.5), 7);
    expect(d.distribution).toBeUndefined();
  });

  it('reads a Float64Array with NaN for a blank as an array with null, and refuses NaN in an array', () => {
    const typed = describe(new Float64Array([1, 2, NaN, 3, 4, 5]), { min: 1, max: 5 });
    expect(typed).toEqual(describe([1, 2, null, 3, 4, 5], { min: 1, max: 5 }));
    expect(codeOf(() => describe([1, 2, NaN]))).toBe('STATS_NOT_A_NUMBER');
    expect(codeOf(() => describe(new Float64Array([1, 2, Infinity])))).toBe('STATS_NOT_A_NUMBER');
  });

  it('counts each value at the nearest scale point, halves going up', () => {
    const d = describe([1, 2.49, 2.5, 3.5, 5], { min: 1, max: 5 });
    expect(d.distribution).toEqual([
      { point: 1, count: 1, share: 0.2 },
      { point: 2, count: 1, share: 0.2 },
      { point: 3, count: 1, share: 0.2 },
      { point: 4, count: 1, share: 0.2 },
      { point: 5, count: 1, share: 0.2 },
    ]);
  });

  it('refuses fewer than two values, values off the scale, half a scale and non-numbers', () => {
    expect(codeOf(() => describe([3, null]))).toBe('STATS_TOO_FEW_VALUES');
    expect(codeOf(() => describe([3, 7], { min: 1, max: 6 }))).toBe('STATS_OFF_SCALE');
    expect(codeOf(() => describe([3, 4], { min: 1 }))).toBe('STATS_BAD_SCALE');
    expect(codeOf(() => describe([3, 4], { min: 1.5, max: 6 }))).toBe('STATS_BAD_SCALE');
    expect(codeOf(() => describe([3, Infinity]))).toBe('STATS_NOT_A_NUMBER');
  });
});

group('describe against R on the bfi scale scores', () => {
  const bfi = loadBfi();
  const items = bfi.columns.slice(0, 25);
  const rows = keyed(
    bfi.select(items),
    items.map((id) => core.reversed.includes(id)),
    core.scale.min,
    core.scale.max,
  );
  for (const scale of core.scales) {
    it(`scale ${scale.id}`, () => {
      const scores = scaleScores(
        rows,
        scale.items.map((id) => items.indexOf(id)),
      );
      const want = scale.describe;
      const d = describe(scores, core.scale);
      expect(d.n).toBe(want.n);
      expect(d.mean).toBeCloseTo(want.mean, 10);
      expect(d.sd).toBeCloseTo(want.sd, 10);
      expect(d.se).toBeCloseTo(want.se, 10);
      expect(d.ci95[0]).toBeCloseTo(want.ci95[0], 8);
      expect(d.ci95[1]).toBeCloseTo(want.ci95[1], 8);
      expect(d.distribution).toHaveLength(want.distribution.length);
      want.distribution.forEach((w, i) => {
        expect(d.distribution![i]!.point).toBe(w.point);
        expect(d.distribution![i]!.count).toBe(w.count);
        expect(d.distribution![i]!.share).toBeCloseTo(w.share, 12);
      });
    });
  }
});
