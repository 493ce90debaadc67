/**
 * In-app notifications (src/app/queries/notifications.ts): the signed-in user's own, and nobody
 * else's. GET /api/notifications lists them (logged: they name cases), GET
 * /api/notifications/count counts the unread ones, POST …/{id}/read and POST …/read-all mark them
 * read.
 */
import type { FastifyInstance } from 'fastify';
import {
  NotificationCount,
  NotificationListQuery,
  NotificationPage,
  NotificationParams,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
} from '../../app/queries/notifications.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';

export async function notificationRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的提醒 · My notifications',
        description:
          'The signed-in user’s own notifications — reminders of correction actions due soon or overdue, of submissions to verify and of effectiveness reviews due — unread first, newest first, a page at a time (keyset: pass nextCursor back as cursor), each worded in Chinese and English, with the unread count. Written to the read log with the cases shown.',
        querystring: NotificationListQuery,
        response: responses({ 200: NotificationPage }),
      },
    },
    async (req) => listNotifications(ctx, actorOf(req), req.query),
  );
  app.get(
    '/notifications/count',
    {
      schema: {
        tags: ['notifications'],
        summary: '未读提醒数 · Unread notifications',
        description: 'How many of the signed-in user’s notifications are unread (the bell).',
        response: responses({ 200: NotificationCount }),
      },
    },
    async (req) => countUnread(ctx, actorOf(req)),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: '全部标为已读 · Mark all read',
        description: 'Marks every unread notification of the signed-in user read.',
        response: responses({ 200: NotificationCount }),
      },
    },
    async (req) => markAllRead(ctx, actorOf(req)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标为已读 · Mark read',
        description:
          'Marks one of the signed-in user’s notifications read (a notification read before keeps the first time); the unread count after. 404 NOT_FOUND for any other id, another user’s included.',
        params: NotificationParams,
        response: responses({ 200: NotificationCount }),
      },
    },
    async (req) => markRead(ctx, actorOf(req), req.params.id),
  );
}
