/**
 * Correction actions submitted and waiting for verification: the organization department's
 * liaison (`org_liaison`) over the case's jurisdiction is reminded, once per submission (due_on is
 * the day it was submitted, so a resubmission after "not confirmed" is reminded again).
 */
import { sql } from 'drizzle-orm';
import { param, type ReminderSource } from './source.js';

export const actionToVerify: ReminderSource = {
  name: 'correction actions to verify',
  select: () => sql`
    SELECT r.user_id, 'correction_action.to_verify', a.case_id, a.id, a.submitted_on,
           jsonb_build_object('number', c.number, 'task', left(a.task, 80))
      FROM correction_actions a
      JOIN cases c ON c.id = a.case_id
      JOIN case_officer r ON r.jurisdiction_id = a.jurisdiction_id AND r.role = 'org_liaison'
     WHERE a.state = 'submitted'`,
  texts: {
    'correction_action.to_verify': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 的纠错措施“${param(p, 'task')}”已于 ${dueOn} 提交完成情况，请组织核验。`,
      en: `The correction action “${param(p, 'task')}” of case ${param(p, 'number')} was submitted on ${dueOn}: please verify it.`,
    }),
  },
};
