/**
 * A reminder source: one kind of thing that falls due (a correction action's deadline, a
 * verification waiting, an effectiveness review, a follow-up visit), as one set-based SELECT of the
 * notifications it owes on a day, and the words of each kind it sends. The sweep (sweep.ts) inserts
 * every source's rows with `INSERT … SELECT … ON CONFLICT DO NOTHING`, so a reminder is written once
 * however often or concurrently the sweep runs. To add a source: a module like the others here,
 * listed in SOURCES (sweep.ts), its kinds in src/shared/notifications.ts.
 */
import type { SQL } from 'drizzle-orm';
import type { I18nText } from '../../../policy/model.js';
import type { NotificationKind } from '../../../shared/notifications.js';

/**
 * Reminders go out this many working days (on the jurisdiction's calendar) before a deadline: three
 * working days leave an owner most of a working week, even across a weekend, to finish or to ask
 * for more time, without a reminder so early that it is forgotten again.
 */
export const DUE_SOON_WORKING_DAYS = 3;

/** What a source's SELECT may use, besides its parameters. */
export interface SweepDay {
  /** The day of the sweep, in China. */
  readonly today: string;
}

/** The params a notification keeps for its words (whatever its source put in them). */
export type NotificationParams = Readonly<Record<string, unknown>>;

export interface ReminderSource {
  readonly name: string;
  /**
   * A SELECT of the columns `user_id, kind, case_id, subject_id, due_on, params` (in that order)
   * of the notifications owed on the day. It may use the sweep's common table expressions:
   *
   * - `horizon(calendar_id, until_on)`: per calendar, the day DUE_SOON_WORKING_DAYS working days
   *   after today (deadlines on or before it are due soon);
   * - `case_officer(role, jurisdiction_id, user_id)`: the users holding `org_liaison` or
   *   `committee_chair` over a jurisdiction (a grant whose scope contains it), enabled accounts;
   * - `unit_party(unit_id, user_id)`: the users holding `unit_party` over a unit (a grant scoped to
   *   it or to a unit above it), enabled accounts;
   * - `official_user(official_id, user_id)`: the enabled accounts of officials.
   */
  select(day: SweepDay): SQL;
  /** The words of each kind the source sends, from its params and due date. */
  readonly texts: Partial<
    Record<NotificationKind, (params: NotificationParams, dueOn: string) => I18nText>
  >;
}

/** A param as text ('' when absent). */
export function param(params: NotificationParams, name: string): string {
  const v = params[name];
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
