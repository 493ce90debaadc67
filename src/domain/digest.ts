/**
 * The hash of the hash chains (the case trail, the read log, the administration and security
 * trails): SHA-256 or SM3 (GB/T 32905-2016, for the commercial-cryptography assessment), chosen
 * per installation (setting RONGCUO_TRAIL_HASH). A link written with SM3 says so ('sm3:' before
 * the hex digest); a bare hex digest is SHA-256, as every link before the choice existed. So a
 * verifier reads from each link which hash to recompute, and a chain begun with one hash and
 * continued with the other after a change of setting still verifies.
 */
import { createHash } from 'node:crypto';

export const TRAIL_HASHES = ['sha256', 'sm3'] as const;
export type TrailHash = (typeof TRAIL_HASHES)[number];

const SM3_PREFIX = 'sm3:';

/** The hash of one link: the previous link's hash, a newline, the canonical body. */
export function chainLink(alg: TrailHash, prevHash: string, body: string): string {
  const hex = createHash(alg).update(prevHash).update('\n').update(body).digest('hex');
  return alg === 'sm3' ? SM3_PREFIX + hex : hex;
}

/** Which hash a stored link was written with. */
export function hashOfLink(link: string): TrailHash {
  return link.startsWith(SM3_PREFIX) ? 'sm3' : 'sha256';
}
