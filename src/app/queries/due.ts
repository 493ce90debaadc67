/**
 * Where a case stands against its step's time limit, on the jurisdiction's working-day calendar:
 * 'overdue' after the due day, 'due_soon' when the due day is at most three working days away
 * (today included), 'on_time' otherwise; null when no clock runs (no limit, suspended, or closed).
 */
import type { Calendar } from '../../calendar/index.js';
import { TERMINAL, type CaseState } from '../../domain/case-states.js';

export type DueStatus = 'overdue' | 'due_soon' | 'on_time';

/** Working days ahead that count as "due soon". */
export const DUE_SOON_WORKING_DAYS = 3;

/** The last due day that counts as due soon, seen on `today`. */
export function dueSoonHorizon(calendar: Calendar, today: string): string {
  return calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS);
}

export function dueStatusOf(
  c: { state: string; stepDueOn: string | null; suspendedSince: string | null },
  today: string,
  horizon: string,
): DueStatus | null {
  if (c.stepDueOn === null || c.suspendedSince !== null || TERMINAL.has(c.state as CaseState)) {
    return null;
  }
  if (c.stepDueOn < today) return 'overdue';
  return c.stepDueOn <= horizon ? 'due_soon' : 'on_time';
}
