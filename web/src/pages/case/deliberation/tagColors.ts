/**
 * Tag colours of the panel. Ant Design's preset tag colours (success, warning, processing…) give
 * text below WCAG AA contrast on their light grounds; a custom colour is used for the text on a
 * light tint of itself, so these are dark enough for 4.5:1 and above.
 */
export const TAG = {
  /** Outcomes, votes, the recommendation. */
  outcome: '#1f4e8c',
  /** Sitting, in force, follows the recommendation. */
  good: '#23600a',
  /** Recused, departs, not known. */
  caution: '#8a3d00',
  /** A condition that failed. */
  bad: '#a8071a',
  /** Roles and citations. */
  neutral: '#3b4a5c',
} as const;
