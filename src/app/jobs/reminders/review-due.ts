/**
 * Corrections closed and awaiting their effectiveness review, with the review due within
 * DUE_SOON_WORKING_DAYS working days or already past: the committee chair (`committee_chair`) and
 * the organization department's liaison (`org_liaison`) over the jurisdiction are reminded; once
 * when it comes near, once more when it is overdue.
 */
import { sql } from 'drizzle-orm';
import { param, type ReminderSource } from './source.js';

export const reviewDue: ReminderSource = {
  name: 'effectiveness reviews due',
  select: ({ today }) => sql`
    SELECT r.user_id,
           CASE WHEN k.review_due_on < ${today}::date THEN 'correction.review_overdue'
                ELSE 'correction.review_due_soon' END,
           k.case_id, k.id, k.review_due_on,
           jsonb_build_object('number', c.number, 'document', k.document_number)
      FROM corrections k
      JOIN jurisdictions j ON j.id = k.jurisdiction_id
      JOIN horizon h ON h.calendar_id = j.calendar_id
      JOIN cases c ON c.id = k.case_id
      JOIN case_officer r ON r.jurisdiction_id = k.jurisdiction_id
                         AND r.role IN ('committee_chair', 'org_liaison')
     WHERE k.state = 'awaiting_review' AND k.review_due_on <= h.until_on`,
  texts: {
    'correction.review_due_soon': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 的纠错（${param(p, 'document')}）应于 ${dueOn} 前完成成效评估，请及时安排。`,
      en: `The effectiveness review of the correction of case ${param(p, 'number')} (${param(p, 'document')}) is due on ${dueOn}: please arrange it.`,
    }),
    'correction.review_overdue': (p, dueOn) => ({
      zh: `案件 ${param(p, 'number')} 的纠错（${param(p, 'document')}）成效评估已于 ${dueOn} 到期，尚未完成，请尽快评估。`,
      en: `The effectiveness review of the correction of case ${param(p, 'number')} (${param(p, 'document')}) was due on ${dueOn} and is not done: please review it now.`,
    }),
  },
};
