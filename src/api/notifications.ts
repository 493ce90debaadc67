/**
 * In-app notifications (提醒, issue 11): GET /api/notifications lists the signed-in user's own,
 * unread first, newest first, keyset paged; GET /api/notifications/count counts the unread ones (the
 * shell's bell); POST /api/notifications/{id}/read and POST /api/notifications/read-all mark them
 * read. Written by the reminder sweep (src/app/jobs/reminders/).
 */
import { NOTIFICATION_KINDS } from '../shared/notifications.js';
import {
  Count,
  DateString,
  DateTime,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

/** The largest page of notifications. */
export const NOTIFICATION_PAGE_MAX = 50;

export const NotificationListQuery = Obj({
  cursor: Type.Optional(
    Type.String({
      maxLength: 400,
      description: 'The nextCursor of the previous page; absent for the first page.',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NOTIFICATION_PAGE_MAX, default: 20 })),
});
export type NotificationListQuery = Static<typeof NotificationListQuery>;

/** A notification's id: a whole number. */
export const NotificationId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const NotificationItem = Obj({
  id: NotificationId,
  kind: StringEnum(NOTIFICATION_KINDS),
  case: Obj({ id: Uuid, number: Type.String() }, { description: 'The case it concerns.' }),
  subjectId: Type.String({
    format: 'uuid',
    description:
      'What it is about on the case: the correction action, the correction, or the follow-up visit (visit.*: the 回访 screen opens on it, /visits?visit=…).',
  }),
  dueOn: DateString,
  text: I18nText,
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationPage = Obj({
  items: List(NotificationItem),
  unread: Count,
  nextCursor: Nullable(
    Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  ),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationCount = Obj({ unread: Count });
export type NotificationCount = Static<typeof NotificationCount>;

export const NotificationParams = Obj({ id: NotificationId });
export type NotificationParams = Static<typeof NotificationParams>;
