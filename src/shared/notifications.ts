import { VISIT_NOTIFICATION_KINDS } from './visits.js';

/** The kinds of in-app notification (migration 0021), defined once for the server and the web app. */
export const NOTIFICATION_KINDS = [
  /** A correction action is open and due within a few working days: its owner is reminded. */
  'correction_action.due_soon',
  /** A correction action is open past its deadline: its owner and the organization's liaison. */
  'correction_action.overdue',
  /** A correction action was submitted and waits for verification: the liaison. */
  'correction_action.to_verify',
  /** A closed correction's effectiveness review is due soon: the chair and the liaison. */
  'correction.review_due_soon',
  /** A closed correction's effectiveness review is overdue: the chair and the liaison. */
  'correction.review_overdue',
  /**
   * A follow-up visit drawn is due within a few working days (visit.due_soon) or past its due day
   * (visit.overdue) and not made: the liaison.
   */
  ...VISIT_NOTIFICATION_KINDS,
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
