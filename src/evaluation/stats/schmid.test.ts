import { describe, expect, it } from 'vitest';
import { schmid } from './schmid.js';
import input from './fixtures/omega-input.json' with { type: 'json' };
import ref from './fixtures/omega.json' with { type: 'json' };

interface Steps {
  orthogonal: number[][];
  oblique: number[][];
  phi: number[][] | null;
  gloading: number[];
  g: number[];
}

const close = (a: number[][], b: number[][]) => {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) =>
    row.forEach((x, j) => expect(x, `[${i + 1}, ${j + 1}]`).toBeCloseTo(b[i]![j]!, 4)),
  );
};

describe('schmid: each step agrees with psych::schmid', () => {
  it.each([
    ['bfi, 5 factors (g from a one-factor fa of Φ)', input.bfi.r, 5, ref.bfi.omega5],
    ['bfi, 3 factors', input.bfi.r, 3, ref.bfi.omega3],
    ['small, 2 factors (option "equal")', input.small.r, 2, ref.small.omega2],
  ] as const)('%s', (_, r, nf, expected: Steps) => {
    const sl = schmid(r as number[][], nf);
    close(sl.orthogonal, expected.orthogonal);
    close(sl.oblique, expected.oblique);
    close(sl.phi!, expected.phi!);
    close([sl.gloading], [expected.gloading]);
    // Before omega flips anything, g is the oblique pattern times gload.
    close([sl.g.map(Math.abs)], [expected.g.map(Math.abs)]);
    expect(sl.converged).toBe(true);
  });

  it('option "equal" with two factors: both loadings √φ₁₂', () => {
    const sl = schmid(input.small.r, 2);
    const phi12 = sl.phi![0]![1]!;
    expect(sl.gloading[0]).toBeCloseTo(Math.sqrt(Math.abs(phi12)), 12);
    expect(sl.gloading[1]).toBeCloseTo(Math.sign(phi12) * Math.sqrt(Math.abs(phi12)), 12);
  });

  it('one factor: g is the factor, no group factors, no Φ', () => {
    const sl = schmid(input.small.r, 1);
    expect(sl.phi).toBeNull();
    expect(sl.gloading).toEqual([1]);
    expect(sl.g).toEqual(sl.orthogonal.map((row) => row[0]));
    sl.groups.forEach((row) => expect(row).toEqual([0]));
  });
});
