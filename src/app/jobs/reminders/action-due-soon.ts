/**
 * Correction actions still open whose deadline is within DUE_SOON_WORKING_DAYS working days (on
 * the jurisdiction's calendar): their owner is reminded — the official's own account, or the
 * party organization (`unit_party`) over the owning unit.
 */
import { sql } from 'drizzle-orm';
import { param, type ReminderSource } from './source.js';

export const actionDueSoon: ReminderSource = {
  name: 'correction actions due soon',
  select: ({ today }) => sql`
    SELECT o.user_id, 'correction_action.due_soon', a.case_id, a.id, a.due_on,
           jsonb_build_object('number', c.number, 'task', left(a.task, 80))
      FROM correction_actions a
      JOIN jurisdictions j ON j.id = a.jurisdiction_id
      JOIN horizon h ON h.calendar_id = j.calendar_id
      JOIN cases c ON c.id = a.case_id
      JOIN owner_user o ON o.owner_id = coalesce(a.owner_official_id, a.owner_unit_id)
     WHERE a.state = 'open' AND a.due_on >= ${today}::date AND a.due_on <= h.until_on`,
  texts: {
    'correction_action.due_soon': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 的纠错措施“${param(p, 'task')}”将于 ${dueOn} 到期，请按期完成并提交完成情况。`,
      en: `The correction action “${param(p, 'task')}” of case ${param(p, 'number')} is due on ${dueOn}: complete it and submit the evidence in time.`,
    }),
  },
};
