/**
 * The Schmid–Leiman transformation as psych::schmid (psych 2.2.9) does it for psych::omega with
 * fm = "minres", rotate = "oblimin":
 *
 * 1. fa(R, nfactors, fm = "minres", rotate = "varimax") — the orthogonal loadings and h²;
 * 2. GPArotation::oblimin of those loadings (from the identity) — pattern F and factor correlations Φ;
 * 3. the general factor's loadings on the group factors: for 3 or more factors, a one-factor
 *    minres fa of Φ; for 2, option "equal": both √|φ₁₂| (the second signed as φ₁₂), because two
 *    factors cannot identify a higher-order factor; for 1, the factor itself (loading 1);
 * 4. g = F·gload; the group loadings are sign(F) √(F² (1 − gload²)) (psych's "sm").
 *
 * The oblimin step is not re-signed or re-ordered here (psych does not).
 */
import { Matrix } from 'ml-matrix';
import { checkCorrelation, checkFactorCount } from './fa-errors.js';
import { faMinres } from './fa.js';
import { oblimin } from './oblimin.js';

export interface SchmidResult {
  /** Loadings on the general factor, one per item. */
  readonly g: number[];
  /** Loadings on the residualized group factors, p × nfactors. */
  readonly groups: number[][];
  /** h² of the varimax solution (psych's sl[, "h2"]); u² = 1 − h². */
  readonly h2: number[];
  readonly u2: number[];
  /** The steps, for inspection: varimax loadings, oblimin pattern and Φ, g's loadings on them. */
  readonly orthogonal: number[][];
  readonly oblique: number[][];
  readonly phi: number[][] | null;
  readonly gloading: number[];
  readonly converged: boolean;
  readonly heywood: number[];
}

export function schmid(r: number[][], nfactors: number): SchmidResult {
  checkCorrelation(r);
  checkFactorCount(nfactors, r.length);
  const fact = faMinres(r, nfactors, { rotate: 'varimax' });
  const orth = new Matrix(fact.loadings);
  const oblique = nfactors === 1 ? null : oblimin(orth);
  const fload = oblique?.loadings ?? orth;
  const phi = oblique?.phi ?? null;
  const general = generalLoadings(phi);
  const g = fload.mmul(Matrix.columnVector(general.loadings)).getColumn(0);
  const groups = fload.to2DArray().map((row) =>
    row.map((f, j) => {
      const u = f * f - (f * general.loadings[j]!) ** 2;
      return Math.sign(f) * Math.sqrt(Math.max(u, 0));
    }),
  );
  return {
    g,
    groups,
    h2: fact.communalities,
    u2: fact.uniquenesses,
    orthogonal: fact.loadings,
    oblique: fload.to2DArray(),
    phi: phi?.to2DArray() ?? null,
    gloading: general.loadings,
    converged: fact.converged && (oblique?.converged ?? true) && general.converged,
    heywood: fact.heywood,
  };
}

/** The general factor's loadings on the group factors (psych's gload). */
function generalLoadings(phi: Matrix | null): { loadings: number[]; converged: boolean } {
  if (phi === null) return { loadings: [1], converged: true };
  if (phi.rows === 2) {
    // option = "equal"
    const r12 = phi.get(0, 1);
    const root = Math.sqrt(Math.abs(r12));
    return { loadings: [root, Math.sign(r12) * root], converged: true };
  }
  const higher = faMinres(phi.to2DArray(), 1, { rotate: 'none' });
  return { loadings: higher.loadings.map((row) => row[0]!), converged: higher.converged };
}
