/**
 * One-time survey tokens: 128 random bits written as 26 characters of Crockford's base32 (digits
 * and capitals without I, L, O, U, so that a token printed for a meeting room can be typed without
 * confusing 0 and O or 1 and I). Only the SHA-256 of the canonical text is stored; the token is
 * shown once, when issued. A typed token is read leniently: lower case, hyphens and spaces between
 * groups, and O, I, L for 0, 1, 1 are accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_ALPHABET, TOKEN_LENGTH } from '../../shared/evaluation.js';

/** A fresh token: 16 random bytes as 26 base32 characters (the first carries 3 bits). */
export function newToken(): string {
  let n = BigInt(`0x${randomBytes(16).toString('hex')}`);
  let out = '';
  for (let i = 0; i < TOKEN_LENGTH; i++) {
    out = TOKEN_ALPHABET[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return out;
}

/** The canonical form of a typed token, or null when it cannot be one. */
export function canonicalToken(typed: string): string | null {
  const t = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (t.length !== TOKEN_LENGTH) return null;
  for (const ch of t) if (!TOKEN_ALPHABET.includes(ch)) return null;
  // 26 × 5 = 130 bits: the first character carries only the top 3 bits of 128.
  if (TOKEN_ALPHABET.indexOf(t[0]!) > 7) return null;
  return t;
}

/** The SHA-256 of a canonical token: what survey_tokens keeps (a Buffer: both drivers take it). */
export function tokenHash(canonical: string): Uint8Array {
  return createHash('sha256').update(canonical, 'utf8').digest();
}

/** A token in groups of four for print (e.g. on a slip handed out in a meeting room). */
export function groupedToken(canonical: string): string {
  return canonical.match(/.{1,4}/g)!.join('-');
}
