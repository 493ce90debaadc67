/**
 * What a printed slip says about its token: the survey link (this site's address, /survey/ and
 * the token) and the token in groups for typing from paper (the server ignores the hyphens:
 * src/shared/evaluation.ts).
 */
export function surveyLink(origin: string, token: string): string {
  return `${origin}/survey/${token}`;
}

/** Characters in a group: four are read and typed without losing the place. */
const GROUP = 4;

export function groupedToken(token: string): string {
  const groups: string[] = [];
  for (let i = 0; i < token.length; i += GROUP) groups.push(token.slice(i, i + GROUP));
  return groups.join('-');
}
