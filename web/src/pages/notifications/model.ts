/**
 * The notifications as the shell's bell reads them (GET /api/notifications, /count): the types of
 * the server's schemas (src/api/notifications.ts).
 */
export type {
  NotificationCount,
  NotificationItem,
  NotificationPage,
} from '../../../../src/api/index.js';
