/**
 * The seeded sample draw of follow-up visits (回访抽查), reproducible by anyone from the seed and the
 * population the draw logs (visit_draws.seed, .population):
 *
 *   1. The population is the candidates' determination ids sorted ascending (as text), the order
 *      the draw reads them and logs them.
 *   2. The sample size is k = ⌈share × n⌉ (at least the pack's share, rounded up; 0 when n = 0).
 *   3. A partial Fisher–Yates shuffle over a copy `a` of the population: for i = 0 … k−1, the
 *      i-th random number u_i is the first 6 bytes of SHA-256 of the UTF-8 text `${seed}:${i}`,
 *      read as a big-endian integer (0 ≤ u_i < 2^48); j = i + ⌊u_i × (n − i) / 2^48⌋; swap a[i]
 *      and a[j]. The sample is a[0 … k−1], in that order.
 *
 * `redraw(seed, population, share)` does exactly that; drawing again from a logged draw gives its
 * `selected`. The seed is 128 random bits in hex unless the liaison gives one (e.g. a number drawn
 * in public); either way it is logged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sampleSize } from '../../shared/visits.js';

export { sampleSize };

/** The i-th random number of the seed's stream, 0 ≤ u < 2^48. */
export function streamNumber(seed: string, i: number): number {
  return createHash('sha256').update(`${seed}:${i}`, 'utf8').digest().readUIntBE(0, 6);
}

/** The population in the order the draw reads it: sorted ascending, duplicates refused. */
export function orderedPopulation(ids: Iterable<string>): string[] {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted;
}

/** The sample a seed draws from an ordered population (see the top of this file). */
export function redraw(seed: string, population: readonly string[], share: number): string[] {
  const a = [...population];
  const n = a.length;
  const k = sampleSize(share, n);
  for (let i = 0; i < k; i++) {
    // In integers: u × (n − i) may pass 2^53, where a float would round.
    const j = i + Number((BigInt(streamNumber(seed, i)) * BigInt(n - i)) >> 48n);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, k);
}

/** A fresh seed: 128 random bits in hex. */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}
