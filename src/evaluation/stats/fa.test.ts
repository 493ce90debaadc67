import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { faMinres, type FaResult } from './fa.js';
import { FactorAnalysisError } from './fa-errors.js';
import { eigenSymmetric, hessian, smc } from './minres.js';
import input from './fixtures/omega-input.json' with { type: 'json' };
import ref from './fixtures/omega.json' with { type: 'json' };

const bfi = input.bfi.r;
const small = input.small.r;

function expectMatrixClose(actual: number[][], expected: number[][], digits: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i]!.length);
    row.forEach((x, j) => expect(x, `[${i + 1}, ${j + 1}]`).toBeCloseTo(expected[i]![j]!, digits));
  });
}

function expectVectorClose(actual: number[], expected: number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => expect(x, `[${i + 1}]`).toBeCloseTo(expected[i]!, digits));
}

describe('faMinres agrees with psych::fa(fm = "minres") on keyed bfi', () => {
  it('one factor: loadings, communalities, eigenvalues', () => {
    const f = faMinres(bfi, 1, { rotate: 'none', nObs: input.bfi.n });
    expect(f.converged).toBe(true);
    expect(f.heywood).toEqual([]);
    expectMatrixClose(f.loadings, ref.bfi.fa1.loadings, 4);
    expectVectorClose(f.communalities, ref.bfi.fa1.communalities, 4);
    expectVectorClose(f.values, ref.bfi.fa1.values, 4);
    expect(f.nObs).toBe(2800);
  });

  it('five factors unrotated: loadings signed and ordered as psych', () => {
    const f = faMinres(bfi, 5, { rotate: 'none' });
    expect(f.phi).toBeNull();
    expectMatrixClose(f.loadings, ref.bfi.fa5.none.loadings, 4);
    expectVectorClose(f.communalities, ref.bfi.fa5.none.communalities, 4);
    expectVectorClose(f.uniquenesses, ref.bfi.fa5.none.uniquenesses, 4);
    expectVectorClose(f.ssLoadings, ref.bfi.fa5.none.ssLoadings, 4);
  });

  it('five factors oblimin: pattern loadings, Φ, communalities', () => {
    const f = faMinres(bfi, 5, { rotate: 'oblimin' });
    expect(f.converged).toBe(true);
    expectMatrixClose(f.loadings, ref.bfi.fa5.oblimin.loadings, 4);
    expectMatrixClose(f.phi!, ref.bfi.fa5.oblimin.phi!, 4);
    expectVectorClose(f.communalities, ref.bfi.fa5.oblimin.communalities, 4);
    expectVectorClose(f.ssLoadings, ref.bfi.fa5.oblimin.ssLoadings, 4);
  });
});

describe('fit statistics agree with psych (factor.stats) when nObs is given', () => {
  type Fit = (typeof ref.bfi.fit)['fa5'];
  const expectFit = (actual: FaResult['fit'], expected: Fit) => {
    expect(actual).not.toBeNull();
    expect(actual!.dof).toBe(expected.dof);
    expect(actual!.objective).toBeCloseTo(expected.objective, 5);
    expect(actual!.chiSquare / expected.chiSquare).toBeCloseTo(1, 5);
    expect(actual!.rmsea).toBeCloseTo(expected.rmsea, 6);
    expect(actual!.tli).toBeCloseTo(expected.tli, 6);
    expect(actual!.bic).toBeCloseTo(expected.bic, 1);
    expect(actual!.rms).toBeCloseTo(expected.rms, 6);
    expect(actual!.crms).toBeCloseTo(expected.crms, 6);
  };
  it.each([
    ['bfi, 1 factor', bfi, 1, 'none', ref.bfi.fit.n, ref.bfi.fit.fa1],
    ['bfi, 5 factors', bfi, 5, 'oblimin', ref.bfi.fit.n, ref.bfi.fit.fa5],
    ['bfi, 6 factors', bfi, 6, 'oblimin', ref.bfi.fit.n, ref.bfi.fit.fa6],
    ['small, 1 factor', small, 1, 'none', ref.small.fit.n, ref.small.fit.fa1],
    ['small, 2 factors (TLI above 1)', small, 2, 'oblimin', ref.small.fit.n, ref.small.fit.fa2],
  ] as const)('%s', (_, r, nf, rotate, n, expected) => {
    expectFit(faMinres(r, nf, { rotate, nObs: n }).fit, expected);
  });
  it('none without nObs', () => {
    expect(faMinres(small, 2, { rotate: 'none' }).fit).toBeNull();
  });
});

describe('faMinres on a small made-up 6 × 6 matrix', () => {
  it('two factors, unrotated and oblimin', () => {
    const none = faMinres(small, 2, { rotate: 'none' });
    expectMatrixClose(none.loadings, ref.small.fa2.none.loadings, 4);
    const ob = faMinres(small, 2, { rotate: 'oblimin' });
    expectMatrixClose(ob.loadings, ref.small.fa2.oblimin.loadings, 4);
    expectMatrixClose(ob.phi!, ref.small.fa2.oblimin.phi!, 4);
    expectVectorClose(ob.uniquenesses, ref.small.fa2.oblimin.uniquenesses, 4);
  });
});

describe('the minres objective', () => {
  it('its Hessian matches finite differences of the gradient', () => {
    const s = new Matrix(small);
    const nf = 2;
    const psi = smc(s).map((h) => 1 - h);
    const grad = (u: number[]) => {
      const a = s.clone();
      u.forEach((x, i) => a.set(i, i, 1 - x));
      const e = eigenSymmetric(a);
      return u.map((x, i) => {
        let c = 0;
        for (let k = 0; k < nf; k++) c += e.values[k]! * e.vectors.get(i, k) ** 2;
        return c + x - 1;
      });
    };
    const a = s.clone();
    psi.forEach((x, i) => a.set(i, i, 1 - x));
    const h = hessian(eigenSymmetric(a), nf);
    const step = 1e-6;
    psi.forEach((_, j) => {
      const up = grad(psi.map((x, i) => (i === j ? x + step : x)));
      const down = grad(psi.map((x, i) => (i === j ? x - step : x)));
      up.forEach((g, i) => expect(h.get(i, j)).toBeCloseTo((g - down[i]!) / (2 * step), 5));
    });
  });

  it('flags a Heywood case, with psych’s loadings and its negative uniqueness', () => {
    // x1 would need a communality above 1: its uniqueness stops at psych's bound of 0.005, and
    // the loadings then give it h² > 1 (psych's "ultra-Heywood case" warning). At the bound the
    // off-diagonal sum psych minimizes and our F differ, and psych's L-BFGS-B (whose gradient is
    // F's) stops between the two: its free gradient is still 1e-3 there, ours 0. The figures of
    // a Heywood case agree to about 1e-3 only, which is why the result flags it.
    const f = faMinres(ref.heywood.r, 1, { rotate: 'none' });
    expect(f.heywood).toEqual([0]);
    expectMatrixClose(f.loadings, ref.heywood.loadings, 3);
    expectVectorClose(f.uniquenesses, ref.heywood.uniquenesses, 2);
    expect(f.uniquenesses[0]).toBeLessThan(0);
  });
});

describe('bad input gets a clear error', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(FactorAnalysisError);
      return (e as FactorAnalysisError).code;
    }
    return 'no error';
  };
  it.each([
    ['not square', [[1, 0.2], [0.2]], 1, 'FA_NOT_SQUARE'],
    [
      'not symmetric',
      [
        [1, 0.2, 0],
        [0.3, 1, 0],
        [0, 0, 1],
      ],
      1,
      'FA_NOT_SYMMETRIC',
    ],
    [
      'a covariance',
      [
        [2, 0.2, 0],
        [0.2, 1, 0],
        [0, 0, 1],
      ],
      1,
      'FA_DIAGONAL_NOT_ONE',
    ],
    [
      'a missing value',
      [
        [1, NaN, 0],
        [NaN, 1, 0],
        [0, 0, 1],
      ],
      1,
      'FA_NOT_FINITE',
    ],
    [
      'too many factors',
      [
        [1, 0.2, 0],
        [0.2, 1, 0],
        [0, 0, 1],
      ],
      3,
      'FA_BAD_FACTOR_COUNT',
    ],
    ['too small', [[1]], 1, 'FA_MATRIX_TOO_SMALL'],
  ])('%s', (_, r, nf, expected) => {
    expect(code(() => faMinres(r as number[][], nf, { rotate: 'none' }))).toBe(expected);
  });
  it('a bad nObs', () => {
    expect(code(() => faMinres(small, 1, { rotate: 'none', nObs: 1.5 }))).toBe('FA_BAD_N_OBS');
  });
  it('the message says where, in zh and en', () => {
    try {
      faMinres(
        [
          [1, 0.2, 0],
          [0.3, 1, 0],
          [0, 0, 1],
        ],
        1,
        { rotate: 'none' },
      );
    } catch (e) {
      const err = e as FactorAnalysisError;
      expect(err.format('zh')).toContain('R[1, 2]');
      expect(err.format('en')).toContain('symmetric');
    }
  });
});
