/**
 * Follow-up visits (回访) drawn and not yet made, due within DUE_SOON_WORKING_DAYS working days or
 * already past their due day: the organization department's liaison (`org_liaison`) over the
 * jurisdiction is reminded; once when it comes near, once more when it is overdue. Only the visit
 * of the determination in force, on a case in which the visit rules hold (notified, publicized,
 * filed or closed), as the workbench lists it (queries/visit-todos.ts).
 */
import { sql } from 'drizzle-orm';
import { FOLLOWED_STATES } from '../../visits/draw.js';
import { param, type ReminderSource } from './source.js';

export const visitDue: ReminderSource = {
  name: 'follow-up visits due',
  select: ({ today }) => sql`
    SELECT r.user_id,
           CASE WHEN v.due_on < ${today}::date THEN 'visit.overdue' ELSE 'visit.due_soon' END,
           v.case_id, v.id, v.due_on,
           jsonb_build_object('number', c.number)
      FROM follow_up_visits v
      JOIN jurisdictions j ON j.id = v.jurisdiction_id
      JOIN horizon h ON h.calendar_id = j.calendar_id
      JOIN cases c ON c.id = v.case_id
      JOIN determinations d ON d.id = v.determination_id
      JOIN case_officer r ON r.jurisdiction_id = v.jurisdiction_id AND r.role = 'org_liaison'
     WHERE v.state = 'scheduled' AND v.due_on <= h.until_on
       AND c.state IN (${sql.join(
         FOLLOWED_STATES.map((s) => sql`${s}`),
         sql`, `,
       )})
       AND NOT EXISTS (SELECT 1 FROM determinations later
                        WHERE later.case_id = d.case_id AND later.created_at > d.created_at)`,
  texts: {
    'visit.due_soon': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 当事人的影响期回访应于 ${dueOn} 前完成，请及时安排回访并记录结果。`,
      en: `The follow-up visit of the official in case ${param(p, 'number')} is due on ${dueOn}: please arrange it and record its result.`,
    }),
    'visit.overdue': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 当事人的影响期回访已于 ${dueOn} 到期，尚未记录回访结果，请尽快回访。`,
      en: `The follow-up visit of the official in case ${param(p, 'number')} was due on ${dueOn} and its result is not recorded: please make the visit now.`,
    }),
  },
};
