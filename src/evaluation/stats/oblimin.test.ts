import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { oblimin } from './oblimin.js';
import { varimax } from './varimax.js';
import ref from './fixtures/omega.json' with { type: 'json' };

// GPArotation and stats::varimax on psych's unrotated five-factor minres loadings of bfi.
const unrotated = new Matrix(ref.bfi.fa5.none.loadings);
const rotations = ref.bfi.rotations;

function expectClose(actual: Matrix, expected: number[][], digits: number): void {
  expect([actual.rows, actual.columns]).toEqual([expected.length, expected[0]!.length]);
  expected.forEach((row, i) =>
    row.forEach((x, j) => expect(actual.get(i, j), `[${i + 1}, ${j + 1}]`).toBeCloseTo(x, digits)),
  );
}

describe('oblimin follows GPArotation::GPFoblq', () => {
  it('defaults (quartimin, no normalization, eps 1e-5): loadings and Φ', () => {
    const ob = oblimin(unrotated);
    expect(ob.converged).toBe(true);
    expectClose(ob.loadings, rotations.oblimin.loadings, 5);
    expectClose(ob.phi, rotations.oblimin.phi, 5);
  });

  it('Kaiser normalization', () => {
    const ob = oblimin(unrotated, { normalize: true });
    expectClose(ob.loadings, rotations.obliminNormalized.loadings, 5);
    expectClose(ob.phi, rotations.obliminNormalized.phi, 5);
  });

  it('gamma 0.5 (biquartimin)', () => {
    const ob = oblimin(unrotated, { gamma: 0.5 });
    expectClose(ob.loadings, rotations.obliminGamma05.loadings, 5);
    expectClose(ob.phi, rotations.obliminGamma05.phi, 5);
  });

  it('reports non-convergence when maxit is too small', () => {
    const ob = oblimin(unrotated, { maxit: 3 });
    expect(ob.converged).toBe(false);
    expect(ob.iterations).toBe(3);
  });

  it('Φ has a unit diagonal and reproduces the common part: L Φ Lᵀ = A Aᵀ', () => {
    const ob = oblimin(unrotated);
    ob.phi.diag().forEach((d) => expect(d).toBeCloseTo(1, 12));
    const before = unrotated.mmul(unrotated.transpose());
    const after = ob.loadings.mmul(ob.phi).mmul(ob.loadings.transpose());
    expectClose(after, before.to2DArray(), 10);
  });
});

describe('varimax follows stats::varimax', () => {
  it('loadings and rotation matrix', () => {
    const vm = varimax(unrotated);
    expectClose(vm.loadings, rotations.varimax.loadings, 5);
    expectClose(vm.rotation, rotations.varimax.rotation, 5);
  });

  it('one factor is left as it is', () => {
    const one = new Matrix([[0.5], [0.6]]);
    expect(varimax(one).loadings.to2DArray()).toEqual([[0.5], [0.6]]);
  });
});
