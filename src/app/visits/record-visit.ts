/**
 * Recording a follow-up visit's result (回访结果): when, who visited, what they found and the
 * conclusion. One transition (runTransition): the case is locked, the rule recordVisit checked
 * with the case's visit loaded (subject.ts), the visit row written and `case.visit_recorded` appended
 * to the case's hash chain.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { VISIT_CONCLUSIONS, type VisitConclusion } from '../../shared/visits.js';
import { requireDay, requireText } from '../cases/text-input.js';
import { runTransition } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { followUpVisits } from '../tables.js';
import { withFollowUp } from './subject.js';
import { visitForChange } from './visit-row.js';

export interface RecordVisitInput {
  readonly visitId: string;
  /** The case version the liaison saw. */
  readonly expectedVersion: number;
  readonly visitedOn: string;
  readonly visitors: string;
  readonly findings: string;
  readonly conclusion: string;
}

export async function recordVisit(ctx: AppContext, actor: Actor, input: RecordVisitInput) {
  const visit = await visitForChange(ctx, actor, input.visitId);
  const today = todayOf(ctx);
  const visitedOn = requireDay('visitedOn', input.visitedOn, {
    what: { zh: '回访日期', en: 'the day of the visit' },
    notAfter: today,
    notADay: { zh: '回访日期无效，应为 YYYY-MM-DD。', en: 'not a date; use YYYY-MM-DD.' },
    tooLate: { zh: '回访日期不能晚于今天。', en: 'the visit cannot be dated after today.' },
  });
  if (visitedOn < visit.drawnOn) {
    throw invalid(
      'visitedOn',
      `回访日期不能早于抽取日期（${visit.drawnOn}）。`,
      `the visit cannot be dated before the draw (${visit.drawnOn}).`,
    );
  }
  const visitors = requireText('visitors', input.visitors, {
    what: { zh: '回访人员', en: 'who visited' },
    ...TEXT_LIMITS.visitVisitors,
  });
  const findings = requireText('findings', input.findings, {
    what: { zh: '回访情况', en: 'what the visit found' },
    ...TEXT_LIMITS.visitFindings,
  });
  if (!(VISIT_CONCLUSIONS as readonly string[]).includes(input.conclusion)) {
    throw invalid(
      'conclusion',
      `回访结论应为以下之一：${VISIT_CONCLUSIONS.join('、')}。`,
      `the conclusion is one of: ${VISIT_CONCLUSIONS.join(', ')}.`,
    );
  }
  const conclusion = input.conclusion as VisitConclusion;
  return runTransition(
    ctx,
    actor,
    'recordVisit',
    { caseId: visit.caseId, expectedVersion: input.expectedVersion },
    async ({ tx }) => {
      const written = await tx
        .update(followUpVisits)
        .set({
          state: 'done',
          visitedOn,
          visitors,
          findings,
          conclusion,
          recordedBy: actor.userId,
        })
        .where(and(eq(followUpVisits.id, visit.id), eq(followUpVisits.state, 'scheduled')))
        .returning({ id: followUpVisits.id });
      // The rule saw the visit of the determination in force scheduled; this one must be it.
      if (written.length !== 1) throw new AppError('VISIT_NOT_FOUND', { visitId: visit.id });
      return {
        event: 'case.visit_recorded',
        payload: { visitId: visit.id, visitedOn, visitors, findings, conclusion },
        result: { visitId: visit.id },
      };
    },
    { subject: (tx, loaded) => withFollowUp(tx, loaded, today) },
  );
}
