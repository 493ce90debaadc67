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
  readonly converged: boolean;
  /** Items (0-based) with a Heywood case in the minres fit. */
  readonly heywood: number[];
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
  return {
    omegaH: gsq / vt,
    omegaTotal: (vt - uniq) / vt,
    omegaHAsymptotic: gsq / (vt - uniq),
    alpha: ((vt - itemVariance) / vt) * (p / (p - 1)),
    g,
    groups,
    flipped: key.map((k) => k < 0),
    converged: sl.converged,
    heywood: sl.heywood,
  };
}
