import { describe, expect, it } from 'vitest';
import { omega, type OmegaResult } from './omega.js';
import input from './fixtures/omega-input.json' with { type: 'json' };
import ref from './fixtures/omega.json' with { type: 'json' };

export interface Reference {
  omegaH: number;
  omegaTotal: number;
  omegaHAsymptotic: number;
  alpha: number;
  g: number[];
  groups: number[][];
  flipped: boolean[];
  omegaGroup: number[][];
  orthogonal: number[][];
  oblique: number[][];
  phi: number[][] | null;
  gloading: number[];
}

const bfi = input.bfi.r;
const items = input.bfi.items;

/** The rows and columns of the named items, in that order. */
function sub(r: number[][], names: string[]): number[][] {
  const at = names.map((n) => items.indexOf(n));
  return at.map((i) => at.map((j) => r[i]![j]!));
}

/** The correlations of the items as answered: the reversed items' signs turned back. */
function unkeyed(r: number[][]): number[][] {
  const reversed = ['A1', 'C4', 'C5', 'E1', 'E2', 'O2', 'O5'];
  const key = items.map((n) => (reversed.includes(n) ? -1 : 1));
  return r.map((row, i) => row.map((x, j) => key[i]! * key[j]! * x));
}

function expectOmega(actual: OmegaResult, expected: Reference): void {
  // The project asserts omega to 2 decimals; we hold it to 4 (R's own convergence tolerance).
  expect(actual.omegaH).toBeCloseTo(expected.omegaH, 4);
  expect(actual.omegaTotal).toBeCloseTo(expected.omegaTotal, 4);
  expect(actual.omegaHAsymptotic).toBeCloseTo(expected.omegaHAsymptotic, 4);
  expect(actual.alpha).toBeCloseTo(expected.alpha, 10);
  expect(actual.flipped).toEqual(expected.flipped);
  actual.g.forEach((x, i) => expect(x, `g[${i + 1}]`).toBeCloseTo(expected.g[i]!, 3));
  actual.groups.forEach((row, i) =>
    row.forEach((x, j) =>
      expect(x, `groups[${i + 1}, ${j + 1}]`).toBeCloseTo(expected.groups[i]![j]!, 3),
    ),
  );
  expect(actual.converged).toBe(true);
  expect(actual.groupOmegas.length).toBe(expected.omegaGroup.length);
  actual.groupOmegas.forEach((row, i) => {
    const [total, general, group] = expected.omegaGroup[i]!;
    expect(row!.total, `omega.group[${i + 1}, total]`).toBeCloseTo(total!, 4);
    expect(row!.general, `omega.group[${i + 1}, general]`).toBeCloseTo(general!, 4);
    expect(row!.group, `omega.group[${i + 1}, group]`).toBeCloseTo(group!, 4);
  });
}

describe('omega agrees with psych::omega on bfi', () => {
  it('five group factors', () => {
    expectOmega(omega(bfi, 5), ref.bfi.omega5);
  });

  it('three group factors (g from a one-factor fa of Φ)', () => {
    expectOmega(omega(bfi, 3), ref.bfi.omega3);
  });

  it('the items as answered: omega flips those with a negative general loading', () => {
    const om = omega(unkeyed(bfi), 5);
    expectOmega(om, ref.bfi.omega5Unkeyed);
    expect(om.flipped.filter(Boolean).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(ref.bfi.omega1))('one factor: omega total of scale %s', (_, expected) => {
    const om = omega(sub(bfi, expected.items), 1);
    expectOmega(om, expected);
    om.groups.forEach((row) => expect(row).toEqual([0]));
  });

  it('one factor on scale A as answered: A1 flipped', () => {
    const om = omega(sub(unkeyed(bfi), ref.bfi.omega1UnkeyedA.items), 1);
    expectOmega(om, ref.bfi.omega1UnkeyedA);
    expect(om.flipped).toEqual([true, false, false, false, false]);
  });
});

describe('omega on a small made-up 6 × 6 matrix', () => {
  it('two group factors, option "equal"', () => {
    expectOmega(omega(input.small.r, 2), ref.small.omega2);
  });
  it('one factor', () => {
    expectOmega(omega(input.small.r, 1), ref.small.omega1);
  });
});

describe('omega: bad input', () => {
  it('says what is wrong', () => {
    expect(() => omega(bfi, 0)).toThrow(/FA_BAD_FACTOR_COUNT/);
    expect(() =>
      omega(
        [
          [1, 2],
          [2, 1],
        ],
        1,
      ),
    ).toThrow(/FA_OUT_OF_RANGE/);
  });
});
