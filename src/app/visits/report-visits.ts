/**
 * Sending visit results to the organization department (回访结果报送): the recorded visits chosen
 * are marked reported today, in one transaction; each case is locked, the rule reportVisit
 * checked with its visit loaded, and `case.visit_reported` appended to its hash chain. One visit that
 * may not be reported (not recorded, already reported, out of scope) refuses the whole batch.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { loadCaseForChange } from '../cases/record.js';
import { authorizeCase } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { followUpVisits } from '../tables.js';
import { appendCaseEvent } from './chain.js';
import { withFollowUp } from './subject.js';
import { visitRef } from './visit-row.js';

/** The most visits one report sends. */
export const REPORT_MAX = 200;

export async function reportVisits(
  ctx: AppContext,
  actor: Actor,
  input: { readonly visitIds: readonly string[] },
): Promise<{ reportedOn: string; visitIds: string[] }> {
  const ids = [...new Set(input.visitIds)];
  if (ids.length === 0 || ids.length > REPORT_MAX) {
    throw invalid(
      'visitIds',
      `请选择 1 至 ${REPORT_MAX} 条已记录的回访。`,
      `choose 1 to ${REPORT_MAX} recorded visits.`,
    );
  }
  return ctx.store.tx(async (tx) => {
    const today = todayOf(ctx);
    const now = ctx.now();
    for (const id of ids) {
      const ref = await visitRef(tx, actor, id);
      const loaded = await withFollowUp(tx, await loadCaseForChange(ctx, tx, ref.caseId), today);
      authorizeCase(actor, 'reportVisit', loaded.subject);
      const written = await tx
        .update(followUpVisits)
        .set({ reportedOn: today, reportedBy: actor.userId })
        .where(
          and(
            eq(followUpVisits.id, id),
            eq(followUpVisits.state, 'done'),
            isNull(followUpVisits.reportedOn),
          ),
        )
        .returning({ id: followUpVisits.id });
      // The rule saw the visit of the determination in force recorded; this one must be it.
      if (written.length !== 1) throw new AppError('VISIT_NOT_FOUND', { visitId: id });
      await appendCaseEvent(ctx, tx, loaded, actor, now, {
        type: 'case.visit_reported',
        payload: { visitId: id, reportedOn: today },
      });
    }
    return { reportedOn: today, visitIds: ids };
  });
}
