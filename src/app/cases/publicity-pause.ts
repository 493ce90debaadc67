/**
 * What a review or an appeal does to a publicity (公示) that is running when it is asked for.
 *
 * The rule: the publicity is suspended, and resumes with the days it had left if the
 * determination is upheld; if the determination is changed, the publicity of the old one ends
 * there and the new determination is publicized afresh (start-publicity.ts).
 *
 * Why: the determination stays in force while it is challenged (问责条例 第二十条 "申诉期间，不停止
 * 问责决定的执行"; domain.md §5), so the publicity is not cancelled nor started over — the days
 * already run are kept. But publicity is the call for objections to a conclusion (the measure's
 * 公示, X新区办法 第十一条), and while the body that made it, or the level above, is reconsidering
 * it, objections are taken by the review itself: an organization department does not let a notice
 * run out on a conclusion that may be replaced within the month (the packs' review.decideWithin and
 * appeal.decideWithin: 30 days). The clock stops as it does for a suspension of the case (中止, suspend.ts):
 * from the day the challenge is asked for (that day does not count) until the day before it is
 * decided; the decision's day counts again.
 *
 * State is kept in columns of the challenge row (migration 0012): publicity_suspended_on,
 * publicity_due_on, publicity_days_left when it stops; publicity_resumed_on and
 * publicity_resumed_due_on when it resumes.
 */
import type { Procedure } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { addDaysIso } from '../dates.js';

export interface PublicityPause {
  readonly suspendedOn: string;
  /** The last day of the publicity as it stood when it stopped (null: the pack sets no period). */
  readonly dueOn: string | null;
  /** The days it still had to run, today included, in the unit of the pack's period. */
  readonly daysLeft: number | null;
}

/** The publicity running until `dueOn`, stopped `today`: the days left, today included. */
export function pausePublicity(
  ctx: AppContext,
  calendarId: string,
  procedure: Procedure,
  today: string,
  dueOn: string | null,
): PublicityPause {
  const period = procedure.publicity.period;
  if (dueOn === null || !period) return { suspendedOn: today, dueOn, daysLeft: null };
  const yesterday = addDaysIso(today, -1);
  const left =
    period.unit === 'working'
      ? ctx.calendars.get(calendarId).workingDaysBetween(yesterday, dueOn)
      : Math.round((Date.parse(dueOn) - Date.parse(yesterday)) / 86_400_000);
  return { suspendedOn: today, dueOn, daysLeft: Math.max(0, left) };
}

/**
 * The last day of the publicity resumed `today` with `daysLeft` days to run, today counting as
 * the first (a calendar-day period ending on a day off runs to the next working day). Nothing left:
 * the day before, so the liaison may end it at once.
 */
export function resumedDueOn(
  ctx: AppContext,
  calendarId: string,
  procedure: Procedure,
  today: string,
  daysLeft: number | null,
): { dueOn: string | null; provisional: boolean } {
  const period = procedure.publicity.period;
  if (daysLeft === null || !period) return { dueOn: null, provisional: false };
  const d = ctx.calendars
    .get(calendarId)
    .deadline({ start: addDaysIso(today, -1), unit: period.unit, days: daysLeft });
  return { dueOn: d.due, provisional: d.provisional };
}
