/**
 * Reporting thresholds (issue 12): no figure is shown for a group of fewer than k respondents
 * (primary suppression), and where a total is shown, a second group is hidden with a lone hidden
 * one (complementary suppression), because a total less the other groups would give the hidden
 * group back — its count, and its mean too (total × N − the others' sums). Reports break a
 * population down one way at a time (by jurisdiction, by one demographic item), each breakdown
 * beside its total; a total itself is shown only when the whole population reaches k.
 *
 * The complement chosen is the smallest group still shown that has respondents (a group of nobody
 * protects nothing: an empty group is known empty from the counts around it). Pure.
 */

/** k is at least this, whatever a campaign asks: an administrator may only raise it. */
export const MIN_GROUP_SIZE = 5;

/** Free-text answers are shown only for groups at least this large, by default. */
export const DEFAULT_FREE_TEXT_SIZE = 10;

/**
 * Which groups of one breakdown to hide. `counts[i]` is group i's number of respondents;
 * `totalShown` whether the breakdown's total is shown beside it (it always is in our reports).
 */
export function suppressGroups(counts: readonly number[], k: number, totalShown = true): boolean[] {
  const threshold = Math.max(k, MIN_GROUP_SIZE);
  const hidden = counts.map((n) => n > 0 && n < threshold);
  if (totalShown)
    complementLine(
      counts,
      hidden,
      counts.map((_, i) => i),
    );
  return hidden;
}

/** Hides one more cell of a line that has exactly one hidden cell; true if it hid one. */
function complementLine(
  counts: readonly number[],
  hidden: boolean[],
  line: readonly number[],
): boolean {
  if (line.filter((i) => hidden[i]).length !== 1) return false;
  const candidates = line.filter((i) => !hidden[i] && counts[i]! > 0);
  if (candidates.length === 0) return false;
  const smallest = candidates.reduce((a, b) => (counts[b]! < counts[a]! ? b : a));
  hidden[smallest] = true;
  return true;
}

/** Whether a group's results may be shown at all: k respondents or more (k at least 5). */
export function reportable(n: number, k: number): boolean {
  return n >= Math.max(k, MIN_GROUP_SIZE);
}

/** Whether a group's free-text answers may be shown: the higher free-text threshold. */
export function freeTextReportable(n: number, k: number, freeTextSize: number): boolean {
  return n >= Math.max(freeTextSize, k, MIN_GROUP_SIZE);
}
