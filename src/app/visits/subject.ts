/**
 * What the visit rules read of a case (CaseSubject.followUp, policies.ts): whether the impact
 * period of the determination in force runs today, and that determination's visit, if it was
 * drawn. Loaded by the visit use cases, with the case locked, and by the workbench's visit tasks
 * (queries/visit-todos.ts) as those load it.
 */
import { and, eq, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AnyDb } from '../db.js';
import { determinationInForce, type LoadedCase } from '../cases/record.js';
import { determinations, followUpVisits } from '../tables.js';

/**
 * SQL: the row of `determinations` in the query is the one in force on its case — no later one
 * was made (determinationInForce, in a set).
 */
export function inForce(db: AnyDb): SQL {
  const later = alias(determinations, 'later');
  return notExists(
    db
      .select({ one: sql`1` })
      .from(later)
      .where(
        and(
          eq(later.caseId, determinations.caseId),
          sql`${later.createdAt} > ${determinations.createdAt}`,
        ),
      ),
  );
}

/** The loaded case with its follow-up as the rules see it on `today`. */
export async function withFollowUp(
  db: AnyDb,
  loaded: LoadedCase,
  today: string,
): Promise<LoadedCase> {
  const d = await determinationInForce(db, loaded.row.id);
  const [v] = d
    ? await db
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
