/**
 * Correction actions still open after their deadline (today is past due_on): their owner and the
 * organization department's liaison (`org_liaison`) over the case's jurisdiction are reminded.
 */
import { sql } from 'drizzle-orm';
import { param, type ReminderSource } from './source.js';

export const actionOverdue: ReminderSource = {
  name: 'correction actions overdue',
  select: ({ today }) => sql`
    SELECT r.user_id, 'correction_action.overdue', a.case_id, a.id, a.due_on,
           jsonb_build_object('number', c.number, 'task', left(a.task, 80))
      FROM correction_actions a
      JOIN cases c ON c.id = a.case_id
      JOIN owner_user r ON r.owner_id = coalesce(a.owner_official_id, a.owner_unit_id)
     WHERE a.state = 'open' AND a.due_on < ${today}::date
    UNION ALL
    SELECT r.user_id, 'correction_action.overdue', a.case_id, a.id, a.due_on,
           jsonb_build_object('number', c.number, 'task', left(a.task, 80))
      FROM correction_actions a
      JOIN cases c ON c.id = a.case_id
      JOIN case_officer r ON r.jurisdiction_id = a.jurisdiction_id AND r.role = 'org_liaison'
     WHERE a.state = 'open' AND a.due_on < ${today}::date`,
  texts: {
    'correction_action.overdue': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 的纠错措施“${param(p, 'task')}”已于 ${dueOn} 到期，尚未提交完成情况，请督促办理。`,
      en: `The correction action “${param(p, 'task')}” of case ${param(p, 'number')} was due on ${dueOn} and has not been submitted: please follow it up.`,
    }),
  },
};
