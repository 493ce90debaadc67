/**
 * Tag colours, one palette for the whole app. Ant Design's preset tag colours (success, warning,
 * processing…) put mid-tone text on a pale ground, below WCAG AA contrast. These are dark enough
 * for 4.5:1 and above both ways they are used: white text on the colour (solid tags), and the
 * colour as text on a light tint of itself.
 */
export const TAG = {
  /** Done, in force, sitting, follows the recommendation. */
  success: '#23600a',
  /** Due soon, recused, departs, not known. */
  warning: '#8a3d00',
  /** Overdue, refused, a condition that failed. */
  danger: '#a8071a',
  /** Outcomes, votes, the recommendation, information. */
  info: '#1f4e8c',
  /** Emphasis that is neither good nor bad. */
  accent: '#531dab',
  /** Roles and citations. */
  neutral: '#3b4a5c',
} as const;
