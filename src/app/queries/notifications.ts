/**
 * A user's notifications (migration 0021): only their own, ever. The list is read unread first,
 * newest first, a keyset page at a time, and worded on read from each notification's kind and
 * params (src/app/jobs/reminders/). It names cases, so each list is written to the read log with
 * the cases it showed; the unread count names nothing and is not logged. Marking read touches
 * only the reader's own rows (another's id is not found).
 */
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { NotificationKind } from '../../shared/notifications.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { textsOf } from '../jobs/reminders/sweep.js';
import { cases, notifications, readLog } from '../tables.js';
import { decodeCursor, encodeCursor } from './paging.js';

export const NOTIFICATION_PAGE_DEFAULT = 20;

export interface NotificationView {
  readonly id: number;
  readonly kind: NotificationKind;
  readonly case: { readonly id: string; readonly number: string };
  /** What it is about on the case: a correction action, a correction, a follow-up visit. */
  readonly subjectId: string;
  readonly dueOn: string;
  readonly text: { readonly zh: string; readonly en: string };
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface NotificationPageView {
  readonly items: readonly NotificationView[];
  readonly unread: number;
  readonly nextCursor: string | null;
}

const CURSOR_KIND = 'notifications';
const isRead = sql<boolean>`(${notifications.readAt} IS NOT NULL)`;

async function unreadOf(db: AnyDb, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    // Written so, the list's index answers it (its second column is `read_at IS NOT NULL`).
    .where(and(eq(notifications.userId, userId), sql`${isRead} IS FALSE`));
  return Number(row?.n ?? 0);
}

/** The unread count (the bell). */
export async function countUnread(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  return { unread: await unreadOf(ctx.store.db, actor.userId) };
}

/** The presenter: the fields the screen shows, worded in both languages. */
function present(row: {
  id: number;
  kind: string;
  caseId: string;
  caseNumber: string;
  subjectId: string;
  dueOn: string;
  params: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}): NotificationView {
  const words = textsOf(row.kind)?.(row.params, row.dueOn) ?? { zh: row.kind, en: row.kind };
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    case: { id: row.caseId, number: row.caseNumber },
    subjectId: row.subjectId,
    dueOn: row.dueOn,
    text: { zh: words.zh, en: words.en },
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  input: { readonly cursor?: string; readonly limit?: number } = {},
): Promise<NotificationPageView> {
  const limit = input.limit ?? NOTIFICATION_PAGE_DEFAULT;
  let after: ReturnType<typeof sql> | undefined;
  if (input.cursor !== undefined) {
    const [read, createdAt, id] = decodeCursor('cursor', input.cursor, CURSOR_KIND, 3);
    if (
      typeof read !== 'boolean' ||
      typeof createdAt !== 'string' ||
      typeof id !== 'string' ||
      !/^\d{1,15}$/.test(id) ||
      Number.isNaN(Date.parse(createdAt))
    ) {
      throw invalid(
        'cursor',
        '分页游标无效，请使用上一页返回的 nextCursor，或去掉该参数从第一页开始。',
        'the paging cursor is not valid: use the nextCursor of the previous page, or leave it out to start from the first page.',
      );
    }
    // Unread (false) before read (true); then newest first, the id breaking ties.
    after = sql`(${isRead} > ${read} OR (${isRead} = ${read} AND (${notifications.createdAt}, ${notifications.id}) < (${createdAt}::timestamptz, ${id}::bigint)))`;
  }
  return ctx.store.tx(async (tx) => {
    const rows = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        caseId: notifications.caseId,
        caseNumber: cases.number,
        subjectId: notifications.subjectId,
        dueOn: notifications.dueOn,
        params: notifications.params,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .where(and(eq(notifications.userId, actor.userId), after))
      .orderBy(isRead, desc(notifications.createdAt), desc(notifications.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(CURSOR_KIND, [
            last.readAt !== null,
            last.createdAt.toISOString(),
            String(last.id),
          ])
        : null;
    const unread = await unreadOf(tx, actor.userId);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'notification.list',
      at: ctx.now(),
      detail: { cases: [...new Set(page.map((r) => r.caseId))] },
    });
    return { items: page.map(present), unread, nextCursor };
  });
}

/** Marks one of the reader's notifications read (again: keeps the first time); NOT_FOUND otherwise. */
export async function markRead(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ unread: number }> {
  return ctx.store.tx(async (tx) => {
    const [row] = await tx
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)));
    if (!row) throw new AppError('NOT_FOUND');
    if (row.readAt === null) {
      await tx
        .update(notifications)
        .set({ readAt: ctx.now() })
        .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)));
    }
    return { unread: await unreadOf(tx, actor.userId) };
  });
}

/** Marks all the reader's unread notifications read. */
export async function markAllRead(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  await ctx.store.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return { unread: 0 };
}
