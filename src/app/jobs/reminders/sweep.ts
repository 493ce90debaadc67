/**
 * The reminder sweep: every source's notifications for the day, inserted set-based
 * (`INSERT … SELECT … ON CONFLICT DO NOTHING`) in one plain transaction — no loop per action, so a
 * sweep over 100,000 open actions is a handful of statements (bench/reminders.ts measures it). Two
 * sweeps that race, or a sweep run again, insert nothing twice: the notifications' unique key
 * (user, kind, subject, due date) absorbs them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { today as todayOf } from '../../context.js';
import type { NotificationKind } from '../../../shared/notifications.js';
import { actionDueSoon } from './action-due-soon.js';
import { actionOverdue } from './action-overdue.js';
import { actionToVerify } from './action-to-verify.js';
import { reviewDue } from './review-due.js';
import { visitDue } from './visit-due.js';
import { DUE_SOON_WORKING_DAYS, type ReminderSource, type SweepDay } from './source.js';

/** Every reminder source the sweep runs. */
export const SOURCES: readonly ReminderSource[] = [
  actionDueSoon,
  actionOverdue,
  actionToVerify,
  reviewDue,
  visitDue,
];

/** The source that words a kind. */
export function textsOf(kind: string) {
  for (const s of SOURCES) {
    const t = s.texts[kind as NotificationKind];
    if (t) return t;
  }
  return undefined;
}

/** The recipients' tables every source may join (see ReminderSource.select). */
function commonTables(ctx: AppContext, day: string): SQL {
  const horizons = ctx.calendars
    .ids()
    .map(
      (id) =>
        sql`(${id}::text, ${ctx.calendars.get(id).addWorkingDays(day, DUE_SOON_WORKING_DAYS)}::date)`,
    );
  const horizon =
    horizons.length > 0
      ? sql`VALUES ${sql.join(horizons, sql`, `)}`
      : sql`SELECT NULL::text, NULL::date WHERE false`;
  return sql`
    WITH horizon(calendar_id, until_on) AS (${horizon}),
    case_officer AS (
      SELECT g.role, j.id AS jurisdiction_id, g.user_id
        FROM role_grants g
        JOIN users u ON u.id = g.user_id AND NOT u.disabled
        JOIN jurisdictions j ON starts_with(j.path, g.scope_path)
       WHERE g.role IN ('org_liaison', 'committee_chair')
         AND g.scope_kind = 'jurisdiction' AND g.scope_path <> ''
    ),
    unit_party AS (
      SELECT un.id AS unit_id, g.user_id
        FROM role_grants g
        JOIN users u ON u.id = g.user_id AND NOT u.disabled
        JOIN units un ON starts_with(un.path, g.scope_path)
       WHERE g.role = 'unit_party' AND g.scope_kind = 'unit' AND g.scope_path <> ''
    ),
    official_user AS (
      SELECT official_id, id AS user_id FROM users WHERE official_id IS NOT NULL AND NOT disabled
    ),
    owner_user(owner_id, user_id) AS (
      SELECT official_id, user_id FROM official_user
      UNION ALL
      SELECT unit_id, user_id FROM unit_party
    )`;
}

/** The INSERT of one source's notifications for a day. */
export function sweepStatement(
  ctx: AppContext,
  on: SweepDay,
  at: Date,
  source: ReminderSource,
): SQL {
  return sql`
    ${commonTables(ctx, on.today)}
    INSERT INTO notifications (user_id, kind, case_id, subject_id, due_on, params, created_at)
    SELECT s.user_id, s.kind, s.case_id, s.subject_id, s.due_on, s.params,
           ${at}::timestamptz
      FROM (${source.select(on)}) AS s(user_id, kind, case_id, subject_id, due_on, params)
     -- Those sent already are left out by an anti-join, a set operation (a sweep that sends
     -- nothing new costs a read of the notifications, not a conflict check per row); a sweep
     -- racing this one is caught by the unique key.
     WHERE NOT EXISTS (
       SELECT 1 FROM notifications n
        WHERE n.user_id = s.user_id AND n.kind = s.kind AND n.subject_id = s.subject_id
          AND n.due_on = s.due_on)
    ON CONFLICT (user_id, kind, subject_id, due_on) DO NOTHING`;
}

export interface SweepResult {
  readonly day: string;
  /** Notifications written, by source name. */
  readonly written: Readonly<Record<string, number>>;
  readonly total: number;
}

/** Sweeps every source for the app's today (China time), in one transaction. */
export async function sweepReminders(
  ctx: AppContext,
  sources: readonly ReminderSource[] = SOURCES,
): Promise<SweepResult> {
  const day = todayOf(ctx);
  const at = ctx.now();
  const on: SweepDay = { today: day };
  const written: Record<string, number> = {};
  await ctx.store.tx(async (_tx, raw) => {
    for (const source of sources) {
      const r = await raw.query(sweepStatement(ctx, on, at, source));
      written[source.name] = r.rowCount;
    }
  });
  return { day, written, total: Object.values(written).reduce((a, b) => a + b, 0) };
}
