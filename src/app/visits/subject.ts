/**
 * What the visit rules read of a case (CaseSubject.followUp, policies.ts): whether the impact
 * period of the determination in force runs today, and that determination's visit, if it was
 * drawn. Loaded only by the visit use cases, with the case locked.
 */
import { desc, eq } from 'drizzle-orm';
import type { AppTx } from '../db.js';
import type { LoadedCase } from '../cases/record.js';
import { determinations, followUpVisits } from '../tables.js';

export interface InForce {
  readonly id: string;
  readonly impactEndsOn: string | null;
}

/** The determination in force on a case: the latest made. */
export async function determinationInForce(tx: AppTx, caseId: string): Promise<InForce | null> {
  const [d] = await tx
    .select({ id: determinations.id, impactEndsOn: determinations.impactEndsOn })
    .from(determinations)
    .where(eq(determinations.caseId, caseId))
    .orderBy(desc(determinations.createdAt))
    .limit(1);
  return d ?? null;
}

/** The loaded case with its follow-up as the rules see it on `today`. */
export async function withFollowUp(
  tx: AppTx,
  loaded: LoadedCase,
  today: string,
): Promise<LoadedCase> {
  const d = await determinationInForce(tx, loaded.row.id);
  const [v] = d
    ? await tx
        .select({ state: followUpVisits.state, reportedOn: followUpVisits.reportedOn })
        .from(followUpVisits)
        .where(eq(followUpVisits.determinationId, d.id))
    : [];
  const visit = !v ? null : v.reportedOn ? 'reported' : v.state;
  return {
    ...loaded,
    subject: {
      ...loaded.subject,
      followUp: {
        inImpactPeriod: d?.impactEndsOn != null && d.impactEndsOn >= today,
        visit,
      },
    },
  };
}
