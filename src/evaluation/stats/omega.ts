/**
 * McDonald's omega as psych::omega(m = R, nfactors, fm = "minres", rotate = "oblimin",
 * flip = TRUE, option = "equal") computes it (psych 2.2.9, omegah), from the Schmid–Leiman
 * solution (schmid.ts):
 *
 * - items whose general loading is negative are flipped (their rows and columns of R negated);
 * - Vt = the sum of all cells of the (flipped) R; u² = 1 − h² of the varimax solution;
 * - ω_total = (Vt − Σu²) / Vt;  ω_h = (Σg)² / Vt;  ω_h asymptotic = (Σg)² / (Vt − Σu²);
 * - alpha (standardized, from R) = (Vt − p) / Vt · p / (p − 1).
 *
 * nfactors = 1 is psych's special case: one minres factor whose loadings are g, so ω_total is the
 * omega of a one-factor model (per-scale omega in the CLI) and ω_h equals it only nominally.
 */
import { checkCorrelation, checkFactorCount } from './fa-errors.js';
import { schmid } from './schmid.js';

export interface OmegaResult {
  readonly omegaH: number;
  readonly omegaTotal: number;
  readonly omegaHAsymptotic: number;
  readonly alpha: number;
  /** General-factor loadings, after flipping. */
  readonly g: number[];
  /** Group-factor loadings (Schmid–Leiman), after flipping, p × nfactors. */
  readonly groups: number[][];
  /** Items omega reversed because their general loading was negative. */
  readonly flipped: boolean[];
  /**
   * psych's omega.group: first the whole test (ω_total, ω_h, the group factors' share), then each
   * group factor over the items that load most on it (null when no item does).
   */
  readonly groupOmegas: (GroupOmega | null)[];
  readonly converged: boolean;
  /** Items (0-based) with a Heywood case in the minres fit. */
  readonly heywood: number[];
}

export interface GroupOmega {
  /** (Σ group + Σ g)² / V over the factor's items: ω_total of the subscale. */
  readonly total: number;
  /** (Σ g)² / V: what the general factor accounts for in the subscale. */
  readonly general: number;
  /** (Σ group)² / V: what the group factor alone accounts for (ω_hs, "omega hierarchical subscale"). */
  readonly group: number;
}

export function omega(r: number[][], nfactors: number): OmegaResult {
  checkCorrelation(r);
  checkFactorCount(nfactors, r.length);
  const sl = schmid(r, nfactors);
  const key = sl.g.map((x) => (x < 0 ? -1 : 1));
  const p = r.length;
  let vt = 0;
  r.forEach((row, i) => row.forEach((x, j) => (vt += key[i]! * key[j]! * x)));
  const g = sl.g.map((x, i) => x * key[i]!);
  const groups = sl.groups.map((row, i) => row.map((x) => x * key[i]!));
  const gsq = g.reduce((a, x) => a + x, 0) ** 2;
  const uniq = sl.u2.reduce((a, x) => a + x, 0);
  const itemVariance = r.reduce((a, row, i) => a + row[i]!, 0);
  const flippedR = r.map((row, i) => row.map((x, j) => key[i]! * key[j]! * x));
  return {
    omegaH: gsq / vt,
    omegaTotal: (vt - uniq) / vt,
    omegaHAsymptotic: gsq / (vt - uniq),
    alpha: ((vt - itemVariance) / vt) * (p / (p - 1)),
    g,
    groups,
    flipped: key.map((k) => k < 0),
    groupOmegas: groupOmegas(flippedR, g, groups, (vt - uniq) / vt),
    converged: sl.converged,
    heywood: sl.heywood,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

/** psych's omega.group, from the flipped R and the flipped Schmid–Leiman loadings. */
function groupOmegas(
  r: number[][],
  g: number[],
  groups: number[][],
  omegaTotal: number,
): (GroupOmega | null)[] {
  const nf = groups[0]!.length;
  // Each item belongs to the group factor it loads most on (the first, on a tie: which.max).
  const home = groups.map((row) =>
    row.reduce((best, x, j) => (Math.abs(x) > Math.abs(row[best]!) ? j : best), 0),
  );
  const vt = sum(r.map(sum));
  let groupSquares = 0;
  const perFactor = Array.from({ length: nf }, (_, f): GroupOmega | null => {
    const items = home.flatMap((h, i) => (h === f ? [i] : []));
    if (items.length === 0) return null;
    const v = sum(items.flatMap((i) => items.map((j) => r[i]![j]!)));
    const gr = sum(items.map((i) => groups[i]![f]!)) ** 2;
    const gen = sum(items.map((i) => g[i]!)) ** 2;
    groupSquares += gr;
    return { total: (gr + gen) / v, general: gen / v, group: gr / v };
  });
  const whole = { total: omegaTotal, general: sum(g) ** 2 / vt, group: groupSquares / vt };
  return [whole, ...perFactor];
}
