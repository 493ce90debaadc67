import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { eigenSymmetric } from './minres.js';
import { generator, mulberry32, parallelAnalysis, randomCorrelation } from './parallel.js';
import input from './fixtures/omega-input.json' with { type: 'json' };
import ref from './fixtures/omega.json' with { type: 'json' };

const closeVector = (actual: number[], expected: number[], digits: number) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => expect(x, `[${i + 1}]`).toBeCloseTo(expected[i]!, digits));
};

describe('parallelAnalysis agrees with psych::fa.parallel on bfi', () => {
  const result = parallelAnalysis(input.bfi.r, input.bfi.n, { iterations: 20, seed: 2026 });

  it('observed eigenvalues of the components and of the one-factor solution', () => {
    closeVector(result.observedPc, ref.bfi.parallel.observedPc, 8);
    closeVector(result.observedFa, ref.bfi.parallel.observedFa, 4);
  });

  it('suggests psych’s numbers of factors and components (6 and 6)', () => {
    expect(
      ref.bfi.parallel.countsBySeed.every((c) => c.nFactors === 6 && c.nComponents === 6),
    ).toBe(true);
    expect(result.nFactors).toBe(ref.bfi.parallel.nFactors);
    expect(result.nComponents).toBe(ref.bfi.parallel.nComponents);
  });

  it('the same for other seeds of ours', () => {
    for (const seed of [1, 2, 3]) {
      const other = parallelAnalysis(input.bfi.r, input.bfi.n, { iterations: 20, seed });
      expect([other.nFactors, other.nComponents]).toEqual([6, 6]);
    }
  });

  it('simulated means within sampling error of R’s (100 data sets each; random numbers differ)', () => {
    const many = parallelAnalysis(input.bfi.r, input.bfi.n, { iterations: 100, seed: 2026 });
    const expected = ref.bfi.parallel;
    // Standard errors of a mean of 100 are about 0.002 here, except for the first factor
    // eigenvalue, whose long tail (one-factor fits of random data with a Heywood case) makes it
    // about 0.008.
    many.simulatedPc.forEach((x, i) =>
      expect(Math.abs(x - expected.simulatedPc100[i]!)).toBeLessThan(0.006),
    );
    many.simulatedFa.forEach((x, i) =>
      expect(Math.abs(x - expected.simulatedFa100[i]!)).toBeLessThan(i === 0 ? 0.03 : 0.006),
    );
    many.simulatedPc.forEach((m, i) => expect(many.simulatedPc95[i]!).toBeGreaterThanOrEqual(m));
  });

  it('is reproducible: the same seed gives the same result', () => {
    const again = parallelAnalysis(input.bfi.r, input.bfi.n, { iterations: 20, seed: 2026 });
    expect(again).toEqual(result);
  });
});

describe('parallelAnalysis on the small 6 × 6 matrix', () => {
  it('observed values and suggested counts as psych (2 and 2, for R’s seeds 1–10)', () => {
    const result = parallelAnalysis(input.small.r, input.small.n, { seed: 7 });
    expect(
      ref.small.parallel.countsBySeed.every((c) => c.nFactors === 2 && c.nComponents === 2),
    ).toBe(true);
    closeVector(result.observedPc, ref.small.parallel.observedPc, 8);
    closeVector(result.observedFa, ref.small.parallel.observedFa, 4);
    expect(result.nFactors).toBe(ref.small.parallel.nFactors);
    expect(result.nComponents).toBe(ref.small.parallel.nComponents);
  });
});

describe('the generator', () => {
  it('mulberry32 gives uniforms in (0, 1) and repeats with its seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('normals have mean 0 and variance 1; chi-square deviates mean k and variance 2k', () => {
    const random = generator(9);
    const n = 100_000;
    const moments = (draw: () => number) => {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const x = draw();
        sum += x;
        sq += x * x;
      }
      return { mean: sum / n, variance: sq / n - (sum / n) ** 2 };
    };
    const z = moments(random.normal);
    expect(z.mean).toBeCloseTo(0, 2);
    expect(z.variance).toBeCloseTo(1, 1);
    for (const k of [1, 7, 2799]) {
      const c = moments(() => random.chiSquare(k));
      expect(Math.abs(c.mean - k) / k).toBeLessThan(0.02);
      expect(Math.abs(c.variance - 2 * k) / (2 * k)).toBeLessThan(0.05);
    }
  });
});

describe('randomCorrelation (Bartlett) has the distribution of cor() of normal data', () => {
  /** The direct way, psych's: n × p normal values and their correlation matrix. */
  function direct(n: number, p: number, normal: () => number): number[][] {
    const cols = Array.from({ length: p }, () => {
      const x = Array.from({ length: n }, normal);
      const mean = x.reduce((a, v) => a + v, 0) / n;
      const c = x.map((v) => v - mean);
      const norm = Math.sqrt(c.reduce((a, v) => a + v * v, 0));
      return c.map((v) => v / norm);
    });
    return cols.map((a) => cols.map((b) => a.reduce((s, v, i) => s + v * b[i]!, 0)));
  }

  it('the same mean and spread of r and of the largest eigenvalue, n = 30, p = 5', () => {
    const n = 30;
    const p = 5;
    const draws = 4000;
    const random = generator(11);
    const summary = (make: () => number[][]) => {
      let r12 = 0;
      let r12sq = 0;
      let top = 0;
      for (let d = 0; d < draws; d++) {
        const r = make();
        r12 += r[0]![1]!;
        r12sq += r[0]![1]! ** 2;
        top += eigenSymmetric(new Matrix(r)).values[0]!;
      }
      return { r12: r12 / draws, varR12: r12sq / draws, top: top / draws };
    };
    const bartlett = summary(() => randomCorrelation(n, p, random));
    const plain = summary(() => direct(n, p, random.normal));
    // Var(r) = 1/(n − 1) for independent normal variables.
    expect(bartlett.r12).toBeCloseTo(0, 1);
    expect(Math.abs(bartlett.varR12 * (n - 1) - 1)).toBeLessThan(0.08);
    expect(Math.abs(plain.varR12 * (n - 1) - 1)).toBeLessThan(0.08);
    expect(Math.abs(bartlett.top - plain.top)).toBeLessThan(0.02);
  });

  it('the degrees of freedom are n − 1: Var(r) = 1/7 for n = 8 (1/8 would fail)', () => {
    const random = generator(5);
    let sq = 0;
    const draws = 20_000;
    for (let d = 0; d < draws; d++) sq += randomCorrelation(8, 3, random)[2]![1]! ** 2;
    expect(Math.abs((sq / draws) * 7 - 1)).toBeLessThan(0.04);
  });
});

describe('parallelAnalysis: bad input', () => {
  it.each([
    [2, {}, /FA_BAD_N_OBS/],
    [100.5, {}, /FA_BAD_N_OBS/],
    [100, { iterations: 0 }, /FA_BAD_ITERATIONS/],
    [100, { seed: 0.5 }, /FA_BAD_SEED/],
  ])('nObs %s, %o', (n, options, error) => {
    expect(() => parallelAnalysis(input.small.r, n, options)).toThrow(error);
  });
});
