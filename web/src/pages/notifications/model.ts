/**
 * The notifications as the shell's bell reads them (GET /api/notifications, /count): the types of
 * the server's schemas (src/api/notifications.ts), and where following one leads.
 */
import type { NotificationItem } from '../../../../src/api/index.js';
import { VISIT_NOTIFICATION_KINDS, visitHref } from '../../shared';

export type {
  NotificationCount,
  NotificationItem,
  NotificationPage,
} from '../../../../src/api/index.js';

const ABOUT_A_VISIT: ReadonlySet<string> = new Set(VISIT_NOTIFICATION_KINDS);

/** Where a notification leads: a visit's reminder to the 回访 screen on it; any other to its case. */
export function notificationHref(n: Pick<NotificationItem, 'kind' | 'case' | 'subjectId'>): string {
  if (ABOUT_A_VISIT.has(n.kind)) return visitHref(n.subjectId);
  return `/cases/${encodeURIComponent(n.case.id)}`;
}
