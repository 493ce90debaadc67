/**
 * The resident identity card number (居民身份证号码, GB 11643-1999): 17 digits and a check
 * character computed from them (ISO 7064 MOD 11-2; 'X' stands for 10). Personnel data: the server
 * matches it exactly and shows it only masked (`maskIdCard`). Pure, for the server and the web app.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The number as stored and matched: spaces removed, a final lower-case x made upper-case. */
export function normalizeIdCard(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why a normalized number is not a valid one ('format' or 'check'), or null when it is. */
export function idCardProblem(normalized: string): 'format' | 'check' | null {
  if (!/^\d{17}[\dX]$/.test(normalized)) return 'format';
  return idCardCheckChar(normalized.slice(0, 17)) === normalized[17] ? null : 'check';
}

/** The number as shown: the first four and last four characters, the ten between as '*'. */
export function maskIdCard(idCard: string): string {
  if (idCard.length <= 8) return '*'.repeat(idCard.length);
  return `${idCard.slice(0, 4)}${'*'.repeat(idCard.length - 8)}${idCard.slice(-4)}`;
}
